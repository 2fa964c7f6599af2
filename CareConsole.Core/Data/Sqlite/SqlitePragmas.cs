using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CareConsole.Core.Data.Sqlite;

/// <summary>
/// Per-connection settings SQLite does not keep in the file.
/// <list type="bullet">
/// <item>A busy timeout: SQLite itself waits for the write lock in steps of a few milliseconds. Without it
/// Microsoft.Data.Sqlite retries a busy statement with pauses of 150 ms, which turned a few milliseconds of waiting
/// behind another write into a long tail.</item>
/// <item><c>synchronous = NORMAL</c>, SQLite's advice for write-ahead logging: a commit is on disk once the log is
/// checkpointed rather than at every commit. The database cannot be corrupted by a crash; a power cut or an operating
/// system crash can undo the last moments of commits, which an app crash cannot. It keeps one turn's commit from
/// holding the single write lock through an fsync.</item>
/// </list>
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 15000; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
