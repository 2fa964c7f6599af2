using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace CareConsole.Hosting;

/// <summary>
/// Requests the web server refuses before the app sees them (a request line or headers too long, a NUL in the
/// address, a line that is not HTTP) get an empty answer from Kestrel. This gives those answers the problem-details
/// body every other refusal has: a connection-level filter recognises a response the app did not write (the app
/// marks the connection while it handles a request) and adds the body to it. Plain HTTP/1.1 only: behind TLS the
/// filter sees encrypted bytes and leaves them alone.
/// </summary>
public static class KestrelRefusals
{
    private const string InAppKey = "careconsole.in-app";

    private static ReadOnlySpan<byte> StatusLineStart => "HTTP/1.1 "u8;
    private static ReadOnlySpan<byte> EmptyBody => "\r\nContent-Length: 0\r\n"u8;
    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    public static void UseKestrelRefusals(this ConfigureWebHostBuilder webHost) =>
        webHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => connection =>
        {
            var items = connection.Items;
            connection.Transport = new Transport(connection.Transport, () => !items.ContainsKey(InAppKey));
            return next(connection);
        })));

    /// <summary>Marks the connection while the app handles a request on it: responses written meanwhile are the app's.</summary>
    public static void MarkRequestsInApp(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
            if (items is null)
            {
                await next(context);
                return;
            }
            items[InAppKey] = true;
            context.Response.OnCompleted(() =>
            {
                items.Remove(InAppKey);
                return Task.CompletedTask;
            });
            await next(context);
        });

    /// <summary>The problem-details answer for a refusal Kestrel wrote with no body, or null when it is not one.</summary>
    internal static byte[]? WithProblemBody(ReadOnlySpan<byte> written)
    {
        if (!written.StartsWith(StatusLineStart) || written.Length < StatusLineStart.Length + 3 || !written.EndsWith(HeadEnd)
            || written.IndexOf(EmptyBody) < 0)
        {
            return null;
        }
        var code = written.Slice(StatusLineStart.Length, 3);
        if (code[0] is not ((byte)'4' or (byte)'5') || !int.TryParse(code, out var status))
        {
            return null;
        }
        var (title, detail) = status switch
        {
            414 => ("URI Too Long", "The request's address is longer than this server accepts."),
            431 => ("Request Header Fields Too Large", "The request's headers are larger than this server accepts."),
            408 => ("Request Timeout", "The request did not arrive in time."),
            413 => ("Content Too Large", "The request's body is larger than this server accepts."),
            411 => ("Length Required", "The request has a body but no length."),
            _ => ("Bad Request", "The request could not be read: its first line, its address or its headers are malformed."),
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(new { type = $"https://tools.ietf.org/html/rfc9110#status.{status}", title, status, detail });
        var head = Encoding.ASCII.GetString(written);
        head = head.Replace("\r\nContent-Length: 0\r\n",
            $"\r\nContent-Type: application/problem+json\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nContent-Length: {body.Length}\r\n",
            StringComparison.Ordinal);
        return [.. Encoding.ASCII.GetBytes(head), .. body];
    }

    private sealed class Transport(IDuplexPipe inner, Func<bool> outsideApp) : IDuplexPipe
    {
        public PipeReader Input => inner.Input;

        public PipeWriter Output { get; } = new Writer(inner.Output, outsideApp);
    }

    /// <summary>Passes every write through, except a bodiless error response written while no request was in the app.</summary>
    private sealed class Writer(PipeWriter inner, Func<bool> outsideApp) : PipeWriter
    {
        private Memory<byte> _handedOut;

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;

        public override Memory<byte> GetMemory(int sizeHint = 0) => _handedOut = inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => (_handedOut = inner.GetMemory(sizeHint)).Span;

        public override void Advance(int bytes)
        {
            if (bytes > 0 && bytes <= _handedOut.Length && outsideApp() && WithProblemBody(_handedOut.Span[..bytes]) is { } answer)
            {
                // Nothing of the original was committed: write the answer over it, from the same place.
                inner.Write(answer);
                return;
            }
            inner.Advance(bytes);
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);
    }
}
