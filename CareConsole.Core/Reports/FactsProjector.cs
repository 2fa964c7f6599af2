using CareConsole.Core.Data;
using CareConsole.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CareConsole.Core.Reports;

/// <summary>
/// Keeps every conversation's <see cref="ConversationFacts"/> in step with the conversation: whatever changed since its
/// facts were worked out (its version moved) is loaded whole and worked out again. Idempotent, so two instances doing
/// the same conversation at once only repeat each other.
/// </summary>
public sealed partial class FactsProjector(IDbContextFactory<CareDbContext> contexts, ILogger<FactsProjector> logger)
{
    /// <summary>Conversations worked out per transaction: small enough to keep a write short on SQLite.</summary>
    public const int BatchSize = 200;

    /// <summary>How many conversations have no facts or facts from an older version of themselves.</summary>
    public async Task<int> BehindAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Stale(db).CountAsync(cancellationToken);
    }

    /// <summary>Works out the facts of every conversation that changed, until none is left; returns how many it did.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        var done = 0;
        while (true)
        {
            var batch = await ProjectBatchAsync(cancellationToken);
            if (batch == 0)
            {
                return done;
            }
            done += batch;
        }
    }

    private async Task<int> ProjectBatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = await Stale(db).OrderBy(id => id).Take(BatchSize).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }
        var conversations = await db.Conversations.AsNoTracking().AsSplitQuery()
            .Include(c => c.Messages).Include(c => c.Events).Include(c => c.Escalations).Include(c => c.ActionRequests)
            .Where(c => ids.Contains(c.Id))
            .ToListAsync(cancellationToken);
        var existing = await db.ConversationFacts.Where(f => ids.Contains(f.ConversationId)).ToDictionaryAsync(f => f.ConversationId, cancellationToken);
        foreach (var conversation in conversations)
        {
            var facts = ConversationFacts.From(conversation);
            if (existing.TryGetValue(conversation.Id, out var old))
            {
                db.Entry(old).CurrentValues.SetValues(facts);
            }
            else
            {
                db.ConversationFacts.Add(facts);
            }
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            // Another instance wrote some of the same facts first; the next round sees what is still stale.
            LogRaced(logger, e.InnerException?.Message ?? e.Message);
            return 0;
        }
        return ids.Count;
    }

    private static IQueryable<Guid> Stale(CareDbContext db) =>
        db.Conversations
            .Where(c => !db.ConversationFacts.Any(f => f.ConversationId == c.Id && f.SourceVersion == c.Version))
            .Select(c => c.Id);

    [LoggerMessage(LogLevel.Debug, "Conversation facts written by another instance first: {Reason}")]
    private static partial void LogRaced(ILogger logger, string reason);
}

/// <summary>
/// Runs the <see cref="FactsProjector"/> in the background: at once when a conversation changes here (or, on
/// PostgreSQL, on any instance), and every few seconds for whatever a notification missed. A first start on an
/// existing database works out every past conversation this way, without holding up the start.
/// </summary>
public sealed partial class FactsProjection(IServiceProvider services, ConversationFeed feed, ILogger<FactsProjection> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _changed = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here: the projector's database factory must not be built before the embedded database is up.
        var projector = services.GetRequiredService<FactsProjector>();
        using var subscription = feed.Subscribe(_ => Nudge());
        var warm = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await projector.CatchUpAsync(stoppingToken);
                if (!warm)
                {
                    // Once, even if it fails: it only saves the first look a wait.
                    warm = true;
                    await WarmAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
            await _changed.WaitAsync(Interval, stoppingToken);
        }
    }

    /// <summary>
    /// Reads the last 30 days' facts once, when the facts are first up to date, so that <see cref="FactsCache"/> holds
    /// them: a manager's first look after a start then waits only for what changed since (at 100k conversations,
    /// about a second less).
    /// </summary>
    private async Task WarmAsync(CancellationToken cancellationToken)
    {
        var reports = services.GetRequiredService<ReportService>();
        var month = ReportPeriod.Ending(ReportPeriodKind.Last30Days, reports.Now, reports.Zone);
        await reports.LoadAsync(month, ReportFilter.None, cancellationToken);
    }

    private void Nudge()
    {
        if (_changed.CurrentCount == 0)
        {
            try
            {
                _changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already nudged by another change.
            }
        }
    }

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    [LoggerMessage(LogLevel.Warning, "Could not bring the dashboard's conversation facts up to date; trying again shortly")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
