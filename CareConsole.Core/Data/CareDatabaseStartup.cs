using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Core.Data;

public static class CareDatabaseStartup
{
    /// <summary>Starts the embedded server when configured, then brings the schema up to date.</summary>
    /// <param name="services">The root service provider.</param>
    /// <param name="mayShare">True for commands that may use a server another CareConsole process runs.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task OpenCareDatabaseAsync(this IServiceProvider services, bool mayShare, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<CareDatabase>().StartAsync(mayShare, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CareDbContext>();
        // Creating the history table first keeps the migrator from logging a failed query against the missing
        // table on every new database, an error line that means nothing but reads like a fault.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        // EF Core holds a database-wide lock while migrating, so processes starting together take turns.
        await db.Database.MigrateAsync(cancellationToken);
    }
}
