using System.Data;
using CareConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Conversations;

/// <summary>How many customer turns run at once, and how long a message may wait for one (<c>Turns:*</c>).</summary>
public sealed record TurnSettings
{
    /// <summary>
    /// Turns running at once. On PostgreSQL each holds a database connection for as long as it runs (its lock lives on
    /// it), so this stays well below the connection pool, leaving room for the desk, the widgets' reads and the health
    /// check.
    /// </summary>
    public int MaxConcurrent { get; init; } = 16;

    /// <summary>Messages that may wait for a turn; beyond that the console says it is busy at once.</summary>
    public int MaxWaiting { get; init; } = 500;

    /// <summary>The longest a message waits for its conversation or for a turn before the console says it is busy.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(20);

    public string? Problem() =>
        MaxConcurrent is < 1 or > 1000 ? "Turns:MaxConcurrent must be 1 to 1000."
        : MaxWaiting is < 0 or > 100_000 ? "Turns:MaxWaiting must be 0 to 100000."
        : MaxWait < TimeSpan.FromMilliseconds(100) || MaxWait > TimeSpan.FromMinutes(5) ? "Turns:MaxWait must be 0.1 s to 5 minutes."
        : null;
}

/// <summary>The console is saturated: the request stored nothing and may be sent again after <see cref="RetryAfter"/>.</summary>
public sealed class ConsoleBusyException(TimeSpan retryAfter)
    : Exception("The console is busy; try again shortly.")
{
    public TimeSpan RetryAfter => retryAfter;
}

/// <summary>
/// Serialises work on one conversation across every app instance, and bounds how many customer turns run at once.
/// Waiting costs no database connection: a message first queues in this process behind others for the same
/// conversation, then for a free turn. On PostgreSQL it then opens a connection and takes an advisory lock (which
/// another instance may hold; then it retries with the connection closed). On SQLite the queue in this process is
/// the whole lock, since SQLite serves one instance (<see cref="Data.CareDatabase"/> refuses a second). A burst of
/// messages therefore cannot drain the connection pool, and a wait that runs too long ends in
/// <see cref="ConsoleBusyException"/>.
/// </summary>
public sealed class ConversationLocks(TurnSettings settings) : IDisposable
{
    private readonly Dictionary<Guid, Gate> _conversations = [];
    private readonly Lock _table = new();
    private readonly SemaphoreSlim _turns = new(settings.MaxConcurrent, settings.MaxConcurrent);
    private int _waitingForTurn;

    /// <summary>How many in this process hold or wait for <paramref name="conversationId"/>.</summary>
    public int QueuedFor(Guid conversationId)
    {
        lock (_table)
        {
            return _conversations.TryGetValue(conversationId, out var gate) ? gate.Users : 0;
        }
    }

    /// <summary>
    /// Locks conversation <paramref name="conversationId"/> on <paramref name="db"/>'s connection until disposed.
    /// </summary>
    /// <param name="db">The context the work runs on; its connection stays open while the lock is held.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="isTurn">A customer turn, which takes one of the limited turn slots; desk actions do not.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <exception cref="ConsoleBusyException">The wait ran past <see cref="TurnSettings.MaxWait"/>, or too many wait already.</exception>
    public async Task<ConversationLock> AcquireAsync(CareDbContext db, Guid conversationId, bool isTurn, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + settings.MaxWait;
        var gate = Enter(conversationId);
        var held = new List<Action>();
        try
        {
            if (!await gate.Semaphore.WaitAsync(Remaining(deadline), cancellationToken))
            {
                throw Busy();
            }
            held.Add(() => gate.Semaphore.Release());

            if (isTurn)
            {
                if (Interlocked.Increment(ref _waitingForTurn) > settings.MaxWaiting + settings.MaxConcurrent)
                {
                    Interlocked.Decrement(ref _waitingForTurn);
                    throw Busy();
                }
                bool entered;
                try
                {
                    entered = await _turns.WaitAsync(Remaining(deadline), cancellationToken);
                }
                finally
                {
                    Interlocked.Decrement(ref _waitingForTurn);
                }
                if (!entered)
                {
                    throw Busy();
                }
                held.Add(() => _turns.Release());
            }

            if (!db.Database.IsNpgsql())
            {
                return new ConversationLock(db, key: null, held, () => Leave(conversationId, gate));
            }
            var key = Key(conversationId);
            while (true)
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
                var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({key}) AS \"Value\"").SingleAsync(cancellationToken);
                if (locked)
                {
                    return new ConversationLock(db, key, held, () => Leave(conversationId, gate));
                }
                // Another instance has this conversation: wait with the connection back in the pool.
                await db.Database.CloseConnectionAsync();
                if (DateTimeOffset.UtcNow >= deadline)
                {
                    throw Busy();
                }
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(20, 60)), cancellationToken);
            }
        }
        catch
        {
            foreach (var release in held)
            {
                release();
            }
            Leave(conversationId, gate);
            throw;
        }
    }

    public void Dispose() => _turns.Dispose();

    private ConsoleBusyException Busy() => new(TimeSpan.FromSeconds(Math.Clamp(settings.MaxWait.TotalSeconds / 4, 1, 10)));

    private static TimeSpan Remaining(DateTimeOffset deadline)
    {
        var left = deadline - DateTimeOffset.UtcNow;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private Gate Enter(Guid conversationId)
    {
        lock (_table)
        {
            if (!_conversations.TryGetValue(conversationId, out var gate))
            {
                gate = new Gate();
                _conversations[conversationId] = gate;
            }
            gate.Users++;
            return gate;
        }
    }

    /// <summary>Drops the conversation's gate once nobody holds or waits for it, so the table does not grow forever.</summary>
    private void Leave(Guid conversationId, Gate gate)
    {
        lock (_table)
        {
            if (--gate.Users == 0)
            {
                _conversations.Remove(conversationId);
            }
        }
    }

    /// <summary>A 64-bit lock key from the id; version 7 ids keep their randomness in the second half.</summary>
    private static long Key(Guid id) => BitConverter.ToInt64(id.ToByteArray(), 8);

    /// <summary>One conversation's queue in this process, with a count (under the table's lock) of who holds or waits for it.</summary>
    private sealed class Gate
    {
        public int Users { get; set; }

        public SemaphoreSlim Semaphore { get; } = new(1, 1);
    }
}

/// <summary>A held conversation lock; disposing releases it, the connection and any turn slot.</summary>
public sealed class ConversationLock : IAsyncDisposable
{
    private readonly CareDbContext _db;
    private readonly long? _key;
    private readonly List<Action> _releases;
    private readonly Action _leave;

    internal ConversationLock(CareDbContext db, long? key, List<Action> releases, Action leave)
    {
        _db = db;
        _key = key;
        _releases = releases;
        _leave = leave;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_key is not null && _db.Database.GetDbConnection().State == ConnectionState.Open)
            {
                await _db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({_key})");
            }
        }
        finally
        {
            // Even if the unlock failed, a connection going back to Npgsql's pool is reset (DISCARD ALL), which
            // releases every session lock it held.
            if (_key is not null)
            {
                await _db.Database.CloseConnectionAsync();
            }
            foreach (var release in _releases)
            {
                release();
            }
            _leave();
        }
    }
}
