using CareConsole.Tests.Infrastructure;
using Npgsql;

namespace CareConsole.Tests.Hosting;

/// <summary>The staff command as its own process against a database that has no connection to spare.</summary>
[Trait("Category", "Process")]
public sealed class StaffCommandTests(TestPostgres postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StaffList_DatabaseOutOfConnections_SaysSoPlainlyAndExitsWithOne()
    {
        var owner = await postgres.CreateDatabaseAsync();
        var builder = new NpgsqlConnectionStringBuilder(owner);
        var role = "staff_" + Guid.NewGuid().ToString("N")[..12];
        await using (var setUp = new NpgsqlConnection(owner))
        {
            await setUp.OpenAsync(Ct);
            // Names made here of hex digits and the test server's own database name: safe to splice.
            await using var command = new NpgsqlCommand(
                $"CREATE ROLE {role} LOGIN; ALTER DATABASE {builder.Database} OWNER TO {role}; ALTER DATABASE {builder.Database} CONNECTION LIMIT 1", setUp);
            await command.ExecuteNonQueryAsync(Ct);
            // Pooled, this session would stay open and count against the limit.
            NpgsqlConnection.ClearPool(setUp);
        }
        builder.Username = role;
        // Someone else has the only connection the database allows.
        await using var taken = new NpgsqlConnection(builder.ConnectionString);
        await taken.OpenAsync(Ct);

        var (exitCode, output) = await AppProcess.RunCommandOnAsync(builder.ConnectionString, "staff", "list");

        Assert.Equal(1, exitCode);
        Assert.Contains("not taking new connections", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
