using Bunit;
using CareConsole.Components.Desk;
using CareConsole.Core.Conversations;
using CareConsole.Core.Desk;
using CareConsole.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Components;

public sealed class DeskQueueTests : MudComponentTest
{
    public DeskQueueTests() => Services.AddSingleton(DeskSettings.Default);

    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_ConversationWithIdentityChecksLocked_SaysSoOnItsEntry()
    {
        QueueEntry[] entries =
        [
            Entry("I want to speak to someone", lockedUntil: Now.AddMinutes(40)),
            Entry("where is my parcel", lockedUntil: Now.AddMinutes(-5)),
            Entry("refund please", lockedUntil: null),
        ];

        var items = Render(entries).FindAll("li").Select(Visible).ToList();

        Assert.Equal(3, items.Count);
        Assert.Contains("ID checks locked", items[0], StringComparison.Ordinal);
        // A lock that has run out is not news to the agent.
        Assert.DoesNotContain("ID checks locked", items[1], StringComparison.Ordinal);
        Assert.DoesNotContain("ID checks locked", items[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ApprovalHandOff_SaysNeedsApprovalOnlyWhileARequestWaits()
    {
        QueueEntry[] entries =
        [
            Entry("refund please", lockedUntil: null) with { Rule = EscalationReason.RiskyAction, AwaitingApproval = 1 },
            Entry("refund please", lockedUntil: null) with { Rule = EscalationReason.RiskyAction, Approved = 1 },
            Entry("refund please", lockedUntil: null) with { Rule = EscalationReason.RiskyAction, Rejected = 1 },
            Entry("refund please", lockedUntil: null) with { Rule = EscalationReason.RiskyAction, Approved = 1, Rejected = 1 },
            Entry("refund please", lockedUntil: null) with { Rule = EscalationReason.RiskyAction, AwaitingApproval = 1, Approved = 1 },
        ];

        var rules = Render(entries).FindAll(".rule").Select(Visible).ToList();

        Assert.Equal(["Needs approval", "Approved", "Rejected", "Request decided", "Needs approval"], rules);
    }

    [Fact]
    public async Task Render_WaitingSince_IsShownOnTheStaffsClock()
    {
        var since = new DateTimeOffset(2026, 12, 3, 6, 30, 0, TimeSpan.Zero);
        QueueEntry[] entries = [Entry("where is my parcel", lockedUntil: null) with { WaitingSince = since }];
        var london = new DeskSettings(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));

        var india = Visible(Render(entries).Find("span.waiting"));
        await using var other = new UkDesk(london);
        var uk = Visible(other.Render(entries).Find("span.waiting"));

        // 06:30 UTC is noon in India, and still 06:30 in London in December; the server's own zone plays no part.
        Assert.Equal("waiting 3 h 30 min, since 12:00", india);
        Assert.Equal("waiting 3 h 30 min, since 06:30", uk);
    }

    [Fact]
    public void Render_SelectedConversation_IsMarkedAsTheCurrentOneAndNoOtherIs()
    {
        QueueEntry[] entries = [Entry("one", null), Entry("two", null), Entry("three", null)];

        var links = Render(entries, selected: entries[1].Id).FindAll("a.queue-entry");

        Assert.Equal([null, "page", null], links.Select(a => a.GetAttribute("aria-current")));
        Assert.Equal([false, true, false], links.Select(a => a.ClassList.Contains("selected")));
        Assert.Equal($"desk/{entries[2].Id}", links[2].GetAttribute("href"));
    }

    private IRenderedComponent<DeskQueue> Render(QueueEntry[] entries, Guid? selected = null)
    {
        return Render<DeskQueue>(p => p.Add(q => q.Entries, entries).Add(q => q.Now, Now).Add(q => q.SelectedId, selected));
    }

    private static QueueEntry Entry(string said, DateTimeOffset? lockedUntil) =>
        new(Guid.NewGuid(), null, Register.English, EscalationReason.CustomerRequest, "asked", null, EscalationPriority.Normal, -0.2,
            Now.AddMinutes(-3), null, null, said, Now.AddMinutes(-1), lockedUntil);

    /// <summary>A second context for a desk in another time zone: services are fixed once a component renders.</summary>
    private sealed class UkDesk : MudComponentTest
    {
        public UkDesk(DeskSettings desk) => Services.AddSingleton(desk);

        public IRenderedComponent<DeskQueue> Render(QueueEntry[] entries) =>
            Render<DeskQueue>(p => p.Add(q => q.Entries, entries).Add(q => q.Now, Now));
    }
}
