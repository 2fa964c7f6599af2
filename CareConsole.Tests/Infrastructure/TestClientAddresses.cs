using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace CareConsole.Tests.Infrastructure;

/// <summary>
/// The in-process test server gives requests no remote address, and on Kestrel every browser of the tests calls from
/// loopback, so every test would be one caller to the limits and counters that go per client. Each HttpClient the
/// factory makes, and each browser profile, carries an address of its own in a header, and this filter puts it where
/// the connection's would be: tests are separate callers, as separate customers are.
/// </summary>
internal sealed class TestClientAddresses : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    private static int _next;

    /// <summary>A fresh address in 10.0.0.0/8 (IPv4: each is its own client key).</summary>
    public static IPAddress Next()
    {
        var n = Interlocked.Increment(ref _next);
        return new IPAddress([10, (byte)(n >> 16), (byte)(n >> 8), (byte)n]);
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if ((context.Connection.RemoteIpAddress is null || IPAddress.IsLoopback(context.Connection.RemoteIpAddress))
                && IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }
            return nextMiddleware(context);
        });
        next(app);
    };
}
