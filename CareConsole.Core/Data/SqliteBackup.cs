using Microsoft.Data.Sqlite;

namespace CareConsole.Core.Data;

/// <summary>
/// A consistent copy of the SQLite database, taken with SQLite's online backup while the console keeps running (it
/// copies a snapshot page by page; writers are not stopped). The copy is written beside the target and renamed into
/// place, so the target is never a half-written file.
/// </summary>
public static class SqliteBackup
{
    /// <summary>Copies <paramref name="databaseFile"/> to <paramref name="target"/>, replacing an earlier copy there.</summary>
    /// <returns>The size of the copy in bytes.</returns>
    /// <exception cref="DatabaseUnavailableException">There is no database to copy, or the target is unusable.</exception>
    public static async Task<long> CopyAsync(string databaseFile, string target, CancellationToken cancellationToken)
    {
        var source = Path.GetFullPath(databaseFile);
        target = Path.GetFullPath(target);
        if (!File.Exists(source))
        {
            throw new DatabaseUnavailableException($"There is no database at {source} to back up yet; start the console once first.");
        }
        if (string.Equals(source, target, StringComparison.Ordinal) || target.StartsWith(source + "-", StringComparison.Ordinal))
        {
            throw new DatabaseUnavailableException("The backup must go to another file than the database itself.");
        }
        if (Directory.Exists(target) || Path.GetDirectoryName(target) is not { } folder || !Directory.Exists(folder))
        {
            throw new DatabaseUnavailableException($"Cannot write {target}: name a file in a folder that exists.");
        }

        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            await using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
            await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                await from.OpenAsync(cancellationToken);
                await to.OpenAsync(cancellationToken);
                from.BackupDatabase(to);
                // The copy stands alone: one file, no write-ahead log beside it.
                await using var journal = to.CreateCommand();
                journal.CommandText = "PRAGMA journal_mode = DELETE";
                await journal.ExecuteNonQueryAsync(cancellationToken);
            }
            File.Move(partial, target, overwrite: true);
            return new FileInfo(target).Length;
        }
        catch (SqliteException e)
        {
            File.Delete(partial);
            throw new DatabaseUnavailableException($"The backup failed: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            File.Delete(partial);
            throw new DatabaseUnavailableException($"Cannot write {target}: {e.Message}");
        }
    }
}
