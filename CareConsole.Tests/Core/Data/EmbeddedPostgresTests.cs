using CareConsole.Core.Data.Embedded;
using CareConsole.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CareConsole.Tests.Core.Data;

public sealed class EmbeddedPostgresTests : IDisposable
{
    private readonly TempFolder _folder = new("embedded");

    private EmbeddedPostgresSettings Settings(TimeSpan? ownershipWait = null) =>
        new(_folder.Combine("data"), TestDatabases.BinDirectory, Durable: false, ownershipWait);

    [Fact]
    public async Task Start_NewFolder_InitialisesAndServesOverItsSocketOnly()
    {
        await using var server = await EmbeddedPostgres.StartAsync(Settings(), mayShare: false, NullLogger.Instance, TestContext.Current.CancellationToken);

        Assert.True(server.OwnsServer);
        Assert.True(File.Exists(_folder.Combine("data/PG_VERSION")));
        Assert.Equal("", await QueryAsync(server, "SHOW listen_addresses"));
        Assert.Equal("trust", await QueryAsync(server, "SELECT auth_method FROM pg_hba_file_rules WHERE type = 'local' LIMIT 1"));
    }

    [Fact]
    public async Task Dispose_Owner_StopsTheServer()
    {
        var server = await EmbeddedPostgres.StartAsync(Settings(), mayShare: false, NullLogger.Instance, TestContext.Current.CancellationToken);
        var connectionString = server.ConnectionString("postgres");

        await server.DisposeAsync();

        Assert.False(File.Exists(_folder.Combine("data/postmaster.pid")));
        await Assert.ThrowsAnyAsync<NpgsqlException>(async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
            await connection.OpenAsync(TestContext.Current.CancellationToken);
        });
    }

    [Fact]
    public async Task Start_SharingWhileAnotherOwns_JoinsAndLeavesTheServerRunning()
    {
        await using var owner = await EmbeddedPostgres.StartAsync(Settings(), mayShare: false, NullLogger.Instance, TestContext.Current.CancellationToken);
        await using (var guest = await EmbeddedPostgres.StartAsync(Settings(), mayShare: true, NullLogger.Instance, TestContext.Current.CancellationToken))
        {
            Assert.False(guest.OwnsServer);
            Assert.Equal("1", await QueryAsync(guest, "SELECT 1"));
        }

        Assert.Equal("1", await QueryAsync(owner, "SELECT 1"));
    }

    [Fact]
    public async Task Start_NotSharingWhileAnotherOwns_FailsWithAClearMessage()
    {
        await using var owner = await EmbeddedPostgres.StartAsync(Settings(), mayShare: false, NullLogger.Instance, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<EmbeddedPostgresException>(() =>
            EmbeddedPostgres.StartAsync(Settings(TimeSpan.FromSeconds(1)), mayShare: false, NullLogger.Instance, TestContext.Current.CancellationToken));

        Assert.Contains("in use by another CareConsole process", error.Message);
        Assert.Equal("1", await QueryAsync(owner, "SELECT 1"));
    }

    [Fact]
    public async Task Start_AfterOwnerStopped_StartsTheSameClusterWithItsData()
    {
        await using (var first = await EmbeddedPostgres.StartAsync(Settings(), mayShare: false, NullLogger.Instance, TestContext.Current.CancellationToken))
        {
            await QueryAsync(first, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
        }

        await using var second = await EmbeddedPostgres.StartAsync(Settings(), mayShare: false, NullLogger.Instance, TestContext.Current.CancellationToken);

        Assert.Equal("still here", await QueryAsync(second, "SELECT note FROM kept"));
    }

    [Fact]
    public async Task Start_FolderWithOtherFiles_RefusesToTouchIt()
    {
        Directory.CreateDirectory(_folder.Combine("data"));
        await File.WriteAllTextAsync(_folder.Combine("data/notes.txt"), "not a database", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<EmbeddedPostgresException>(() =>
            EmbeddedPostgres.StartAsync(Settings(), mayShare: false, NullLogger.Instance, TestContext.Current.CancellationToken));

        Assert.Contains("holds no PostgreSQL cluster", error.Message);
        Assert.True(File.Exists(_folder.Combine("data/notes.txt")));
    }

    [Fact]
    public async Task Start_AsRootBelowAFolderPostgresCannotEnter_KeepsTheClusterWhereItCanAndLinksIt()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "Only a root process runs the server as another account.");
        var closed = Directory.CreateDirectory(_folder.Combine("closed")).FullName;
        File.SetUnixFileMode(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var dataDirectory = Path.Combine(closed, "postgres");
        string? relocated = null;
        try
        {
            await using (var server = await EmbeddedPostgres.StartAsync(
                new EmbeddedPostgresSettings(dataDirectory, TestDatabases.BinDirectory, Durable: false), mayShare: false, NullLogger.Instance, TestContext.Current.CancellationToken))
            {
                relocated = new DirectoryInfo(dataDirectory).LinkTarget;
                Assert.NotNull(relocated);
                Assert.StartsWith("/var/lib/careconsole/", relocated);
                Assert.Equal("1", await QueryAsync(server, "SELECT 1"));
            }
            Assert.False(File.Exists(Path.Combine(relocated, "postmaster.pid")));
        }
        finally
        {
            if (relocated is not null)
            {
                Directory.Delete(relocated, recursive: true);
            }
        }
    }

    [Fact]
    public void Locate_ConfiguredFolderWithoutPrograms_FindsNothing() =>
        Assert.Null(PostgresBinaries.Locate(_folder.Path));

    private static async Task<string> QueryAsync(EmbeddedPostgres server, string sql)
    {
        // Unpooled: a pooled connection would outlive a server these tests stop and start again.
        await using var connection = new NpgsqlConnection(server.ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync())?.ToString() ?? "";
    }

    public void Dispose() => _folder.Dispose();
}
