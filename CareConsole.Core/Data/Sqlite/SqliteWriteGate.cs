using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CareConsole.Core.Data.Sqlite;

/// <summary>
/// SQLite lets one transaction write at a time. Left to themselves, the console's turns would race for that lock and
/// the losers would sleep and retry (SQLite's busy handler); since SQLite serves one console process, they queue here
/// instead, first come first served, and each starts the moment the one before it ends.
/// </summary>
/// <remarks>
/// The gate is taken before a transaction begins (SQLite's transactions take the write lock as they begin; this
/// interceptor begins it itself, so a failed BEGIN gives the gate straight back) and given back when the transaction
/// commits or rolls back, or when its connection closes or is disposed (a transaction disposed without either, as
/// after an early return). Single-statement writes outside a transaction rely on the busy timeout alone.
/// </remarks>
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
        try
        {
            var transaction = connection.BeginTransaction(eventData.IsolationLevel);
            Hold(eventData.Context);
            return InterceptionResult<DbTransaction>.SuppressWithResult(transaction);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (!await _gate.WaitAsync(MaxWait, cancellationToken))
        {
            throw Busy();
        }
        try
        {
            var transaction = await connection.BeginTransactionAsync(eventData.IsolationLevel, cancellationToken);
            Hold(eventData.Context);
            return InterceptionResult<DbTransaction>.SuppressWithResult(transaction);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Released(eventData.Context);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Released(eventData.Context);

    // A failed savepoint or commit leaves the transaction open; it ends with a rollback or its connection.
    public override void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Release(eventData.Context);

    public override Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData) => Released(eventData.Context);

    public override void ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Release(eventData.Context);

    public override Task ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData) => Released(eventData.Context);

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
