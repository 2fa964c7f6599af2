using System.Text.RegularExpressions;
using CareConsole.Components.Desk;
using CareConsole.Core.Conversations;
using CareConsole.Core.Desk;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Components;

public sealed class DeskQueueTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Render_ConversationWithIdentityChecksLocked_SaysSoOnItsEntry()
    {
        QueueEntry[] entries =
        [
            Entry("I want to speak to someone", lockedUntil: Now.AddMinutes(40)),
            Entry("where is my parcel", lockedUntil: Now.AddMinutes(-5)),
            Entry("refund please", lockedUntil: null),
        ];

        var html = await RenderAsync(entries, DeskSettings.Default);

        var items = html.Split("<li", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(ComponentHtml.Text).ToList();
        Assert.Equal(3, items.Count);
        Assert.Contains("ID checks locked", items[0], StringComparison.Ordinal);
        // A lock that has run out is not news to the agent.
        Assert.DoesNotContain("ID checks locked", items[1], StringComparison.Ordinal);
        Assert.DoesNotContain("ID checks locked", items[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ApprovalHandOff_SaysNeedsApprovalOnlyWhileARequestWaits()
    {
        QueueEntry[] entries =
        [
            Entry("refund please", lockedUntil: null) with { Rule = EscalationReason.RiskyAction, AwaitingApproval = 1 },
            Entry("refund please", lockedUntil: null) with { Rule = EscalationReason.RiskyAction, Approved = 1 },
            Entry("refund please", lockedUntil: null) with { Rule = EscalationReason.RiskyAction, Rejected = 1 },
            Entry("refund please", lockedUntil: null) with { Rule = EscalationReason.RiskyAction, Approved = 1, Rejected = 1 },
            Entry("refund please", lockedUntil: null) with { Rule = EscalationReason.RiskyAction, AwaitingApproval = 1, Approved = 1 },
        ];

        var html = await RenderAsync(entries, DeskSettings.Default);

        var rules = Regex.Matches(html, "class=\"rule\"[^>]*>(?<label>[^<]*)</span>").Select(m => ComponentHtml.Text(m.Groups["label"].Value)).ToList();
        Assert.Equal(["Needs approval", "Approved", "Rejected", "Request decided", "Needs approval"], rules);
    }

    [Fact]
    public async Task Render_WaitingSince_IsShownOnTheStaffsClock()
    {
        var since = new DateTimeOffset(2026, 12, 3, 6, 30, 0, TimeSpan.Zero);
        QueueEntry[] entries = [Entry("where is my parcel", lockedUntil: null) with { WaitingSince = since }];
        var london = new DeskSettings(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));

        var india = ComponentHtml.Text(await RenderAsync(entries, DeskSettings.Default));
        var uk = ComponentHtml.Text(await RenderAsync(entries, london));

        // 06:30 UTC is noon in India, and still 06:30 in London in December; the server's own zone plays no part.
        Assert.Contains("waiting 3 h 30 min, since 12:00", india, StringComparison.Ordinal);
        Assert.Contains("waiting 3 h 30 min, since 06:30", uk, StringComparison.Ordinal);
    }

    private static Task<string> RenderAsync(QueueEntry[] entries, DeskSettings desk) =>
        ComponentHtml.RenderAsync<DeskQueue>(new Dictionary<string, object?> { ["Entries"] = entries, ["Now"] = Now }, services => services.AddSingleton(desk));

    private static QueueEntry Entry(string said, DateTimeOffset? lockedUntil) =>
        new(Guid.NewGuid(), null, Register.English, EscalationReason.CustomerRequest, "asked", null, EscalationPriority.Normal, -0.2,
            Now.AddMinutes(-3), null, null, said, Now.AddMinutes(-1), lockedUntil);
}
