using System.Globalization;
using CareConsole.Core.Data;

namespace CareConsole.Hosting;

/// <summary>
/// <c>backup &lt;file&gt;</c>: writes a consistent copy of the SQLite database while the console runs. On PostgreSQL
/// it says to use pg_dump, the server's own tool, instead.
/// </summary>
internal static class BackupCommand
{
    private const int Succeeded = 0;
    private const int Refused = 1;
    private const int Misused = 2;

    /// <param name="args">The arguments after "backup".</param>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [var target] || string.IsNullOrWhiteSpace(target) || target.StartsWith('-'))
        {
            await Console.Error.WriteLineAsync("Usage: backup <file>   (writes a copy of the SQLite database to <file>)");
            return Misused;
        }
        // The same configuration sources as the app (appsettings.json, environment).
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        if (CareDatabaseSettings.Problem(builder.Configuration, builder.Environment.ContentRootPath) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return Refused;
        }
        var database = CareDatabaseSettings.From(builder.Configuration, builder.Environment.ContentRootPath);
        if (!database.IsSqlite)
        {
            await Console.Error.WriteLineAsync("The console is on PostgreSQL: back it up with pg_dump, e.g. pg_dump --format=custom --file=careconsole.dump \"<ConnectionStrings:Care>\".");
            return Refused;
        }
        try
        {
            var bytes = await SqliteBackup.CopyAsync(database.SqliteFile, target, CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Backed up {database.SqliteFile} to {Path.GetFullPath(target)} ({bytes / 1024.0 / 1024.0:0.0} MB)."));
            return Succeeded;
        }
        catch (DatabaseUnavailableException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return Refused;
        }
    }
}
