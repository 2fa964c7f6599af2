using System.Net;
using System.Text.Json;
using CareConsole.Tests.Infrastructure;

namespace CareConsole.Tests.Api;

public sealed class ErrorResponseTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task UnknownApiRoute_Is404ProblemDetails()
    {
        using var client = app.Factory.CreateClient();

        using var response = await client.GetAsync("/api/no-such-thing", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task UnknownPage_Is404WithAPageForPeople()
    {
        using var client = app.Factory.CreateClient();
        // As a browser asks for a page.
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml");

        using var response = await client.GetAsync("/no-such-page", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task UnknownPage_AskedForByAScript_Is404ProblemDetails()
    {
        using var client = app.Factory.CreateClient();

        using var response = await client.GetAsync("/no-such-page", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
