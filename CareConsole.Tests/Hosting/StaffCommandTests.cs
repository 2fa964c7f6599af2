using System.Net;
using System.Text.RegularExpressions;
using CareConsole.Core.Staff;
using CareConsole.Tests.Infrastructure;
using Npgsql;

namespace CareConsole.Tests.Hosting;

/// <summary>
/// The staff command as its own process: managing reporting-API tokens beside a running console, and against a
/// database that has no connection to spare.
/// </summary>
[Trait("Category", "Process")]
public sealed partial class StaffCommandTests(TestDatabases databases)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Token_CreatedListedAndRevokedBesideARunningConsole_WorksUntilRevokedAndIsNeverShownAgain()
    {
        await using var app = await CareConsoleFactory.StartAsync(databases, demo: false);
        var manager = await app.AddStaffAsync(StaffRoles.Manager, "Manager Command");

        var (created, createdOutput) = await AppProcess.RunCommandOnAsync(app.Store,
            "staff", "token", "create", "--email", manager.Email, "--name", "Grafana board", "--expires-days", "30");
        var token = Token().Match(createdOutput).Value;
        using var api = app.CreateClientWithToken(token);
        using var opened = await api.GetAsync("/api/reports/kpis", Ct);
        var (listed, listOutput) = await AppProcess.RunCommandOnAsync(app.Store, "staff", "token", "list", "--email", manager.Email);
        var (revoked, revokeOutput) = await AppProcess.RunCommandOnAsync(app.Store, "staff", "token", "revoke", "--prefix", token[..PersonalAccessToken.PrefixLength]);
        using var refused = await api.GetAsync("/api/reports/kpis", Ct);
        var (_, afterOutput) = await AppProcess.RunCommandOnAsync(app.Store, "staff", "token", "list");

        Assert.Equal(0, created);
        Assert.Matches("^ccpat_[A-Za-z0-9_-]{43}$", token);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(0, listed);
        Assert.Contains(token[..PersonalAccessToken.PrefixLength], listOutput, StringComparison.Ordinal);
        Assert.Contains("Grafana board", listOutput, StringComparison.Ordinal);
        Assert.Matches(@"\bactive\b", listOutput);
        Assert.DoesNotContain(token, listOutput, StringComparison.Ordinal);
        Assert.Equal(0, revoked);
        Assert.Contains("Revoked token", revokeOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(token, revokeOutput, StringComparison.Ordinal);
        // Revoked means refused with the very next request, not at some later refresh.
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Matches(@"\brevoked\b", afterOutput);
        Assert.DoesNotContain(token, afterOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenCreate_ForAnAgent_IsRefusedWithTheReasonAndExitsWithOne_AndMisuseExitsWithTwo()
    {
        await using var app = await CareConsoleFactory.StartAsync(databases, demo: false);
        var agent = await app.AddStaffAsync(StaffRoles.Agent, "Agent Command");

        var (refused, refusedOutput) = await AppProcess.RunCommandOnAsync(app.Store, "staff", "token", "create", "--email", agent.Email);
        var (misused, misusedOutput) = await AppProcess.RunCommandOnAsync(app.Store, "staff", "token", "revoke");

        Assert.Equal(1, refused);
        Assert.Contains("not a manager", refusedOutput, StringComparison.Ordinal);
        Assert.DoesNotMatch(Token(), refusedOutput);
        Assert.Equal(2, misused);
        Assert.Contains("staff token revoke --id", misusedOutput, StringComparison.Ordinal);
    }

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

    [GeneratedRegex("ccpat_[A-Za-z0-9_-]{43}")]
    private static partial Regex Token();
}
