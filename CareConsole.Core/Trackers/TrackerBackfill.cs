using CareConsole.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CareConsole.Core.Trackers;

/// <summary>How the back-fill works through history.</summary>
public sealed record TrackerBackfillSettings
{
    /// <summary>Messages read, matched and written in one step (one short transaction).</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>
    /// How often it looks for work nobody woke it for: a change made on another instance, or a back-fill a stopped
    /// process left unfinished.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(3);
}

/// <summary>Wakes the back-fill of this process at once, when a tracker was created or edited here.</summary>
public sealed class TrackerBackfillSignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken: one wake-up covers every change made before it looks.
        }
    }

    /// <summary>Waits until woken or until <paramref name="timeout"/> has passed.</summary>
    internal Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _wake.Dispose();
}

/// <summary>
/// Re-runs a created or edited tracker over every stored message, in the background, in batches in message-id order.
/// Its progress is on the tracker (<see cref="TrackerDefinition.BackfillThrough"/> of
/// <see cref="TrackerDefinition.BackfillTarget"/>), written in the same transaction as the batch's hits, so a restart
/// resumes where it stopped and another instance can carry on the work. Several workers (instances on PostgreSQL) may
/// run at once: each batch is claimed by moving the progress on from the value it read, so only one of them writes
/// it, and hits are inserted so a row already there is never counted twice.
/// </summary>
/// <remarks>
/// The back-fill reaches the newest message at the time of the change: every message stored after that is counted
/// as it is stored, by the tracker's new revision (<see cref="TrackerCatalog"/> reloads when the database holds
/// another), so none is missed and none is counted twice. When it is done, hits of earlier revisions are removed,
/// including any a turn wrote with a matcher that had not yet reloaded.
/// </remarks>
public sealed partial class TrackerBackfill(IServiceProvider services) : BackgroundService
{
    private IDbContextFactory<CareDbContext>? _contexts;
    private TrackerBackfillSettings? _settings;
    private ILogger? _logger;

    // Resolved on first use, not injected: the host builds every hosted service before starting any, and the
    // database factory must not be built before the embedded database is up.
    private IDbContextFactory<CareDbContext> Contexts => _contexts ??= services.GetRequiredService<IDbContextFactory<CareDbContext>>();

    private TrackerBackfillSettings Settings => _settings ??= services.GetService<TrackerBackfillSettings>() ?? new TrackerBackfillSettings();

    private ILogger Logger => _logger ??= services.GetRequiredService<ILogger<TrackerBackfill>>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start-up path: SQLite runs its "async" calls synchronously.
        await Task.Yield();
        var signal = services.GetRequiredService<TrackerBackfillSignal>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogBackfillFailed(Logger, e);
            }
            await signal.WaitAsync(Settings.PollInterval, stoppingToken);
        }
    }

    /// <summary>Steps until no tracker has history left to count.</summary>
    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await StepAsync(cancellationToken))
        {
        }
    }

    /// <summary>
    /// One batch of the tracker changed longest ago that still has history to count: false when none has. A batch
    /// another worker claimed first, or of a revision an edit replaced meanwhile, is dropped and looked at again.
    /// </summary>
    internal async Task<bool> StepAsync(CancellationToken cancellationToken)
    {
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        var tracker = await db.Trackers.AsNoTracking()
            .Where(t => t.BackfillTarget == null || t.BackfillThrough < t.BackfillTarget)
            .OrderBy(t => t.UpdatedAt).ThenBy(t => t.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (tracker is null)
        {
            return false;
        }
        if (tracker.BackfillTarget is not { } target)
        {
            await MeasureTargetAsync(db, tracker.Id, tracker.Revision, cancellationToken);
            return true;
        }

        var (id, revision, from) = (tracker.Id, tracker.Revision, tracker.BackfillThrough);
        var authors = tracker.Speakers.Authors();
        var batch = await db.Messages.AsNoTracking()
            .Where(m => m.Id > from && m.Id <= target && !m.IsPrivateNote && authors.Contains(m.Author))
            .OrderBy(m => m.Id)
            .Take(Settings.BatchSize)
            .Select(m => new { m.Id, m.ConversationId, m.Author, m.Text, m.CreatedAt })
            .ToListAsync(cancellationToken);
        var through = batch.Count == Settings.BatchSize ? batch[^1].Id : target;
        var matcher = TrackerMatcher.For(tracker);
        var hits = batch
            .Select(m => (Message: m, Matches: matcher.Match(m.Text, m.Author)))
            .Where(m => m.Matches.Count > 0)
            .Select(m => TrackerHit.Create(m.Matches, revision, m.Message.Id, m.Message.ConversationId, m.Message.CreatedAt))
            .ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The claim: progress moves only from where this worker read it, and only for the revision it matched.
        var claimed = await db.Trackers
            .Where(t => t.Id == id && t.Revision == revision && t.BackfillThrough == from)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.BackfillThrough, through), cancellationToken);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return true;
        }
        foreach (var hit in hits)
        {
            await TrackerRecorder.SaveAsync(db, hit, cancellationToken);
        }
        if (through >= target)
        {
            await db.TrackerHits.Where(h => h.TrackerId == id && h.Revision < revision).ExecuteDeleteAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        LogBatchDone(Logger, id, revision, through, target, hits.Count);
        return true;
    }

    /// <summary>
    /// Sets how far the back-fill of <paramref name="revision"/> must go: the newest message now. Asked once the
    /// revision is saved, so any message stored later is counted as it is stored, by that revision; asked again
    /// (harmlessly) by whichever worker finds it unset after a crash.
    /// </summary>
    internal static async Task MeasureTargetAsync(CareDbContext db, int trackerId, int revision, CancellationToken cancellationToken)
    {
        var newest = await db.Messages.MaxAsync(m => (long?)m.Id, cancellationToken) ?? 0;
        await db.Trackers
            .Where(t => t.Id == trackerId && t.Revision == revision && t.BackfillTarget == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.BackfillTarget, newest), cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "The keyword trackers' back-fill failed; it tries again shortly")]
    private static partial void LogBackfillFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Debug, "Tracker {TrackerId} revision {Revision}: counted through message {Through} of {Target}, {Hits} hits")]
    private static partial void LogBatchDone(ILogger logger, int trackerId, int revision, long through, long target, int hits);
}
