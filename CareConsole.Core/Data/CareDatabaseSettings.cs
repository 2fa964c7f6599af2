using CareConsole.Core.Data.Embedded;
using Microsoft.Extensions.Configuration;

namespace CareConsole.Core.Data;

/// <summary>Which database engine holds the console's data (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>A file in <c>Database:DataDirectory</c>: nothing to install, one app instance.</summary>
    Sqlite,

    /// <summary>A server named by <c>ConnectionStrings:Care</c>, which several app instances can share.</summary>
    PostgreSQL,
}

/// <summary>
/// Where the data lives. SQLite (the default) keeps one file in <c>Database:DataDirectory</c>. PostgreSQL uses the
/// server named by <c>ConnectionStrings:Care</c>; without one it runs a private cluster in the data folder, an
/// opt-in for a single instance on a machine with Debian's <c>postgresql</c> package. A connection string with no
/// provider named means PostgreSQL, as it did before SQLite was the default.
/// </summary>
public sealed record CareDatabaseSettings(DatabaseProvider Provider, string? ConnectionString, string DataDirectory, string? BinDirectory)
{
    /// <summary>Connections one instance may hold (<c>Database:MaxPoolSize</c>) when the connection string does not say.</summary>
    public int MaxPoolSize { get; init; } = 40;

    public const string EmbeddedDatabaseName = "careconsole";

    /// <summary>The SQLite file's name inside the data folder.</summary>
    public const string SqliteFileName = "careconsole.db";

    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    /// <summary>PostgreSQL without a server named: the private cluster this process runs.</summary>
    public bool IsEmbeddedPostgres => Provider == DatabaseProvider.PostgreSQL && string.IsNullOrWhiteSpace(ConnectionString);

    public string SqliteFile => Path.Combine(DataDirectory, SqliteFileName);

    public string EmbeddedPostgresDirectory => Path.Combine(DataDirectory, "postgres");

    /// <param name="configuration">The app's configuration.</param>
    /// <param name="contentRoot">The app's content root; relative folders are taken from the checkout above it.</param>
    public static CareDatabaseSettings From(IConfiguration configuration, string contentRoot)
    {
        var root = RepositoryLayout.RootFrom(contentRoot);
        var dataDirectory = configuration["Database:DataDirectory"];
        var connectionString = configuration.GetConnectionString("Care");
        return new CareDatabaseSettings(
            ProviderFrom(configuration["Database:Provider"]) ?? (string.IsNullOrWhiteSpace(connectionString) ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSQL),
            connectionString,
            Path.GetFullPath(string.IsNullOrWhiteSpace(dataDirectory) ? ".data" : dataDirectory, root),
            configuration["Database:BinDirectory"])
        {
            MaxPoolSize = Math.Clamp(configuration.GetValue("Database:MaxPoolSize", 40), 4, 1000),
        };
    }

    /// <summary>A one-line reason the settings cannot work, or null.</summary>
    /// <param name="configuration">The app's configuration.</param>
    /// <param name="contentRoot">The app's content root.</param>
    public static string? Problem(IConfiguration configuration, string contentRoot)
    {
        if (configuration["Database:Provider"] is { } given && !string.IsNullOrWhiteSpace(given) && ProviderFrom(given) is null)
        {
            return $"Database:Provider '{given}' is not known; use Sqlite or PostgreSQL.";
        }
        var settings = From(configuration, contentRoot);
        if (settings.IsSqlite && !string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            // Quietly starting an empty SQLite file beside a configured server would look like lost data.
            return "ConnectionStrings:Care is set but Database:Provider is Sqlite: set Database:Provider=PostgreSQL to use that server, or remove the connection string.";
        }
        if ((settings.IsSqlite || settings.IsEmbeddedPostgres) && File.Exists(Path.Combine(settings.DataDirectory, "PG_VERSION")))
        {
            // Before SQLite, this setting named the private cluster's own folder; now it names the folder above it.
            return $"Database:DataDirectory {settings.DataDirectory} is a PostgreSQL cluster from an earlier version: set Database:DataDirectory to the folder above it (and Database:Provider=PostgreSQL to keep using it), or to a new folder for SQLite.";
        }
        return settings.IsEmbeddedPostgres && PostgresBinaries.Locate(settings.BinDirectory) is null ? PostgresBinaries.InstallHint : null;
    }

    /// <summary>The provider a setting names; null when it names none, or one not known.</summary>
    private static DatabaseProvider? ProviderFrom(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "sqlite" => DatabaseProvider.Sqlite,
        "postgresql" or "postgres" or "npgsql" => DatabaseProvider.PostgreSQL,
        _ => null,
    };

    /// <summary>Demo mode (demo data, demo staff, the demo accounts list): on with a database of the console's own
    /// (SQLite or the private cluster) unless <c>Demo:Enabled</c> says otherwise; off for a named server.</summary>
    public bool DemoEnabled(IConfiguration configuration) =>
        configuration.GetValue("Demo:Enabled", IsSqlite || IsEmbeddedPostgres);
}
