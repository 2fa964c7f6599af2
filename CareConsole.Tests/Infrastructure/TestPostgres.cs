using CareConsole.Core.Data.Embedded;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

[assembly: AssemblyFixture(typeof(CareConsole.Tests.Infrastructure.TestPostgres))]

namespace CareConsole.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL server for the whole test run, in a temporary folder, started with the same code the app
/// uses for its embedded database. Each test host gets a database of its own on it.
/// </summary>
public sealed class TestPostgres : IAsyncLifetime
{
    private readonly TempFolder _folder = new("pg");
    private EmbeddedPostgres? _server;

    public static string BinDirectory =>
        PostgresBinaries.Locate(null) ?? throw new InvalidOperationException(PostgresBinaries.InstallHint);

    public async ValueTask InitializeAsync()
    {
        _server = await EmbeddedPostgres.StartAsync(
            // Many app instances share this server at once, each with a pool of its own.
            new EmbeddedPostgresSettings(_folder.Combine("data"), BinDirectory, Durable: false, MaxConnections: 400),
            mayShare: false, NullLogger.Instance, CancellationToken.None);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var server = _server ?? throw new InvalidOperationException("Not started.");
        var name = $"test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
        await connection.OpenAsync();
        // The name is generated above from hex digits only, so it is safe to splice into the statement.
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return server.ConnectionString(name);
    }

    /// <summary>
    /// A new database that refuses more than <paramref name="limit"/> connections, like a small server, and the
    /// connection string of an ordinary role that owns it (PostgreSQL lets superusers past the limit).
    /// </summary>
    public async Task<string> CreateLimitedDatabaseAsync(int limit)
    {
        var owner = await CreateDatabaseAsync();
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
        builder.Username = role;
        return builder.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        _folder.Dispose();
    }
}
