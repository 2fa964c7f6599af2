using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CareConsole.Tests.Infrastructure;

namespace CareConsole.Tests.Api;

/// <summary>
/// Requests the web server itself refuses, sent byte for byte over a socket to the app on Kestrel: each is a 4xx
/// with a problem-details body, like every refusal the app writes, and nothing else on the connection changes.
/// </summary>
public sealed class MalformedRequestTests(MalformedRequestTests.KestrelApp app) : IClassFixture<MalformedRequestTests.KestrelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, int> Refused => new()
    {
        { "a very long conversation id", $"POST /api/conversations/{new string('a', 20_000)}/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 414 },
        { "a very long query", $"GET /api/knowledge/search?q={new string('q', 20_000)} HTTP/1.1\r\nHost: x\r\n\r\n", 414 },
        { "huge headers", $"GET /health HTTP/1.1\r\nHost: x\r\nX-Padding: {new string('h', 40_000)}\r\n\r\n", 431 },
        { "a NUL in the path", "GET /api/conversations/%00 HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "a NUL in a page's path", "GET /help/%00 HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n\r\n", 400 },
        { "a line that is not HTTP", "GARBAGE\r\n\r\n", 400 },
        { "a header without a colon", "GET /health HTTP/1.1\r\nHost: x\r\nBroken header\r\n\r\n", 400 },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Request_RefusedByTheServer_Is4xxWithAProblemBody(string what, string request, int status)
    {
        var response = await SendAsync(request);

        Assert.True(response.Status == status, $"{what}: {response.Status}");
        Assert.Equal("application/problem+json", response.Header("Content-Type"));
        using var problem = JsonDocument.Parse(response.Body);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Request_RefusedAfterAGoodOneOnTheSameConnection_StillGetsAProblemBody()
    {
        var responses = await SendAsync("GET /health HTTP/1.1\r\nHost: x\r\n\r\n" + "GET /api/conversations/%00 HTTP/1.1\r\nHost: x\r\n\r\n", count: 2);

        Assert.Equal(200, responses[0].Status);
        Assert.StartsWith("{\"status\":\"healthy\"", responses[0].Body, StringComparison.Ordinal);
        Assert.Equal(400, responses[1].Status);
        Assert.Equal("application/problem+json", responses[1].Header("Content-Type"));
    }

    [Theory]
    [InlineData("*/*", "application/problem+json")]
    [InlineData("application/json", "application/problem+json")]
    [InlineData("text/html,application/xhtml+xml", "text/html")]
    public async Task Path_WithDotSegmentsToNowhere_Is404InTheFormTheCallerAsksFor(string accept, string expected)
    {
        var response = await SendAsync($"GET /api/../../etc/passwd HTTP/1.1\r\nHost: x\r\nAccept: {accept}\r\n\r\n");

        Assert.Equal(404, response.Status);
        Assert.Equal(expected, response.Header("Content-Type")?.Split(';')[0]);
        Assert.NotEmpty(response.Body);
    }

    [Fact]
    public async Task Head_ForAnUnknownAddress_StaysWithoutABody()
    {
        var response = await SendAsync("HEAD /api/no-such-thing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", head: true);

        Assert.Equal(404, response.Status);
        Assert.Empty(response.Body);
    }

    private async Task<RawResponse> SendAsync(string request, bool head = false) => (await SendAsync(request, 1, head))[0];

    /// <summary>Writes <paramref name="request"/> as it is and reads <paramref name="count"/> responses.</summary>
    private async Task<List<RawResponse>> SendAsync(string request, int count, bool head = false)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(app.Factory.BaseAddress.Host, app.Factory.BaseAddress.Port, Ct);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), Ct);
        }
        catch (IOException)
        {
            // The server may answer and close before a long request is all written; its answer is still there.
        }
        var reader = new RawResponseReader(stream);
        var responses = new List<RawResponse>();
        for (var i = 0; i < count; i++)
        {
            responses.Add(await reader.ReadAsync(head, Ct));
        }
        return responses;
    }

    public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    }

    /// <summary>Reads HTTP/1.1 responses with a Content-Length (or none, to the end) off a stream.</summary>
    private sealed class RawResponseReader(NetworkStream stream)
    {
        private readonly List<byte> _buffer = [];

        public async Task<RawResponse> ReadAsync(bool head, CancellationToken cancellationToken)
        {
            int end;
            while ((end = IndexOf("\r\n\r\n"u8.ToArray())) < 0)
            {
                if (!await FillAsync(cancellationToken))
                {
                    throw new InvalidOperationException("The connection closed before a response head: " + Encoding.ASCII.GetString([.. _buffer]));
                }
            }
            var lines = Encoding.ASCII.GetString([.. _buffer.Take(end)]).Split("\r\n");
            _buffer.RemoveRange(0, end + 4);
            var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            if (head)
            {
                return new RawResponse(status, headers, "");
            }
            if (headers.TryGetValue("Transfer-Encoding", out var coding) && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                var body = new List<byte>();
                while (true)
                {
                    var line = await ReadLineAsync(cancellationToken);
                    var size = int.Parse(line.Split(';')[0], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
                    var chunk = await TakeAsync(size + 2, cancellationToken);
                    if (size == 0)
                    {
                        return new RawResponse(status, headers, Encoding.UTF8.GetString([.. body]));
                    }
                    body.AddRange(chunk.Take(size));
                }
            }
            if (headers.TryGetValue("Content-Length", out var text))
            {
                return new RawResponse(status, headers, Encoding.UTF8.GetString(await TakeAsync(int.Parse(text, System.Globalization.CultureInfo.InvariantCulture), cancellationToken)));
            }
            while (await FillAsync(cancellationToken))
            {
            }
            return new RawResponse(status, headers, Encoding.UTF8.GetString(await TakeAsync(_buffer.Count, cancellationToken)));
        }

        private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
        {
            int end;
            while ((end = IndexOf("\r\n"u8.ToArray())) < 0)
            {
                if (!await FillAsync(cancellationToken))
                {
                    throw new InvalidOperationException("The connection closed inside a chunked body.");
                }
            }
            var line = Encoding.ASCII.GetString([.. _buffer.Take(end)]);
            _buffer.RemoveRange(0, end + 2);
            return line;
        }

        private async Task<byte[]> TakeAsync(int count, CancellationToken cancellationToken)
        {
            while (_buffer.Count < count && await FillAsync(cancellationToken))
            {
            }
            var taken = _buffer.Take(Math.Min(count, _buffer.Count)).ToArray();
            _buffer.RemoveRange(0, taken.Length);
            return taken;
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            var chunk = new byte[8192];
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            var read = await stream.ReadAsync(chunk, timeout.Token);
            _buffer.AddRange(chunk.AsSpan(0, read).ToArray());
            return read > 0;
        }

        private int IndexOf(byte[] pattern)
        {
            for (var i = 0; i + pattern.Length <= _buffer.Count; i++)
            {
                if (pattern.Select((b, j) => _buffer[i + j] == b).All(x => x))
                {
                    return i;
                }
            }
            return -1;
        }
    }

    /// <summary>The app on a real Kestrel: the refusals under test happen there, not in the in-process test server.</summary>
    public sealed class KestrelApp(TestDatabases databases) : IAsyncLifetime
    {
        public CareConsoleFactory Factory { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Factory = await CareConsoleFactory.StartAsync(databases, demo: false, onKestrel: true);

        public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
    }
}
