using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CareConsole.Tests.Infrastructure;

/// <summary>One request as the stub received it.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The body as JSON, for asserting what an adapter put on the wire.</summary>
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The request body was JSON null.");

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A model provider on a loopback port: a real Kestrel server that records every request and answers each with the
/// next scripted reply, so an adapter is tested over real HTTP against the provider's documented wire format.
/// </summary>
public sealed class ProviderStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedReply> _replies = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private ProviderStub(WebApplication app)
    {
        _app = app;
        _app.Run(HandleAsync);
    }

    /// <summary>Where the stub listens, e.g. http://127.0.0.1:41234 (no path).</summary>
    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<ProviderStub> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");

        var stub = new ProviderStub(app);
        await app.StartAsync(cancellationToken);
        // Port 0 asks the system for a free port; the bound address is known only once started.
        stub.Address = new Uri(app.Urls.First());
        return stub;
    }

    /// <summary>
    /// Queues the answer to the next request: a status, a body, how long to think first and the body's media type
    /// (JSON unless told, e.g. text/event-stream for a streamed answer).
    /// </summary>
    public ProviderStub Reply(string body, int status = StatusCodes.Status200OK, TimeSpan? delay = null, string? contentType = null)
    {
        _replies.Enqueue(new ScriptedReply(status, body, delay ?? TimeSpan.Zero, contentType ?? "application/json; charset=utf-8"));
        return this;
    }

    /// <summary>A client for the stub; its timeout is the one the adapter under test has to live with.</summary>
    public static HttpClient CreateClient(TimeSpan? timeout = null) =>
        new() { Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(
            h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new RecordedRequest(
            context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body));

        if (!_replies.TryDequeue(out var reply))
        {
            // Not a status an adapter treats as retryable, and the text says what went wrong in the test.
            reply = new ScriptedReply(
                StatusCodes.Status418ImATeapot, """{"error":{"message":"the stub has no reply scripted"}}""", TimeSpan.Zero,
                "application/json; charset=utf-8");
        }
        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                // The client gives up first; its closed connection ends the wait.
                await Task.Delay(reply.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        await context.Response.WriteAsync(reply.Body, context.RequestAborted);
    }

    private sealed record ScriptedReply(int Status, string Body, TimeSpan Delay, string ContentType);
}
