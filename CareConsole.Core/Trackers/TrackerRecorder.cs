using System.Data.Common;
using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CareConsole.Core.Trackers;

/// <summary>
/// Counts a message for the trackers as it is stored: a customer's message, an assistant's answer, an agent's reply
/// (never a private note or a system line), each for the trackers whose speakers include its author.
/// </summary>
public sealed partial class TrackerRecorder(TrackerCatalog catalog, ILogger<TrackerRecorder> logger)
{
    /// <summary>
    /// Stores <paramref name="message"/>'s hits (it must be saved already: the hits name its id). A failure is logged,
    /// not thrown: the stored message matters more than its count, which the tracker's next back-fill would restore.
    /// </summary>
    public async Task RecordAsync(CareDbContext db, Message message, CancellationToken cancellationToken)
    {
        if (message.IsPrivateNote || TrackerSpeakersExtensions.Of(message.Author) == TrackerSpeakers.None)
        {
            return;
        }
        try
        {
            var matcher = await catalog.CurrentAsync(db, cancellationToken);
            foreach (var matches in matcher.Match(message.Text, message.Author).GroupBy(m => m.TrackerId))
            {
                var hit = TrackerHit.Create([.. matches], matcher.Revisions[matches.Key], message.Id, message.ConversationId, message.CreatedAt);
                await SaveAsync(db, hit, cancellationToken);
            }
        }
        catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException)
        {
            LogRecordFailed(logger, message.Id, e);
        }
    }

    /// <summary>
    /// Writes <paramref name="hit"/> unless another writer (the live path, a back-fill here or on another instance)
    /// already has it: one row per tracker and message, the newest revision's. Nothing is written when the tracker is
    /// gone or has moved to another revision meanwhile, so a matcher that has not reloaded yet cannot leave hits of
    /// phrases an edit removed.
    /// </summary>
    /// <returns>1 when the row was written, 0 when it was not.</returns>
    internal static Task<int> SaveAsync(CareDbContext db, TrackerHit hit, CancellationToken cancellationToken)
    {
        var at = db.StoredTime(hit.At);
        var places = hit.Places.ToArray();
        // EF Core cannot express an insert that yields to an existing row; the values are parameters.
        return db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "TrackerHits" ("TrackerId", "MessageId", "ConversationId", "Phrase", "Start", "Length", "Places", "Revision", "At")
            SELECT {hit.TrackerId}, {hit.MessageId}, {hit.ConversationId}, {hit.Phrase}, {hit.Start}, {hit.Length}, {places}, {hit.Revision}, {at}
            WHERE EXISTS (SELECT 1 FROM "Trackers" WHERE "Id" = {hit.TrackerId} AND "Revision" = {hit.Revision})
            ON CONFLICT ("TrackerId", "MessageId") DO UPDATE SET
                "Phrase" = excluded."Phrase", "Start" = excluded."Start", "Length" = excluded."Length",
                "Places" = excluded."Places", "Revision" = excluded."Revision"
            WHERE "TrackerHits"."Revision" < excluded."Revision"
            """,
            cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "Could not store the keyword tracker hits of message {MessageId}; the message itself is stored")]
    private static partial void LogRecordFailed(ILogger logger, long messageId, Exception exception);
}
