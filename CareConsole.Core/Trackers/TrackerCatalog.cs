using CareConsole.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CareConsole.Core.Trackers;

/// <summary>
/// The active trackers, compiled for matching and kept in memory: every customer message and every analysis call
/// is matched without a database round trip. Reloaded when the trackers change here, and every few seconds so a
/// change made through another instance arrives too.
/// </summary>
public sealed partial class TrackerCatalog(IDbContextFactory<CareDbContext> contexts, ILogger<TrackerCatalog> logger)
{
    private volatile TrackerMatcher _matcher = TrackerMatcher.Empty;

    public TrackerMatcher Current => _matcher;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var trackers = await db.Trackers.AsNoTracking().Where(t => t.IsActive).ToListAsync(cancellationToken);
        _matcher = new TrackerMatcher(trackers);
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
