using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace CareConsole.Hosting.Benchmarks;

/// <summary>
/// <c>bench turns</c>: customers chatting at once through the HTTP API with the offline model, each playing a
/// demo account from greeting to goodbye (verify, track, list, a help question, Hindi, thanks). Reports how long
/// a turn takes as the customer sees it and how many turns the console serves per second. The console runs as a
/// child process on a fresh embedded database, so the numbers include PostgreSQL.
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

    public static async Task<int> RunAsync(int customers, int concurrency)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"careconsole-bench-{Guid.NewGuid():N}");
        try
        {
            await using var console = BenchmarkConsole.Start(Path.Combine(folder, "postgres"), settings: BenchmarkConsole.WithoutRateLimits);
            using (var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) })
            {
                await console.SecondsUntilHealthyAsync(probe);
            }
            using var http = new HttpClient { BaseAddress = console.Address, Timeout = TimeSpan.FromSeconds(60) };
            var accounts = await http.GetFromJsonAsync<List<JsonElement>>("/api/demo/accounts") ?? [];

            // One warm-up conversation so start-up work (JIT, pools, the help index) is not counted.
            await PlayAsync(http, accounts[0], new ConcurrentBag<double>());

            var latencies = new ConcurrentBag<double>();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, customers), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
                async (n, _) => await PlayAsync(http, accounts[(n + 1) % accounts.Count], latencies));
            var elapsed = clock.Elapsed.TotalSeconds;

            var turns = Percentiles.Of(latencies);
            Console.WriteLine($"Conversation turns, offline model, {customers} customers, {concurrency} at a time ({latencies.Count} turns, {elapsed:0.0} s)");
            Console.WriteLine("| measure | value |");
            Console.WriteLine("|---|---|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| turns per second | {latencies.Count / elapsed:0} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| turn latency p50 | {turns.Median:0.0} ms |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| turn latency p95 | {turns.P95:0.0} ms |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| turn latency p99 | {turns.P99:0.0} ms |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| app memory after the run (RSS) | {(console.Process.ResidentBytes ?? 0) / 1024d / 1024d:0} MB |"));
            return 0;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
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
