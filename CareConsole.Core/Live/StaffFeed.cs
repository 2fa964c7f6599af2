using CareConsole.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CareConsole.Core.Live;

/// <summary>
/// A staff account changed in a way that must end its open sessions at once: signed out, role changed, locked,
/// password set. On PostgreSQL it is announced with NOTIFY like conversation changes, so every instance hears it, and
/// so does a console when the staff command changed the account from outside it. On SQLite it reaches this process's
/// sessions directly, and a console beside the staff command through <see cref="StaffChangeFile"/>. The payload is
/// the account's id; an empty id means "re-check everyone" (sent when notifications may have been missed).
/// </summary>
public sealed class StaffFeed(CareDatabaseSettings database, ILogger<StaffFeed> logger)
{
    public const string Channel = "careconsole_staff";

    private readonly Subscribers<string> _subscribers = new(logger);

    public async Task AnnounceAsync(CareDbContext db, string userId, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {userId})", cancellationToken);
        }
        else
        {
            Publish(userId);
            await StaffChangeFile.AppendAsync(database.SqliteFile, userId, cancellationToken);
        }
    }

    /// <summary>Calls <paramref name="onChange"/> with each changed account's id ("" for everyone) until disposed.</summary>
    public IDisposable Subscribe(Action<string> onChange) => _subscribers.Subscribe(onChange);

    internal void Publish(string userId) => _subscribers.Publish(userId);
}
