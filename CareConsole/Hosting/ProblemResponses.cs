using Microsoft.AspNetCore.Mvc;

namespace CareConsole.Hosting;

/// <summary>
/// Refusals written outside an endpoint (limits, a busy app, a malformed request) in the same problem-details shape
/// as the API's own. A caller that accepts only HTML (a browser navigating) gets the same sentence as plain text.
/// </summary>
internal static class ProblemResponses
{
    public static async Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        if (http.Response.HasStarted)
        {
            return;
        }
        http.Response.StatusCode = status;
        http.Response.Headers.CacheControl = "no-store";
        var problems = http.RequestServices.GetService<IProblemDetailsService>();
        var written = problems is not null && await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
        if (!written)
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync($"{title}. {detail}", http.RequestAborted);
        }
    }
}
