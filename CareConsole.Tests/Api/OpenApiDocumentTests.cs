using System.Net;
using System.Text.Json;
using CareConsole.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Api;

/// <summary>The API document at /openapi/v1.json: every public API endpoint, described, and nothing meant for browsers.</summary>
public sealed class OpenApiDocumentTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private static readonly string[] BrowserAreas = ["/account", "/theme", "/dashboard", "/desk", "/widget", "/help"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Document_IsOpenApi31Json_ForAnyone_WithTheSecurityHeaders()
    {
        using var stranger = app.Factory.CreateClient();

        using var response = await stranger.GetAsync("/openapi/v1.json", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        // The policy meant for pages changes nothing for a JSON reader, and nosniff holds with the right type.
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.StartsWith("3.1", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("CareConsole API", document.RootElement.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Reports_DeclareTheManagersBearerToken_AndConversationsTheirOwn()
    {
        using var document = await DocumentAsync();
        var paths = document.RootElement.GetProperty("paths");
        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");

        var token = schemes.GetProperty("personalAccessToken");
        Assert.Equal("http", token.GetProperty("type").GetString());
        Assert.Equal("bearer", token.GetProperty("scheme").GetString());
        foreach (var path in new[] { "/api/reports/kpis", "/api/reports/series", "/api/reports/series/{key}", "/api/reports/conversations", "/api/reports/definitions" })
        {
            var get = paths.GetProperty(path).GetProperty("get");
            Assert.True(get.GetProperty("security")[0].TryGetProperty("personalAccessToken", out _), $"{path} should name the token");
            Assert.True(get.GetProperty("responses").TryGetProperty("401", out _), $"{path} should list its 401");
        }
        Assert.Contains(paths.GetProperty("/api/reports/kpis").GetProperty("get").GetProperty("parameters").EnumerateArray(),
            parameter => parameter.GetProperty("name").GetString() == "period");
        Assert.Contains(paths.GetProperty("/api/reports/conversations").GetProperty("get").GetProperty("parameters").EnumerateArray(),
            parameter => parameter.GetProperty("name").GetString() == "limit");
        Assert.True(paths.GetProperty("/api/conversations").TryGetProperty("post", out var start));
        Assert.False(start.TryGetProperty("security", out _), "starting a conversation needs no token");
        Assert.True(paths.GetProperty("/api/conversations/{id}/messages").GetProperty("post").GetProperty("security")[0].TryGetProperty("conversationToken", out _));
    }

    [Fact]
    public async Task EveryApiEndpoint_IsDescribedWithASummaryAndItsAnswers()
    {
        using var document = await DocumentAsync();
        var paths = document.RootElement.GetProperty("paths");
        var mapped = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!)
            .Where(p => p.StartsWith("/api/", StringComparison.Ordinal))
            .Select(p => p.Replace(":guid", "", StringComparison.Ordinal).TrimEnd('/'))
            .Distinct()
            .ToList();

        Assert.NotEmpty(mapped);
        Assert.All(mapped.Append("/health"), path => Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the document"));
        foreach (var path in paths.EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                var where = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.TryGetProperty("summary", out var summary) ? summary.GetString() : null), $"{where} has no summary");
                var answers = operation.Value.GetProperty("responses").EnumerateObject().ToList();
                Assert.Contains(answers, answer => answer.Name.StartsWith('2'));
                Assert.All(answers.Where(a => a.Name is "200" or "201"),
                    answer => Assert.True(answer.Value.TryGetProperty("content", out _), $"{where} {answer.Name} has no body type"));
            }
        }
    }

    [Fact]
    public async Task Document_LeavesOutPagesThemeAccountAndExports()
    {
        using var document = await DocumentAsync();

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.All(paths, path => Assert.True(path.StartsWith("/api/", StringComparison.Ordinal) || path == "/health", $"{path} should not be in the document"));
        Assert.DoesNotContain(paths, path => path.Contains("export", StringComparison.Ordinal)
            || BrowserAreas.Any(area => path.StartsWith(area, StringComparison.Ordinal)));
    }

    private async Task<JsonDocument> DocumentAsync()
    {
        using var client = app.Factory.CreateClient();
        return JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", Ct));
    }
}
