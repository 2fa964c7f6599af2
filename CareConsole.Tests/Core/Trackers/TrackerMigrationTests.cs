using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Trackers;
using CareConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CareConsole.Tests.Core.Trackers;

/// <summary>Trackers and hits made before the phrases were split by language, upgraded in place (on the run's engine).</summary>
public sealed class TrackerMigrationTests(TestDatabases databases)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upgrade_SplitsPhrasesByLanguage_AndABackfillGivesOldHitsTheirPlaces()
    {
        var store = await databases.CreateAsync();
        long messageId;
        int trackerId;
        await using (var old = store.NewContext())
        {
            var migrations = old.Database.GetMigrations().ToList();
            // The database as it was just before the trackers' patterns came in.
            await old.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_TrackerPatterns", StringComparison.Ordinal)) - 1], Ct);
            // Conversations are as they were; messages and the trackers' tables are written as the old schema has them,
            // since later migrations add message columns the current model would try to fill.
            var conversation = Conversation.Start(Channel.Web, LanguagePreference.Auto, ConversationTokens.Create().Hash, DateTimeOffset.UtcNow);
            old.Conversations.Add(conversation);
            await old.SaveChangesAsync(Ct);
            var at = old.StoredTime(DateTimeOffset.UtcNow);
            await old.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "Messages" ("ConversationId", "Author", "Text", "Register", "CreatedAt", "IsPrivateNote", "Unanswered")
                VALUES ({conversation.Id}, {nameof(Author.Customer)}, {"Where is my REFUND? रिफ़ंड नहीं आया"}, {nameof(Register.Hinglish)}, {at}, {false}, {false})
                """, Ct);
            messageId = await old.Database.SqlQuery<long>($"""SELECT "Id" AS "Value" FROM "Messages" WHERE "ConversationId" = {conversation.Id}""").SingleAsync(Ct);
            var phrases = store.Provider == DatabaseProvider.Sqlite ? (object)"[\"refund\",\"रिफंड\",\"paisa wapas\"]" : new[] { "refund", "रिफंड", "paisa wapas" };
            await old.Database.ExecuteSqlAsync(
                $"""INSERT INTO "Trackers" ("Name", "Phrases", "IsActive", "CreatedAt", "UpdatedAt") VALUES ('Refunds', {phrases}, {true}, {at}, {at})""", Ct);
            trackerId = await old.Database.SqlQuery<int>($"""SELECT "Id" AS "Value" FROM "Trackers" WHERE "Name" = 'Refunds'""").SingleAsync(Ct);
            await old.Database.ExecuteSqlAsync(
                $"""INSERT INTO "TrackerHits" ("TrackerId", "MessageId", "ConversationId", "Phrase", "At") VALUES ({trackerId}, {messageId}, {conversation.Id}, 'refund', {at})""", Ct);
        }

        await using var instance = await TrackerInstance.CreateAsync(store);

        // Devanagari went to the Hindi list and Latin letters to English; the seeded trackers, as seeded, got theirs.
        var upgraded = (await instance.Trackers.GetAsync(trackerId, Ct))!;
        Assert.Equal(["refund", "paisa wapas"], upgraded.EnglishPhrases);
        Assert.Equal(["रिफंड"], upgraded.HindiPhrases);
        Assert.Empty(upgraded.HinglishPhrases);
        Assert.Equal((TrackerMode.Exact, TrackerSpeakers.Customer, 1, messageId), (upgraded.Mode, upgraded.Speakers, upgraded.Revision, upgraded.BackfillTarget));
        var late = (await instance.Trackers.ListAsync(Ct)).Single(s => s.Tracker.Name == "Late delivery").Tracker;
        Assert.Equal(["late", "delay", "delayed", "not delivered", "not received", "still waiting"], late.EnglishPhrases);
        Assert.Equal(["देरी", "लेट", "अभी तक नहीं आया", "कब आएगा"], late.HindiPhrases);
        Assert.Equal(["kab aayega", "abhi tak nahi aaya", "der ho gayi"], late.HinglishPhrases);
        Assert.Equal(0, await HitLengthAsync(instance, trackerId));

        await instance.NewBackfill().RunAsync(Ct);

        // Counted again by the first revision: the same one hit, now with every place it matched.
        await using var db = await instance.Contexts.CreateDbContextAsync(Ct);
        var hit = await db.TrackerHits.AsNoTracking().SingleAsync(h => h.TrackerId == trackerId, Ct);
        Assert.Equal((1, messageId, "refund"), (hit.Revision, hit.MessageId, hit.Phrase));
        Assert.Equal([new TrackerSpan(12, 6), new TrackerSpan(20, 6)], hit.Spans);
        Assert.Equal(1, (await instance.Trackers.GetAsync(trackerId, Ct))!.BackfillProgress);
    }

    private static async Task<int> HitLengthAsync(TrackerInstance instance, int trackerId)
    {
        await using var db = await instance.Contexts.CreateDbContextAsync(Ct);
        return await db.TrackerHits.Where(h => h.TrackerId == trackerId).Select(h => h.Length).SingleAsync(Ct);
    }
}
