using CareConsole.Tests.Infrastructure;
using Npgsql;

namespace CareConsole.Tests.Hosting;

/// <summary>The staff command as its own process against a database that has no connection to spare.</summary>
[Trait("Category", "Process")]
public sealed class StaffCommandTests(TestDatabases databases)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StaffList_DatabaseOutOfConnections_SaysSoPlainlyAndExitsWithOne()
    {
        var store = await databases.CreateLimitedPostgresAsync(1);
        // Someone else has the only connection the database allows.
        await using var taken = new NpgsqlConnection(store.Location);
        await taken.OpenAsync(Ct);

        var (exitCode, output) = await AppProcess.RunCommandOnAsync(store, "staff", "list");

        Assert.Equal(1, exitCode);
        Assert.Contains("not taking new connections", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
