using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Trackers;
using CareConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Tests.Core.Trackers;

/// <summary>
/// A created or edited tracker counted over thousands of stored messages in the background, on a real database (the
/// run's engine; PostgreSQL by name for two instances at once).
/// </summary>
public sealed class TrackerBackfillTests(TestDatabases databases)
{
    private static readonly DeskAgent Asha = new("agent-asha", "Asha Verma");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Refunds, in English and Hindi, from customers and agents.</summary>
    private static readonly TrackerDraft Refunds = new("Refunds", new(["refund*"], ["रिफंड*"], []), TrackerMode.Pattern, TrackerSpeakers.Customer | TrackerSpeakers.Agent);

    /// <summary>The same tracker edited: "late", exact, from customers and the assistant.</summary>
    private static readonly TrackerDraft Late = new("Refunds", new(["late"], [], []), TrackerMode.Exact, TrackerSpeakers.Customer | TrackerSpeakers.Assistant);

    // What each draft must find, read straight off the stored messages: the oracle shares no code with the matcher.
    private static bool RefundsHits(StoredMessage m) =>
        m.Author is Author.Customer or Author.Agent && !m.IsPrivateNote
        && (m.Text.Contains("refund", StringComparison.OrdinalIgnoreCase) || m.Text.Contains("रिफ़ंड", StringComparison.Ordinal));

    private static bool LateHits(StoredMessage m) =>
        m.Author is Author.Customer or Author.Assistant && m.Text.Split(' ', ',', '.').Contains("late");

    [Fact]
    public async Task Backfill_OverThreeThousandMessages_ReachesProgressOneWithExactlyTheExpectedHits()
    {
        await using var instance = await TrackerInstance.CreateAsync(await databases.CreateAsync(), batchSize: 250);
        var history = await AddHistoryAsync(instance, conversations: 60);
        await instance.StartBackfillAsync();

        var created = await instance.Trackers.CreateAsync(Refunds, Ct);

        // Measured when the tracker was saved: the newest message is where the back-fill must get to.
        Assert.Equal(history.Max(m => m.Id), created.BackfillTarget);
        await Poll.UntilAsync(async ct => (await instance.Trackers.GetAsync(created.Id, ct))!.BackfillProgress == 1, TimeSpan.FromSeconds(90));
        var expected = history.Where(RefundsHits).Select(m => m.Id).ToList();
        Assert.Equal(900, expected.Count);
        var hits = await HitsAsync(instance, created.Id);
        Assert.Equal(expected, hits.Select(h => h.MessageId));
        Assert.All(hits, h => Assert.Equal(1, h.Revision));
        var summary = Assert.Single(await instance.Trackers.ListAsync(Ct), s => s.Tracker.Id == created.Id);
        Assert.Equal((900, 1.0), (summary.Hits, summary.BackfillProgress));
        // Each hit says where in its message the tracker matched, as the customer or agent wrote it.
        var texts = history.ToDictionary(m => m.Id, m => m.Text);
        Assert.All(hits, h => Assert.All(h.Spans, s => Assert.StartsWith(
            texts[h.MessageId].Contains("रिफ़ंड", StringComparison.Ordinal) ? "रिफ़ंड" : "refund",
            texts[h.MessageId].Substring(s.Start, s.Length), StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(hits, h => h.Spans.Count == 2);
    }

    [Fact]
    public async Task Change_OfPhrasesModeAndSpeakers_ReplacesEveryOldHitWithTheNewRevisionsOnly()
    {
        await using var instance = await TrackerInstance.CreateAsync(await databases.CreateAsync());
        var history = await AddHistoryAsync(instance, conversations: 20);
        var backfill = instance.NewBackfill();
        var created = await instance.Trackers.CreateAsync(Refunds, Ct);
        await backfill.RunAsync(Ct);
        Assert.Equal(300, (await HitsAsync(instance, created.Id)).Count);

        var changed = await instance.Trackers.ChangeAsync(created.Id, Late, Ct);

        // The old revision's hits go with the edit; the new one starts from the first message.
        Assert.Equal((2, 0L, 0.0), (changed.Revision, changed.BackfillThrough, changed.BackfillProgress));
        Assert.Empty(await HitsAsync(instance, created.Id));
        await backfill.RunAsync(Ct);
        var hits = await HitsAsync(instance, created.Id);
        Assert.Equal(history.Where(LateHits).Select(m => m.Id), hits.Select(h => h.MessageId));
        Assert.All(hits, h => Assert.Equal((2, "late"), (h.Revision, h.Phrase)));
        Assert.Equal(1, (await instance.Trackers.GetAsync(created.Id, Ct))!.BackfillProgress);
    }

    [Fact]
    public async Task Change_HitsOfTheOldRevisionWrittenAfterTheEdit_AreRefusedOrRemovedByTheBackfill()
    {
        await using var instance = await TrackerInstance.CreateAsync(await databases.CreateAsync());
        var history = await AddHistoryAsync(instance, conversations: 4);
        var backfill = instance.NewBackfill();
        var created = await instance.Trackers.CreateAsync(Refunds, Ct);
        await backfill.RunAsync(Ct);
        await instance.Trackers.ChangeAsync(created.Id, Late, Ct);
        var refund = history.First(RefundsHits);
        var stale = new TrackerMatch(created.Id, "Refunds", "refund*", 0, 6);
        int[] places = [0, 6];

        // A turn whose matcher has not reloaded yet: what it writes names the replaced revision, and is refused.
        await using (var db = await instance.Contexts.CreateDbContextAsync(Ct))
        {
            Assert.Equal(0, await TrackerRecorder.SaveAsync(db, TrackerHit.Create([stale], 1, refund.Id, refund.ConversationId, DateTimeOffset.UtcNow), Ct));
            // One that checked the revision just before the edit was saved slips in; nothing stops it but the back-fill.
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "TrackerHits" ("TrackerId", "MessageId", "ConversationId", "Phrase", "Start", "Length", "Places", "Revision", "At")
                VALUES ({created.Id}, {refund.Id}, {refund.ConversationId}, 'refund*', 0, 6, {places}, 1, {db.StoredTime(DateTimeOffset.UtcNow)})
                """, Ct);
        }
        await backfill.RunAsync(Ct);

        var hits = await HitsAsync(instance, created.Id);
        Assert.DoesNotContain(hits, h => h.Revision == 1 || h.MessageId == refund.Id);
        Assert.Equal(history.Where(LateHits).Select(m => m.Id), hits.Select(h => h.MessageId));
    }

    [Fact]
    public async Task Backfill_AfterARestart_ResumesFromThePersistedProgressWithoutRedoingDoneWork()
    {
        var store = await databases.CreateAsync();
        var id = 0;
        List<StoredMessage> history;
        long through;
        long? deleted;
        await using (var before = await TrackerInstance.CreateAsync(store, batchSize: 100))
        {
            history = await AddHistoryAsync(before, conversations: 20);
            id = (await before.Trackers.CreateAsync(Refunds, Ct)).Id;
            var backfill = before.NewBackfill();
            Assert.True(await backfill.StepAsync(Ct));
            Assert.True(await backfill.StepAsync(Ct));

            // Two batches of a hundred messages the tracker reads (customers' and agents'), and their hits, are stored.
            var read = history.Where(m => m.Author is Author.Customer or Author.Agent && !m.IsPrivateNote).Select(m => m.Id).ToList();
            var stored = (await before.Trackers.GetAsync(id, Ct))!;
            through = stored.BackfillThrough;
            Assert.Equal(read[199], through);
            Assert.InRange(stored.BackfillProgress, 0.01, 0.99);
            var done = await HitsAsync(before, id);
            Assert.Equal(history.Where(m => m.Id <= through && RefundsHits(m)).Select(m => m.Id), done.Select(h => h.MessageId));
            // A hit in the done part that goes missing shows whether the next run reads that part again.
            deleted = done[0].MessageId;
            await using var db = await before.Contexts.CreateDbContextAsync(Ct);
            await db.TrackerHits.Where(h => h.TrackerId == id && h.MessageId == deleted).ExecuteDeleteAsync(Ct);
        }

        // The process stopped; a new one finds the work on the tracker and carries on from there.
        await using var after = await TrackerInstance.CreateAsync(store, batchSize: 100);
        var resumed = after.NewBackfill();
        Assert.True(await resumed.StepAsync(Ct));
        var next = (await after.Trackers.GetAsync(id, Ct))!.BackfillThrough;
        Assert.Equal(history.Where(m => m.Author is Author.Customer or Author.Agent && !m.IsPrivateNote).Select(m => m.Id).ToList()[299], next);
        await resumed.RunAsync(Ct);

        Assert.Equal(1, (await after.Trackers.GetAsync(id, Ct))!.BackfillProgress);
        var hits = await HitsAsync(after, id);
        Assert.Equal(history.Where(RefundsHits).Select(m => m.Id).Where(m => m != deleted), hits.Select(h => h.MessageId));
    }

    [Fact]
    public async Task Backfill_TwoInstancesAtOnceOnPostgres_CountEachMessageOnce()
    {
        var store = await databases.CreatePostgresAsync();
        await using var first = await TrackerInstance.CreateAsync(store, batchSize: 40);
        await using var second = await TrackerInstance.CreateAsync(store, batchSize: 40);
        var history = await AddHistoryAsync(first, conversations: 40);
        var id = (await first.Trackers.CreateAsync(Refunds, Ct)).Id;

        // Both find the same work at the same moment, on connections of their own.
        using var start = new Barrier(2);
        await Task.WhenAll(
            Task.Run(async () => { start.SignalAndWait(Ct); await first.NewBackfill().RunAsync(Ct); }, Ct),
            Task.Run(async () => { start.SignalAndWait(Ct); await second.NewBackfill().RunAsync(Ct); }, Ct));

        var hits = await HitsAsync(first, id);
        Assert.Equal(history.Where(RefundsHits).Select(m => m.Id), hits.Select(h => h.MessageId));
        Assert.Equal(1, (await second.Trackers.GetAsync(id, Ct))!.BackfillProgress);
        var summary = Assert.Single(await second.Trackers.ListAsync(Ct), s => s.Tracker.Id == id);
        Assert.Equal(600, summary.Hits);
    }

    [Fact]
    public async Task LiveHits_OfMessagesStoredWhileTheBackfillRuns_AreCountedOnce()
    {
        await using var instance = await TrackerInstance.CreateAsync(await databases.CreateAsync(), batchSize: 100);
        var history = await AddHistoryAsync(instance, conversations: 10);
        // Stored before the tracker was made, but its turn counts it only after: the back-fill and the turn both find it.
        var meanwhile = await AddMessageAsync(instance, Author.Customer, "refund kab milega?");
        var created = await instance.Trackers.CreateAsync(Refunds, Ct);
        var backfill = instance.NewBackfill();
        Assert.True(await backfill.StepAsync(Ct));

        await RecordAsync(instance, meanwhile);
        var later = await AddMessageAsync(instance, Author.Agent, "Your refund is on its way.");
        await RecordAsync(instance, later);
        var progress = (await instance.Trackers.GetAsync(created.Id, Ct))!.BackfillProgress;
        await backfill.RunAsync(Ct);

        Assert.InRange(progress, 0.01, 0.99);
        Assert.True(meanwhile <= created.BackfillTarget && later > created.BackfillTarget);
        var hits = await HitsAsync(instance, created.Id);
        Assert.Single(hits, h => h.MessageId == meanwhile);
        Assert.Single(hits, h => h.MessageId == later);
        Assert.Equal([.. history.Where(RefundsHits).Select(m => m.Id), meanwhile, later], hits.Select(h => h.MessageId));
    }

    [Fact]
    public async Task LiveHits_OnAnotherInstanceBeforeItsRefresh_CountByTheRevisionInTheDatabase()
    {
        var store = await databases.CreatePostgresAsync();
        await using var editing = await TrackerInstance.CreateAsync(store);
        await using var other = await TrackerInstance.CreateAsync(store);
        // The other instance has read the trackers before this one changes them, and would not reload for seconds.
        await other.Catalog.RefreshAsync(Ct);
        var created = await editing.Trackers.CreateAsync(Refunds, Ct);

        var refund = await AddMessageAsync(other, Author.Customer, "refund please");
        await RecordAsync(other, refund);
        var first = Assert.Single(await HitsAsync(editing, created.Id));
        Assert.Equal((refund, 1), (first.MessageId, first.Revision));
        await editing.Trackers.ChangeAsync(created.Id, Late, Ct);
        var stillRefund = await AddMessageAsync(other, Author.Customer, "refund please, it is late");
        await RecordAsync(other, stillRefund);

        var hit = Assert.Single(await HitsAsync(editing, created.Id));
        Assert.Equal((stillRefund, 2, "late"), (hit.MessageId, hit.Revision, hit.Phrase));
    }

    [Fact]
    public async Task PauseResumeAndDelete_KeepHitsWhilePaused_CountAgainWhenResumed_AndDeleteTheirHits()
    {
        await using var instance = await TrackerInstance.CreateAsync(await databases.CreateAsync());
        await AddHistoryAsync(instance, conversations: 2);
        var id = (await instance.Trackers.CreateAsync(Refunds, Ct)).Id;
        await instance.NewBackfill().RunAsync(Ct);
        var counted = (await HitsAsync(instance, id)).Count;

        await instance.Trackers.PauseAsync(id, Ct);
        await RecordAsync(instance, await AddMessageAsync(instance, Author.Customer, "refund while paused"));
        Assert.Equal(counted, (await HitsAsync(instance, id)).Count);
        Assert.False((await instance.Trackers.GetAsync(id, Ct))!.IsActive);

        await instance.Trackers.ResumeAsync(id, Ct);
        await RecordAsync(instance, await AddMessageAsync(instance, Author.Customer, "refund once resumed"));
        Assert.Equal(counted + 1, (await HitsAsync(instance, id)).Count);

        await instance.Trackers.DeleteAsync(id, Ct);
        Assert.Null(await instance.Trackers.GetAsync(id, Ct));
        Assert.Empty(await HitsAsync(instance, id));
        await Assert.ThrowsAsync<TrackerNotFoundException>(() => instance.Trackers.PauseAsync(id, Ct));
        await Assert.ThrowsAsync<TrackerNotFoundException>(() => instance.Trackers.DeleteAsync(id, Ct));
    }

    [Fact]
    public async Task Create_NameOfAnotherTrackerInAnyCase_IsRefused_AndARenameKeepsTheHits()
    {
        await using var instance = await TrackerInstance.CreateAsync(await databases.CreateAsync());
        await AddHistoryAsync(instance, conversations: 2);
        var refunds = await instance.Trackers.CreateAsync(Refunds, Ct);
        await instance.NewBackfill().RunAsync(Ct);

        var taken = await Assert.ThrowsAsync<ArgumentException>(() => instance.Trackers.CreateAsync(Refunds with { Name = "late DELIVERY" }, Ct));
        var renamed = await instance.Trackers.ChangeAsync(refunds.Id, Refunds with { Name = "Money back" }, Ct);

        Assert.Equal("There is already a tracker named \"late DELIVERY\"; choose another name.", taken.Message);
        Assert.Equal(("Money back", 1, 1.0), (renamed.Name, renamed.Revision, renamed.BackfillProgress));
        Assert.Equal(30, (await HitsAsync(instance, refunds.Id)).Count);
    }

    /// <summary>A message as the back-fill reads it.</summary>
    private sealed record StoredMessage(long Id, Guid ConversationId, Author Author, bool IsPrivateNote, string Text);

    /// <summary>
    /// Conversations of fifty messages each, the same ten kinds in turn: customers, the assistant, an agent's replies,
    /// private notes and system lines, some naming refunds (in English or Devanagari, with a nukta) and some lateness.
    /// </summary>
    private static async Task<List<StoredMessage>> AddHistoryAsync(TrackerInstance instance, int conversations)
    {
        var at = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        await using var db = await instance.Contexts.CreateDbContextAsync(Ct);
        for (var c = 0; c < conversations; c++)
        {
            var conversation = Conversation.Start(Channel.Web, LanguagePreference.Auto, ConversationTokens.Create().Hash, at);
            for (var i = 0; i < 50; i++)
            {
                at = at.AddSeconds(7);
                var n = (c * 50) + i;
                conversation.Messages.Add((i % 10) switch
                {
                    0 => Message.Create(Author.Customer, $"Where is my order {n}?", Register.English, at),
                    1 => Message.Create(Author.Assistant, $"Your order {n} is on its way, sorry it is late.", Register.English, at),
                    2 => Message.Create(Author.Customer, $"I want a refund for order {n}, refund it today", Register.English, at),
                    3 => Message.Create(Author.Assistant, "Refunds take 5 to 7 days after pickup.", Register.English, at),
                    4 => Message.Create(Author.Customer, "the delivery is late again", Register.English, at),
                    5 => Message.FromStaff(Asha, $"I have refunded ₹{n} to your card.", privateNote: false, Register.English, at),
                    6 => Message.FromStaff(Asha, "refund approved, courier late", privateNote: true, Register.English, at),
                    7 => Message.Create(Author.System, "Asha from the refund desk joined, late shift", Register.English, at),
                    8 => Message.Create(Author.Customer, "प्रोडक्ट वापस करना है, रिफ़ंड चाहिए", Register.Hindi, at),
                    _ => Message.Create(Author.Customer, "thanks", Register.English, at),
                });
            }
            db.Conversations.Add(conversation);
        }
        await db.SaveChangesAsync(Ct);
        return await db.Messages.AsNoTracking().OrderBy(m => m.Id)
            .Select(m => new StoredMessage(m.Id, m.ConversationId, m.Author, m.IsPrivateNote, m.Text))
            .ToListAsync(Ct);
    }

    /// <summary>A message stored in a new conversation, as a turn stores it before counting it.</summary>
    private static async Task<long> AddMessageAsync(TrackerInstance instance, Author author, string text)
    {
        await using var db = await instance.Contexts.CreateDbContextAsync(Ct);
        var conversation = Conversation.Start(Channel.Web, LanguagePreference.Auto, ConversationTokens.Create().Hash, DateTimeOffset.UtcNow);
        var message = author == Author.Agent
            ? Message.FromStaff(Asha, text, privateNote: false, Register.English, DateTimeOffset.UtcNow)
            : Message.Create(author, text, Register.English, DateTimeOffset.UtcNow);
        conversation.Messages.Add(message);
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(Ct);
        return message.Id;
    }

    /// <summary>What the live path does once a message is stored.</summary>
    private static async Task RecordAsync(TrackerInstance instance, long messageId)
    {
        await using var db = await instance.Contexts.CreateDbContextAsync(Ct);
        var message = await db.Messages.SingleAsync(m => m.Id == messageId, Ct);
        await instance.Recorder.RecordAsync(db, message, Ct);
    }

    private static async Task<List<TrackerHit>> HitsAsync(TrackerInstance instance, int trackerId)
    {
        await using var db = await instance.Contexts.CreateDbContextAsync(Ct);
        return await db.TrackerHits.AsNoTracking().Where(h => h.TrackerId == trackerId).OrderBy(h => h.MessageId).ToListAsync(Ct);
    }
}
