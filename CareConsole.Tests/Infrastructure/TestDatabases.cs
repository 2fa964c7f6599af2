using CareConsole.Core.Data;
using CareConsole.Core.Data.Embedded;
using CareConsole.Core.Data.PostgreSQL;
using CareConsole.Core.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

[assembly: AssemblyFixture(typeof(CareConsole.Tests.Infrastructure.TestDatabases))]

namespace CareConsole.Tests.Infrastructure;

/// <summary>
/// Where one test app keeps its data: a SQLite file in a folder of its own, or a database of its own on the test
/// PostgreSQL server. <see cref="Settings"/> is the configuration that points the app at it.
/// </summary>
public sealed record TestStore(DatabaseProvider Provider, string Location)
{
    public IReadOnlyDictionary<string, string> Settings => Provider == DatabaseProvider.Sqlite
        ? new Dictionary<string, string> { ["Database:Provider"] = "Sqlite", ["Database:DataDirectory"] = Location }
        : new Dictionary<string, string> { ["Database:Provider"] = "PostgreSQL", ["ConnectionStrings:Care"] = Location };

    /// <summary>A context on this database outside any app, with <paramref name="configure"/> applied (e.g. interceptors).</summary>
    public CareDbContext NewContext(Action<DbContextOptionsBuilder>? configure = null)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var options = new DbContextOptionsBuilder<SqliteCareDbContext>().UseSqlite(CareDatabase.SqliteConnectionString(Path.Combine(Location, CareDatabaseSettings.SqliteFileName)));
            configure?.Invoke(options);
            return new SqliteCareDbContext(options.Options);
        }
        var postgres = new DbContextOptionsBuilder<PostgresCareDbContext>().UseNpgsql(Location);
        configure?.Invoke(postgres);
        return new PostgresCareDbContext(postgres.Options);
    }

    /// <summary>Contexts made by <see cref="NewContext"/>, for code that takes a factory.</summary>
    public IDbContextFactory<CareDbContext> ContextFactory(Action<DbContextOptionsBuilder> configure) => new Contexts(this, configure);

    private sealed class Contexts(TestStore store, Action<DbContextOptionsBuilder> configure) : IDbContextFactory<CareDbContext>
    {
        public CareDbContext CreateDbContext() => store.NewContext(configure);
    }
}

/// <summary>
/// The databases of a test run. Tests get SQLite, the console's default, unless the environment variable
/// <c>CARECONSOLE_TEST_DATABASE=PostgreSQL</c> asks for the whole suite on PostgreSQL (CI runs it both ways). Tests of
/// what only PostgreSQL does (LISTEN/NOTIFY, advisory locks, two instances, connection limits) ask for it by name.
/// The PostgreSQL server is one real server for the whole run, in a temporary folder, started on first use with the
/// same code the console's opt-in private cluster uses.
/// </summary>
public sealed class TestDatabases : IAsyncDisposable
{
    public const string ProviderVariable = "CARECONSOLE_TEST_DATABASE";

    private readonly TempFolder _folder = new("db");
    private readonly SemaphoreSlim _starting = new(1, 1);
    private EmbeddedPostgres? _server;

    /// <summary>The engine tests run on unless they name one.</summary>
    public static DatabaseProvider Provider { get; } =
        Environment.GetEnvironmentVariable(ProviderVariable)?.Trim().ToLowerInvariant() is "postgresql" or "postgres"
            ? DatabaseProvider.PostgreSQL
            : DatabaseProvider.Sqlite;

    public static string BinDirectory =>
        PostgresBinaries.Locate(null) ?? throw new InvalidOperationException(PostgresBinaries.InstallHint);

    /// <summary>An empty database on the run's engine.</summary>
    public Task<TestStore> CreateAsync() => Provider == DatabaseProvider.Sqlite ? Task.FromResult(CreateSqlite()) : CreatePostgresAsync();

    /// <summary>An empty SQLite database in a folder of its own.</summary>
    public TestStore CreateSqlite()
    {
        var folder = _folder.Combine(Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return new TestStore(DatabaseProvider.Sqlite, folder);
    }

    /// <summary>An empty database on the test PostgreSQL server.</summary>
    public async Task<TestStore> CreatePostgresAsync()
    {
        var server = await ServerAsync();
        var name = $"test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
        await connection.OpenAsync();
        // The name is generated above from hex digits only, so it is safe to splice into the statement.
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new TestStore(DatabaseProvider.PostgreSQL, server.ConnectionString(name));
    }

    /// <summary>
    /// A new PostgreSQL database that refuses more than <paramref name="limit"/> connections, like a small server, and
    /// the connection string of an ordinary role that owns it (PostgreSQL lets superusers past the limit).
    /// </summary>
    public async Task<TestStore> CreateLimitedPostgresAsync(int limit)
    {
        var owner = (await CreatePostgresAsync()).Location;
        var builder = new NpgsqlConnectionStringBuilder(owner);
        var role = "app_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(owner))
        {
            await connection.OpenAsync();
            // Names made here of hex digits, and the database's own: safe to splice.
            await using var setUp = new NpgsqlCommand(
                $"CREATE ROLE {role} LOGIN; ALTER DATABASE {builder.Database} OWNER TO {role}; ALTER DATABASE {builder.Database} CONNECTION LIMIT {limit}",
                connection);
            await setUp.ExecuteNonQueryAsync();
            // Pooled, this superuser session would stay open and count against the limit.
            NpgsqlConnection.ClearPool(connection);
        }
        // Its server process ends a moment after the connection closes, and counts until then: wait for it to go, so the
        // whole limit is the caller's from the start.
        await using (var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(owner) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await server.OpenAsync();
            await using var sessions = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = $1", server) { Parameters = { new() { Value = builder.Database } } };
            await Poll.UntilAsync(async ct => (long)(await sessions.ExecuteScalarAsync(ct))! == 0, TimeSpan.FromSeconds(10));
        }
        builder.Username = role;
        return new TestStore(DatabaseProvider.PostgreSQL, builder.ConnectionString);
    }

    private async Task<EmbeddedPostgres> ServerAsync()
    {
        await _starting.WaitAsync();
        try
        {
            // Many app instances share this server at once, each with a pool of its own.
            return _server ??= await EmbeddedPostgres.StartAsync(
                new EmbeddedPostgresSettings(_folder.Combine("postgres"), BinDirectory, Durable: false, MaxConnections: 400),
                mayShare: false, NullLogger.Instance, CancellationToken.None);
        }
        finally
        {
            _starting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        _starting.Dispose();
        _folder.Dispose();
    }
}
