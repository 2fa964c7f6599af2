using System.Net;
using System.Text.Json;
using CareConsole.Core.Data;
using CareConsole.Core.Data.Embedded;
using CareConsole.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace CareConsole.Tests.Api;

public sealed class HealthApiTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task Health_DatabaseUp_Is200AndReportsTheDatabaseCheck()
    {
        using var client = app.Factory.CreateClient();

        using var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        var database = Assert.Single(body.RootElement.GetProperty("checks").EnumerateArray());
        Assert.Equal("database", database.GetProperty("name").GetString());
        Assert.Equal("healthy", database.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_DatabaseDown_Is503AndSaysWhichCheckFailed()
    {
        // A server of its own, so stopping it leaves the other tests' server alone.
        using var folder = new TempFolder("health");
        await using var server = await EmbeddedPostgres.StartAsync(
            new EmbeddedPostgresSettings(folder.Combine("data"), TestDatabases.BinDirectory, Durable: false),
            mayShare: false, NullLogger.Instance, TestContext.Current.CancellationToken);
        await using var factory = CareConsoleFactory.Start(new TestStore(DatabaseProvider.PostgreSQL, server.ConnectionString("postgres")), demo: false);
        using var client = factory.CreateClient();
        using (var healthy = await client.GetAsync("/health", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        await server.DisposeAsync();
        using var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unhealthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("unhealthy", body.RootElement.GetProperty("checks")[0].GetProperty("status").GetString());
    }
}
