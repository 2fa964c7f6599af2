using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Core.Data;

public static class CareDatabaseStartup
{
    /// <summary>Gets the database ready (see <see cref="CareDatabase.StartAsync"/>), then brings the schema up to date.</summary>
    /// <param name="services">The root service provider.</param>
    /// <param name="isApp">True for the console itself; false for commands that may run beside it.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task OpenCareDatabaseAsync(this IServiceProvider services, bool isApp, CancellationToken cancellationToken)
    {
        var database = services.GetRequiredService<CareDatabase>();
        await database.StartAsync(isApp, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CareDbContext>();
        if (database.Settings.IsSqlite)
        {
            // Write-ahead logging lets readers (the desk, the widget, the staff command) go on while a turn writes; it
            // is a property of the file, so setting it once keeps it for every later connection.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL", cancellationToken);
        }
        // Creating the history table first keeps the migrator from logging a failed query against the missing
        // table on every new database, an error line that means nothing but reads like a fault.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        // EF Core holds a database-wide lock while migrating, so processes starting together take turns.
        await db.Database.MigrateAsync(cancellationToken);
    }
}
