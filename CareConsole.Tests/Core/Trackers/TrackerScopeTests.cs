using System.Net.Http.Json;
using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Desk;
using CareConsole.Core.Trackers;
using CareConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Core.Trackers;

/// <summary>
/// The live path in the running app: customers' messages, the assistant's answers and agents' replies are each
/// counted by the trackers whose speakers include them, as they are stored; private notes and system lines never.
/// </summary>
public sealed class TrackerScopeTests(TestDatabases databases)
{
    private static readonly DeskAgent Asha = new("agent-asha", "Asha Verma");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Replies_AreCountedOnlyByTrackersThatCountTheirSpeaker()
    {
        await using var app = await CareConsoleFactory.StartAsync(databases, demo: false);
        var trackers = app.Services.GetRequiredService<TrackerService>();
        var byCustomers = await trackers.CreateAsync(Draft("Zanzibar: customers", TrackerSpeakers.Customer), Ct);
        var byAssistant = await trackers.CreateAsync(Draft("Zanzibar: assistant", TrackerSpeakers.Assistant), Ct);
        var byAgents = await trackers.CreateAsync(Draft("Zanzibar: agents", TrackerSpeakers.Agent), Ct);
        var byAnyone = await trackers.CreateAsync(Draft("Zanzibar: anyone", TrackerSpeakers.All), Ct);
        var conversations = ScriptedAgent.Conversations(app, new ScriptedChatClient().Says("Parcels to Zanzibar leave on Monday."));
        var desk = app.Services.GetRequiredService<DeskService>();
        var id = (await conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;

        await conversations.SendAsync(id, "Do you ship to zanzibar?", TestClients.Next(), Ct);
        // Handed to a person: the hand-off note and the line saying Asha joined are system lines, never counted.
        await conversations.SendAsync(id, "zanzibar is taking too long, I want to talk to a human", TestClients.Next(), Ct);
        await desk.TakeOverAsync(id, Asha, Ct);
        await desk.ReplyAsync(id, Asha, "Your Zanzibar parcel left this morning.", [], Ct);
        await desk.AddNoteAsync(id, Asha, "zanzibar courier is slow this week", Ct);

        var hits = await HitsAsync(app, id);
        Assert.Equal(
            [(Author.Customer, "Do you ship to zanzibar?"), (Author.Customer, "zanzibar is taking too long, I want to talk to a human")],
            hits[byCustomers.Id]);
        Assert.Equal([(Author.Assistant, "Parcels to Zanzibar leave on Monday.")], hits[byAssistant.Id]);
        Assert.Equal([(Author.Agent, "Your Zanzibar parcel left this morning.")], hits[byAgents.Id]);
        Assert.Equal(4, hits[byAnyone.Id].Count);
        Assert.DoesNotContain(hits.Values.SelectMany(h => h), h => h.Text.Contains("courier", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Analyze_NamesOnlyTrackersThatCountCustomers()
    {
        await using var app = await CareConsoleFactory.StartAsync(databases, demo: false);
        var trackers = app.Services.GetRequiredService<TrackerService>();
        await trackers.CreateAsync(Draft("Zanzibar: customers", TrackerSpeakers.Customer | TrackerSpeakers.Agent), Ct);
        await trackers.CreateAsync(Draft("Zanzibar: replies", TrackerSpeakers.Assistant | TrackerSpeakers.Agent), Ct);
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/analyze", new { text = "Zanzibar delivery kab aayega?" }, Ct);
        var analysis = await response.Content.ReadFromJsonAsync<AnalysisBody>(Ct);

        Assert.Equal(["Late delivery", "Zanzibar: customers"], analysis!.Trackers.Order());
    }

    private sealed record AnalysisBody(IReadOnlyList<string> Trackers);

    private static TrackerDraft Draft(string name, TrackerSpeakers speakers) =>
        new(name, new TrackerPhrases([], [], ["zanzibar*"]), TrackerMode.Pattern, speakers);

    /// <summary>The conversation's hits by tracker, as (author, text) of the message each is on, in order.</summary>
    private static async Task<Dictionary<int, List<(Author Author, string Text)>>> HitsAsync(CareConsoleFactory app, Guid conversationId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CareDbContext>>().CreateDbContextAsync(Ct);
        var rows = await db.TrackerHits.AsNoTracking().Where(h => h.ConversationId == conversationId)
            .Join(db.Messages, h => h.MessageId, m => m.Id, (h, m) => new { h.TrackerId, m.Id, m.Author, m.Text })
            .OrderBy(r => r.Id)
            .ToListAsync(Ct);
        var byTracker = rows.GroupBy(r => r.TrackerId).ToDictionary(g => g.Key, g => g.Select(r => (r.Author, r.Text)).ToList());
        foreach (var id in await db.Trackers.Select(t => t.Id).ToListAsync(Ct))
        {
            byTracker.TryAdd(id, []);
        }
        return byTracker;
    }
}
