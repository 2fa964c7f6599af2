using Npgsql;

namespace CareConsole.Core.Data;

/// <summary>
/// Whether a failure means the database is saturated rather than broken: the server refuses more clients, or every
/// pooled connection is taken and none came free in time. Such a request may succeed a moment later, so it is
/// answered 503 with Retry-After, never 500.
/// </summary>
public static class DatabaseBusy
{
    /// <summary>How long a caller is told to wait before trying again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow }:
                case NpgsqlException { InnerException: TimeoutException } when e.Message.Contains("pool", StringComparison.OrdinalIgnoreCase):
                    return true;
            }
        }
        return false;
    }
}
