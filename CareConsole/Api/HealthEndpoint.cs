using System.Text.Json;
using CareConsole.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CareConsole.Api;

public static class HealthEndpoint
{
    /// <summary>
    /// <c>GET /health</c>: 200 with <c>{"status":"healthy",...}</c> when every check passes, 503 when one fails, so
    /// load balancers and uptime monitors can read the code and people can read the body.
    /// </summary>
    public static void MapHealthEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteReportAsync }).RequireRateLimiting(RateLimiting.Other);

    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new HealthResponse(
            Status(report.Status),
            report.TotalDuration.TotalMilliseconds,
            report.Entries.Select(entry => new HealthCheckResponse(
                entry.Key,
                Status(entry.Value.Status),
                entry.Value.Duration.TotalMilliseconds,
                // The exception's message only: its stack trace would tell a stranger too much.
                entry.Value.Description ?? entry.Value.Exception?.Message)).ToList());
        return JsonSerializer.SerializeAsync(context.Response.Body, body, HealthJson.Options, context.RequestAborted);
    }

    private static string Status(HealthStatus status) => status.ToString().ToLowerInvariant();

    private sealed record HealthResponse(string Status, double DurationMs, IReadOnlyList<HealthCheckResponse> Checks);

    private sealed record HealthCheckResponse(string Name, string Status, double DurationMs, string? Description);

    private static class HealthJson
    {
        public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    }
}
