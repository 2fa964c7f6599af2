using System.Text;
using CareConsole.Core.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CareConsole.Core.Live;

/// <summary>
/// How a staff command tells a console running on the same SQLite file that an account changed (SQLite has nothing
/// like PostgreSQL's NOTIFY): it appends "process mark, account id" to a file beside the database, and the console
/// watches that file (inotify on Linux) and passes each line from another process to <see cref="StaffFeed"/>. A process
/// is told apart by an id it draws at start, not its process id, which two containers sharing the folder can repeat. Open
/// desk screens of a locked or signed-out account therefore end at once, as they do on PostgreSQL.
/// </summary>
public sealed partial class StaffChangeFile(CareDatabase database, StaffFeed staff, ILogger<StaffChangeFile> logger) : IHostedService, IDisposable
{
    /// <summary>This process's mark on the lines it writes.</summary>
    private static readonly string ProcessMark = Guid.NewGuid().ToString("N");

    private readonly Lock _reading = new();
    private FileSystemWatcher? _watcher;
    private long _readUpTo;

    public static string PathFor(string sqliteFile) => sqliteFile + ".staff-changes";

    /// <summary>Records that <paramref name="userId"/> changed, for a console on <paramref name="sqliteFile"/> to hear.</summary>
    public static async Task AppendAsync(string sqliteFile, string userId, CancellationToken cancellationToken)
    {
        var line = Encoding.UTF8.GetBytes($"{ProcessMark} {userId}\n");
        // One small write in append mode lands whole even when two processes append at once.
        await using var file = new FileStream(PathFor(sqliteFile), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        await file.WriteAsync(line, cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var path = PathFor(database.Settings.SqliteFile);
        // Only changes from now on matter: sessions start checked against the database.
        File.WriteAllBytes(path, []);
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += (_, _) => ReadNewLines(path);
        _watcher.Error += (_, e) =>
        {
            // The watcher lost events (its buffer overflowed): have every session checked.
            LogWatchFailed(logger, e.GetException());
            staff.Publish("");
        };
        _watcher.EnableRaisingEvents = true;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _watcher = null;
    }

    private void ReadNewLines(string path)
    {
        lock (_reading)
        {
            try
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                if (file.Length < _readUpTo)
                {
                    _readUpTo = 0;
                }
                file.Seek(_readUpTo, SeekOrigin.Begin);
                using var reader = new StreamReader(file, Encoding.UTF8);
                var text = reader.ReadToEnd();
                // A line still being written has no newline yet; it is read whole next time.
                var complete = text.LastIndexOf('\n') + 1;
                _readUpTo += Encoding.UTF8.GetByteCount(text.AsSpan(0, complete));
                foreach (var line in text[..complete].Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    // This process's own changes reached its sessions when they were made.
                    if (line.Split(' ') is [var process, var userId] && process != ProcessMark)
                    {
                        staff.Publish(userId);
                    }
                }
            }
            catch (IOException e)
            {
                LogWatchFailed(logger, e);
                staff.Publish("");
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not read the staff change file; checking every staff session")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception);
}
