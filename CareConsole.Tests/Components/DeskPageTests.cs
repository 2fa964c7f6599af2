using System.Security.Claims;
using Bunit;
using CareConsole.Components.Pages;
using CareConsole.Core.Conversations;
using CareConsole.Core.Desk;
using CareConsole.Core.Live;
using CareConsole.Core.Staff;
using CareConsole.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CareConsole.Tests.Components;

/// <summary>
/// The desk page on the app's real queue. The live feed is a local one the test announces changes on, standing in for
/// the database's notifications, so the test knows the page refreshed because it was told, not because it looked.
/// </summary>
public sealed class DeskPageTests(DemoAppFixture app) : MudComponentTest, IClassFixture<DemoAppFixture>
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(15);
    private readonly ConversationFeed _feed = new(NullLogger<ConversationFeed>.Instance);

    private ConversationService Conversations => app.Factory.Services.GetRequiredService<ConversationService>();

    [Fact]
    public async Task Queue_ShowsANewHandOffWhenTheFeedAnnouncesIt_MostUrgentFirst()
    {
        var desk = RenderDesk();
        var calm = await HandOffAsync("Can I talk to a person about my membership please?");
        var angry = await HandOffAsync("Worst service ever, my order never came and nobody cares. I am going to consumer court.");

        // Nothing polls: the new conversations show only once the feed says they changed.
        Assert.Empty(desk.FindAll($"li[data-conversation='{calm}']"));
        _feed.Publish(new(calm, WithPerson: true));
        _feed.Publish(new(angry, WithPerson: true));

        desk.WaitForAssertion(() => Assert.Single(desk.FindAll($"li[data-conversation='{angry}']")), Live);
        desk.WaitForAssertion(() => Assert.Single(desk.FindAll($"li[data-conversation='{calm}']")), Live);
        var shown = desk.FindAll("li[data-conversation]").Select(li => Guid.Parse(li.GetAttribute("data-conversation")!)).ToList();
        var queue = (await app.Factory.Services.GetRequiredService<DeskService>().QueueAsync(Ct)).ToDictionary(e => e.Id);
        var priorities = shown.Select(id => queue[id].Priority).ToList();
        Assert.Equal(priorities.OrderByDescending(p => p), priorities);
        Assert.True(queue[angry].Priority > queue[calm].Priority, $"{queue[angry].Priority} vs {queue[calm].Priority}");
        Assert.True(shown.IndexOf(angry) < shown.IndexOf(calm));
    }

    [Fact]
    public async Task NoConversationPicked_ShowsHowTheQueueStandsAndOpensTheMostUrgent()
    {
        var waiting = await HandOffAsync("I want to speak to a human agent");

        var desk = RenderDesk();

        var overview = desk.Find(".desk-overview");
        var queue = await app.Factory.Services.GetRequiredService<DeskService>().QueueAsync(Ct);
        var next = queue.First(e => e.AssigneeId is null);
        Assert.Equal($"desk/{next.Id}", desk.Find("a.open-next").GetAttribute("href"));
        Assert.Contains($"{queue.Count(e => e.AssigneeId is null)} waiting, not taken", Visible(overview), StringComparison.Ordinal);
        Assert.Contains(waiting, queue.Select(e => e.Id));
        Assert.Contains("Ctrl + Enter in the reply box sends to the customer", Visible(overview), StringComparison.Ordinal);
    }

    private IRenderedComponent<Desk> RenderDesk()
    {
        Services.AddSingleton(app.Factory.Services.GetRequiredService<DeskService>());
        Services.AddSingleton(_feed);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(DeskSettings.Default);
        var auth = AddAuthorization();
        auth.SetAuthorized("asha@melamart.example");
        auth.SetRoles(StaffRoles.Agent);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "agent-asha"), new Claim(StaffClaims.DisplayName, "Asha Verma"));
        RenderInteractively();
        var desk = Render<Desk>();
        desk.WaitForAssertion(() => Assert.Equal("true", desk.Find(".desk").GetAttribute("data-live")), Live);
        // The queue is read after the first render; what a test looks for is there once it has been.
        desk.WaitForAssertion(() => Assert.Equal("true", desk.Find(".desk").GetAttribute("data-loaded")), Live);
        return desk;
    }

    private async Task<Guid> HandOffAsync(string ask)
    {
        var id = (await Conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;
        var turn = await Conversations.SendAsync(id, ask, TestClients.Next(), Ct);
        Assert.True(turn.Escalated, turn.Reply);
        return id;
    }
}
