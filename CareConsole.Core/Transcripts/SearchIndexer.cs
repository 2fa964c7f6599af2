using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CareConsole.Core.Transcripts;

/// <summary>
/// Gives messages kept from before transcript search existed their <see cref="Message.SearchText"/>, in the background,
/// a batch per short transaction, oldest first; each engine's index picks the words up as they are written. New
/// messages have theirs from the start, so once this has caught up it has nothing more to do.
/// </summary>
public sealed partial class SearchIndexer(IServiceProvider services) : BackgroundService
{
    public const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start-up path: SQLite runs its "async" calls synchronously.
        await Task.Yield();
        var logger = services.GetRequiredService<ILogger<SearchIndexer>>();
        try
        {
            var indexed = 0;
            for (int done; (done = await IndexBatchAsync(stoppingToken)) > 0;)
            {
                indexed += done;
            }
            if (indexed > 0)
            {
                LogIndexed(logger, indexed);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
        }
    }

    /// <summary>Indexes the oldest batch of messages without search words; returns how many it did.</summary>
    public async Task<int> IndexBatchAsync(CancellationToken cancellationToken)
    {
        // Resolved here, not injected: the host builds every hosted service before the embedded database is up.
        var contexts = services.GetRequiredService<IDbContextFactory<CareDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var batch = await db.Messages.AsNoTracking()
            .Where(m => m.SearchText == null)
            .OrderBy(m => m.Id)
            .Take(BatchSize)
            .Select(m => new { m.Id, m.Text })
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var message in batch)
        {
            var words = Message.SearchWords(message.Text);
            await db.Messages.Where(m => m.Id == message.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.SearchText, words), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Transcript search: indexed {Count} earlier messages")]
    private static partial void LogIndexed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Transcript search: indexing earlier messages failed; they are not found by search until the next start")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
