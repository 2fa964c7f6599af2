using Microsoft.Data.Sqlite;
using Npgsql;

namespace CareConsole.Core.Data;

/// <summary>
/// Whether a failure means the database is saturated rather than broken: PostgreSQL refuses more clients, every
/// pooled connection is taken and none came free in time, or SQLite's write lock stayed taken for the whole busy
/// timeout. Such a request may succeed a moment later, so it is answered 503 with Retry-After, never 500.
/// </summary>
public static class DatabaseBusy
{
    /// <summary>How long a caller is told to wait before trying again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    // SQLITE_BUSY and SQLITE_LOCKED, with their extended codes in the low byte.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow }:
                case NpgsqlException { InnerException: TimeoutException } when e.Message.Contains("pool", StringComparison.OrdinalIgnoreCase):
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }:
                    return true;
            }
        }
        return false;
    }
}
