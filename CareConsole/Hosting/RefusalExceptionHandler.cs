using System.Globalization;
using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using Microsoft.AspNetCore.Diagnostics;

namespace CareConsole.Hosting;

/// <summary>
/// Turns the exceptions that mean "not now" or "not like that" into the answers they are: 503 with Retry-After
/// when the console or its database is saturated, the request's own 4xx when the framework found it malformed.
/// Anything else stays a fault (500) and is logged as one.
/// </summary>
internal sealed class RefusalExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }
        switch (exception)
        {
            case ConsoleBusyException busy:
                await BusyAsync(httpContext, busy.RetryAfter);
                return true;
            case var _ when DatabaseBusy.Is(exception):
                await BusyAsync(httpContext, DatabaseBusy.RetryAfter);
                return true;
            case BadHttpRequestException bad:
                await ProblemResponses.WriteAsync(httpContext, bad.StatusCode, "Invalid request", bad.Message);
                return true;
            default:
                return false;
        }
    }

    public static async Task BusyAsync(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ProblemResponses.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "Busy",
            $"The console is too busy to take this right now and stored nothing. Try again in {seconds} second{(seconds == 1 ? "" : "s")}.");
    }
}
