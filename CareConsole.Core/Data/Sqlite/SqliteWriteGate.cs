using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CareConsole.Core.Data.Sqlite;

/// <summary>
/// SQLite lets one transaction write at a time. Left to themselves, the console's turns would race for that lock and
/// the losers would sleep and retry (SQLite's busy handler); since SQLite serves one console process, they queue here
/// instead, first come first served, and each starts the moment the one before it ends. The gate is taken as a
/// transaction begins (SQLite's transactions take the write lock then) and given back when it commits, rolls back,
/// fails, or its connection closes. Single-statement writes outside a transaction still rely on the busy timeout.
/// </summary>
internal sealed class SqliteWriteGate : DbConnectionInterceptor, IDbTransactionInterceptor, IDisposable
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<DbContext, byte> _holders = new(ReferenceEqualityComparer.Instance);

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (!_gate.Wait(MaxWait))
        {
            throw Busy();
        }
        Hold(eventData.Context);
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (!await _gate.WaitAsync(MaxWait, cancellationToken))
        {
            throw Busy();
        }
        Hold(eventData.Context);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Released(eventData.Context);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Released(eventData.Context);

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) =>
        Released(eventData.Context);

    // A transaction disposed without a commit or rollback (an early return) ends with its connection.
    public override void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Release(eventData.Context);

    public override Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData) => Released(eventData.Context);

    public void Dispose() => _gate.Dispose();

    private void Hold(DbContext? context)
    {
        if (context is null || !_holders.TryAdd(context, 0))
        {
            // Nothing to release it by: let it go at once rather than block every later writer.
            _gate.Release();
        }
    }

    private void Release(DbContext? context)
    {
        if (context is not null && _holders.TryRemove(context, out _))
        {
            _gate.Release();
        }
    }

    private Task Released(DbContext? context)
    {
        Release(context);
        return Task.CompletedTask;
    }

    /// <summary>The same error SQLite gives when its lock stays taken, so callers answer it the same way (503).</summary>
    private static SqliteException Busy() => new("database is locked: the write queue did not move within 15 s", 5);
}
