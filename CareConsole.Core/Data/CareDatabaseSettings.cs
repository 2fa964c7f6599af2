using Microsoft.Extensions.Configuration;

namespace CareConsole.Core.Data;

/// <summary>
/// Which PostgreSQL to use: the server named by <c>ConnectionStrings:Care</c>, or, when that is absent, a private
/// cluster CareConsole runs itself in <c>Database:DataDirectory</c>.
/// </summary>
public sealed record CareDatabaseSettings(string? ConnectionString, string DataDirectory, string? BinDirectory)
{
    /// <summary>Connections one instance may hold (<c>Database:MaxPoolSize</c>) when the connection string does not say.</summary>
    public int MaxPoolSize { get; init; } = 40;

    public const string EmbeddedDatabaseName = "careconsole";

    public bool IsEmbedded => string.IsNullOrWhiteSpace(ConnectionString);

    /// <param name="configuration">The app's configuration.</param>
    /// <param name="contentRoot">The app's content root; relative folders are taken from the checkout above it.</param>
    public static CareDatabaseSettings From(IConfiguration configuration, string contentRoot)
    {
        var root = RepositoryLayout.RootFrom(contentRoot);
        var dataDirectory = configuration["Database:DataDirectory"];
        return new CareDatabaseSettings(
            configuration.GetConnectionString("Care"),
            Path.GetFullPath(string.IsNullOrWhiteSpace(dataDirectory) ? Path.Combine(".data", "postgres") : dataDirectory, root),
            configuration["Database:BinDirectory"])
        {
            MaxPoolSize = Math.Clamp(configuration.GetValue("Database:MaxPoolSize", 40), 4, 1000),
        };
    }

    /// <summary>Demo mode (demo data, demo staff, the demo accounts list): on with the private cluster unless
    /// <c>Demo:Enabled</c> says otherwise.</summary>
    public bool DemoEnabled(IConfiguration configuration) => configuration.GetValue("Demo:Enabled", IsEmbedded);
}
