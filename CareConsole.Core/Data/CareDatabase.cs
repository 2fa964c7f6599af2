using CareConsole.Core.Data.Embedded;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CareConsole.Core.Data;

/// <summary>Thrown when the database cannot be opened as configured; the message says what to do about it.</summary>
public sealed class DatabaseUnavailableException(string message) : Exception(message);

/// <summary>
/// The database this process talks to. For SQLite it makes the data folder and, for the app, claims the file so a
/// second app cannot run on it; for a PostgreSQL server it only hands out the connection string; for the private
/// PostgreSQL cluster it starts the server first and stops it when disposed (if this process started it).
/// </summary>
public sealed partial class CareDatabase(CareDatabaseSettings settings, ILogger<CareDatabase> logger) : IAsyncDisposable
{
    private EmbeddedPostgres? _embedded;
    private FileStream? _instanceClaim;
    private string? _connectionString = settings switch
    {
        { IsSqlite: true } => SqliteConnectionString(settings.SqliteFile),
        { IsEmbeddedPostgres: true } => null,
        _ => WithPoolLimit(settings.ConnectionString!, settings.MaxPoolSize),
    };

    public CareDatabaseSettings Settings => settings;

    public string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The embedded database has not been started yet.");

    /// <summary>
    /// Gets the database ready to open: the data folder for SQLite, the private cluster for embedded PostgreSQL;
    /// nothing for a PostgreSQL server.
    /// </summary>
    /// <param name="isApp">
    /// True for the console itself, which must be the only one on a SQLite file and owns the private cluster; false for
    /// short-lived commands (staff, backup), which may run beside it.
    /// </param>
    /// <param name="cancellationToken">Cancels waiting and starting.</param>
    /// <exception cref="DatabaseUnavailableException">The database cannot be used as configured.</exception>
    public async Task StartAsync(bool isApp, CancellationToken cancellationToken)
    {
        if (settings.IsSqlite)
        {
            Directory.CreateDirectory(settings.DataDirectory);
            if (isApp && _instanceClaim is null)
            {
                _instanceClaim = ClaimSqliteFile(settings.SqliteFile);
                if (!File.Exists(settings.SqliteFile) && File.Exists(Path.Combine(settings.EmbeddedPostgresDirectory, "PG_VERSION")))
                {
                    LogEarlierPostgres(logger, settings.EmbeddedPostgresDirectory);
                }
            }
            return;
        }
        if (!settings.IsEmbeddedPostgres || _embedded is not null)
        {
            return;
        }
        if (OperatingSystem.IsWindows())
        {
            throw new DatabaseUnavailableException("The embedded PostgreSQL needs Linux or macOS; set ConnectionStrings:Care to use a PostgreSQL server, or use SQLite.");
        }
        var binaries = PostgresBinaries.Locate(settings.BinDirectory) ?? throw new DatabaseUnavailableException(PostgresBinaries.InstallHint);
        try
        {
            _embedded = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresSettings(settings.EmbeddedPostgresDirectory, binaries), mayShare: !isApp, logger, cancellationToken);
        }
        catch (EmbeddedPostgresException e)
        {
            throw new DatabaseUnavailableException(e.Message);
        }
        await CreateDatabaseIfMissingAsync(_embedded.ConnectionString("postgres"), cancellationToken);
        _connectionString = WithPoolLimit(_embedded.ConnectionString(CareDatabaseSettings.EmbeddedDatabaseName), settings.MaxPoolSize);
    }

    /// <summary>
    /// Microsoft.Data.Sqlite retries a busy database for the command timeout before giving up; 15 s rides out any
    /// write the console makes (they are short) without leaving a request hanging for the default 30.
    /// </summary>
    internal static string SqliteConnectionString(string file) =>
        new SqliteConnectionStringBuilder { DataSource = file, DefaultTimeout = 15, Pooling = true }.ToString();

    /// <summary>
    /// SQLite serves one app instance: conversation locks and live updates live in that process. An exclusive lock on
    /// a file beside the database (an flock on Unix, dropped by the kernel if the process dies) makes a second app on
    /// the same file stop at once with one line, instead of two apps answering the same conversation.
    /// </summary>
    private static FileStream ClaimSqliteFile(string file)
    {
        try
        {
            return new FileStream(file + ".instance", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new DatabaseUnavailableException(
                $"Another CareConsole is already running on {file}. SQLite serves one instance; to run several, use PostgreSQL (Database:Provider=PostgreSQL with ConnectionStrings:Care).");
        }
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

    [LoggerMessage(LogLevel.Warning, "Starting a new SQLite database; the data of an earlier PostgreSQL-based install is in {Folder} and stays there. To keep using it, set Database:Provider=PostgreSQL.")]
    private static partial void LogEarlierPostgres(ILogger logger, string folder);

    public async ValueTask DisposeAsync()
    {
        if (_instanceClaim is not null)
        {
            await _instanceClaim.DisposeAsync();
            _instanceClaim = null;
        }
        // Only ever set on Unix; the check tells the platform analyzer so.
        if (_embedded is not null && !OperatingSystem.IsWindows())
        {
            await _embedded.DisposeAsync();
            _embedded = null;
        }
    }
}
