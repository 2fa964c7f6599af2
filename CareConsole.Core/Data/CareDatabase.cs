using CareConsole.Core.Data.Embedded;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CareConsole.Core.Data;

/// <summary>
/// The database this process talks to. For a configured server it only hands out the connection string; for the
/// private cluster it starts the server first and stops it when disposed (if this process started it).
/// </summary>
public sealed class CareDatabase(CareDatabaseSettings settings, ILogger<CareDatabase> logger) : IAsyncDisposable
{
    private EmbeddedPostgres? _embedded;
    private string? _connectionString = settings.IsEmbedded ? null : WithPoolLimit(settings.ConnectionString!, settings.MaxPoolSize);

    public CareDatabaseSettings Settings => settings;

    public string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The embedded database has not been started yet.");

    /// <summary>Starts the private cluster when one is configured; does nothing for a configured server.</summary>
    /// <param name="mayShare">Whether a server another CareConsole process owns may be used (see <see cref="EmbeddedPostgres.StartAsync"/>).</param>
    /// <param name="cancellationToken">Cancels waiting and starting.</param>
    public async Task StartAsync(bool mayShare, CancellationToken cancellationToken)
    {
        if (!settings.IsEmbedded || _embedded is not null)
        {
            return;
        }
        if (OperatingSystem.IsWindows())
        {
            throw new EmbeddedPostgresException("The embedded database needs Linux or macOS; set ConnectionStrings:Care to use a PostgreSQL server.");
        }
        var binaries = PostgresBinaries.Locate(settings.BinDirectory) ?? throw new EmbeddedPostgresException(PostgresBinaries.InstallHint);
        _embedded = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresSettings(settings.DataDirectory, binaries), mayShare, logger, cancellationToken);
        await CreateDatabaseIfMissingAsync(_embedded.ConnectionString("postgres"), cancellationToken);
        _connectionString = WithPoolLimit(_embedded.ConnectionString(CareDatabaseSettings.EmbeddedDatabaseName), settings.MaxPoolSize);
    }

    /// <summary>
    /// Npgsql's pool allows 100 connections unless told otherwise, which is also PostgreSQL's default limit: one busy
    /// instance could then take every connection the server has, and the next client (another instance, the staff
    /// command) would be refused. Unless the connection string sets its own, the pool stops at <paramref name="maxPoolSize"/>.
    /// </summary>
    internal static string WithPoolLimit(string connectionString, int maxPoolSize)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals("maxpoolsize", StringComparison.OrdinalIgnoreCase)
                || key.Replace(" ", "", StringComparison.Ordinal).Equals("maximumpoolsize", StringComparison.OrdinalIgnoreCase)))
        {
            builder.MaxPoolSize = maxPoolSize;
        }
        return builder.ConnectionString;
    }

    /// <summary>
    /// Creates the app's database in a new cluster. EF Core's migrator could do it, but only after logging a failed
    /// connection to the missing database, which reads like a fault on every first start.
    /// </summary>
    private static async Task CreateDatabaseIfMissingAsync(string serverConnectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
        {
            Parameters = { new() { Value = CareDatabaseSettings.EmbeddedDatabaseName } },
        };
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }
        await using var create = new NpgsqlCommand("CREATE DATABASE " + CareDatabaseSettings.EmbeddedDatabaseName, connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another process sharing the cluster created it first: just as good.
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Only ever set on Unix; the check tells the platform analyzer so.
        if (_embedded is not null && !OperatingSystem.IsWindows())
        {
            await _embedded.DisposeAsync();
            _embedded = null;
        }
    }
}
