using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CareConsole.Core.Data;

namespace CareConsole.Hosting.Benchmarks;

/// <summary>
/// <c>bench turns</c>: customers chatting at once through the HTTP API with the offline model, each playing a
/// demo account from greeting to goodbye (verify, track, list, a help question, Hindi, thanks). Reports how long
/// a turn takes as the customer sees it and how many turns the console serves per second, on SQLite and on
/// PostgreSQL under the same load. The console runs as a child process on a fresh database (the private PostgreSQL
/// cluster for PostgreSQL), so the numbers include the engine.
/// </summary>
internal static class TurnsBenchmark
{
    private static readonly string[] Script =
    [
        "Hi, my number is {phone}",
        "{pincode}",
        "where is my order?",
        "show my orders",
        "how long do refunds take for UPI?",
        "मेरा ऑर्डर कहाँ है?",
        "thanks",
    ];

    private sealed record Engine(DatabaseProvider Provider, BenchmarkConsole Console, HttpClient Http, List<JsonElement> Accounts)
    {
        public ConcurrentBag<double> Latencies { get; } = [];

        public double Seconds { get; set; }
    }

    public static async Task<int> RunAsync(int customers, int concurrency)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"careconsole-bench-{Guid.NewGuid():N}");
        var engines = new List<Engine>();
        try
        {
            foreach (var provider in BenchmarkConsole.Engines)
            {
                var console = BenchmarkConsole.Start(Path.Combine(folder, provider.ToString()), settings: BenchmarkConsole.On(provider, BenchmarkConsole.ForThroughput));
                var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
                var engine = new Engine(provider, console, http, []);
                // Listed at once, so it is stopped however the rest goes.
                engines.Add(engine);
                using (var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) })
                {
                    await console.SecondsUntilHealthyAsync(probe);
                }
                await console.UntilHelpCentreEmbeddedAsync();
                http.BaseAddress = console.Address;
                engine.Accounts.AddRange(await http.GetFromJsonAsync<List<JsonElement>>("/api/demo/accounts") ?? []);
            }
            // Both consoles and this client warm up alike (JIT, pools, the help index), so neither engine pays for
            // it; then each serves half the customers twice, in the order A B B A, so neither goes first throughout.
            foreach (var engine in engines)
            {
                await PlayManyAsync(engine, 4 * concurrency, concurrency, new ConcurrentBag<double>());
            }
            var half = Math.Max(1, customers / 2);
            foreach (var engine in engines.Concat(Enumerable.Reverse(engines)))
            {
                engine.Seconds += await PlayManyAsync(engine, half, concurrency, engine.Latencies);
            }

            Console.WriteLine($"Conversation turns, offline model, {2 * half} customers, {concurrency} at a time, the same load on each engine (rounds A B B A)");
            Console.WriteLine($"| measure | {string.Join(" | ", engines.Select(e => e.Provider))} |");
            Console.WriteLine($"|---|{string.Concat(engines.Select(_ => "---|"))}");
            var latency = engines.Select(e => Percentiles.Of(e.Latencies)).ToList();
            Row("turns per second", engines.Select(e => e.Latencies.Count / e.Seconds), "0", "");
            Row("turn latency p50", latency.Select(l => l.Median), "0.0", " ms");
            Row("turn latency p95", latency.Select(l => l.P95), "0.0", " ms");
            Row("turn latency p99", latency.Select(l => l.P99), "0.0", " ms");
            Row("app memory after the run (RSS)", engines.Select(e => (e.Console.Process.ResidentBytes ?? 0) / 1024d / 1024d), "0", " MB");
            return 0;
        }
        finally
        {
            foreach (var engine in engines)
            {
                engine.Http.Dispose();
                await engine.Console.DisposeAsync();
            }
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static void Row(string measure, IEnumerable<double> values, string format, string unit) =>
        Console.WriteLine($"| {measure} | {string.Join(" | ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture) + unit))} |");

    /// <summary>Plays <paramref name="customers"/> conversations, <paramref name="concurrency"/> at a time; returns the seconds it took.</summary>
    private static async Task<double> PlayManyAsync(Engine engine, int customers, int concurrency, ConcurrentBag<double> latencies)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, customers), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (n, _) => await PlayAsync(engine.Http, engine.Accounts[(n + 1) % engine.Accounts.Count], latencies));
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task PlayAsync(HttpClient http, JsonElement account, ConcurrentBag<double> latencies)
    {
        using var start = await http.PostAsJsonAsync("/api/conversations", new { language = "auto" });
        start.EnsureSuccessStatusCode();
        var conversation = await start.Content.ReadFromJsonAsync<JsonElement>();
        var path = $"/api/conversations/{conversation.GetProperty("id").GetString()}/messages";
        var token = conversation.GetProperty("token").GetString();

        foreach (var line in Script)
        {
            var text = line.Replace("{phone}", account.GetProperty("phone").GetString(), StringComparison.Ordinal)
                .Replace("{pincode}", account.GetProperty("pincode").GetString(), StringComparison.Ordinal);
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { text }) };
            request.Headers.Authorization = new("Bearer", token);
            var clock = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
    }
}
