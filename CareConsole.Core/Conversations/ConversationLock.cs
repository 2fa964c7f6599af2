using System.Data;
using CareConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Conversations;

/// <summary>
/// Serialises work on one conversation across every app instance: a PostgreSQL session advisory lock held on the
/// context's connection for as long as a turn runs. Two messages sent at once are answered one after the other,
/// each seeing the other's effects. The server drops the lock if the connection dies.
/// </summary>
public sealed class ConversationLock : IAsyncDisposable
{
    private readonly CareDbContext _db;
    private readonly long _key;

    private ConversationLock(CareDbContext db, long key)
    {
        _db = db;
        _key = key;
    }

    public static async Task<ConversationLock> AcquireAsync(CareDbContext db, Guid conversationId, CancellationToken cancellationToken)
    {
        var key = Key(conversationId);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({key})", cancellationToken);
        return new ConversationLock(db, key);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_db.Database.GetDbConnection().State == ConnectionState.Open)
            {
                await _db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({_key})");
            }
        }
        finally
        {
            // Even if the unlock failed, a connection going back to Npgsql's pool is reset (DISCARD ALL), which
            // releases every session lock it held.
            await _db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A 64-bit lock key from the id; version 7 ids keep their randomness in the second half.</summary>
    private static long Key(Guid id) => BitConverter.ToInt64(id.ToByteArray(), 8);
}
