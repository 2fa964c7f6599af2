using CareConsole.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CareConsole.Core.Trackers;

/// <summary>
/// The active trackers, compiled for matching and kept in memory: every analysis call is matched without loading
/// them. Reloaded when the trackers change here, every few seconds so a change made through another instance arrives
/// too, and whenever a stored message is counted while the database holds other revisions than these.
/// </summary>
public sealed partial class TrackerCatalog(IDbContextFactory<CareDbContext> contexts, ILogger<TrackerCatalog> logger)
{
    private volatile TrackerMatcher _matcher = TrackerMatcher.Empty;

    public TrackerMatcher Current => _matcher;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await LoadAsync(db, cancellationToken);
    }

    /// <summary>
    /// The trackers exactly as the database has them now (which are active, at which revision), reloaded first if
    /// this copy differs: a message is counted by the revision in force once it is stored, never by one an edit has
    /// replaced, so the back-fill of an edit needs to reach only the messages stored before the edit.
    /// </summary>
    internal async Task<TrackerMatcher> CurrentAsync(CareDbContext db, CancellationToken cancellationToken)
    {
        var matcher = _matcher;
        // One small read per message: far cheaper than the turn around it, and what keeps every instance's counts
        // exact the moment a tracker changes, not a refresh interval later.
        var stored = await db.Trackers.AsNoTracking().Where(t => t.IsActive).Select(t => new { t.Id, t.Revision }).ToListAsync(cancellationToken);
        var same = stored.Count == matcher.Revisions.Count
            && stored.All(t => matcher.Revisions.TryGetValue(t.Id, out var revision) && revision == t.Revision);
        return same ? matcher : await LoadAsync(db, cancellationToken);
    }

    private async Task<TrackerMatcher> LoadAsync(CareDbContext db, CancellationToken cancellationToken)
    {
        var trackers = await db.Trackers.AsNoTracking().Where(t => t.IsActive).ToListAsync(cancellationToken);
        var matcher = new TrackerMatcher(trackers);
        _matcher = matcher;
        return matcher;
    }

    /// <summary>Reloads, logging rather than throwing: the last good set keeps matching while the database is away.</summary>
    internal async Task TryRefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRefreshFailed(logger, e);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not reload the keyword trackers; the previous set stays in use")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}

/// <summary>
/// Loads the <see cref="TrackerCatalog"/> before the app takes requests (so no early message goes unmatched),
/// then reloads it every few seconds. Registered after the database is up.
/// </summary>
public sealed class TrackerRefresher(IServiceProvider services) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private TrackerCatalog? _catalog;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved here, not injected: the host builds every hosted service before starting any, and the
        // catalog's database factory must not be built before the embedded database is up.
        _catalog = services.GetRequiredService<TrackerCatalog>();
        await _catalog.TryRefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await _catalog!.TryRefreshAsync(stoppingToken);
        }
    }
}
