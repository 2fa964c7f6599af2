using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CareConsole.Core.Conversations;
using CareConsole.Core.Sentiment;
using CareConsole.Core.Sentiment.Evaluation;
using CareConsole.Core.Trackers;

namespace CareConsole.Hosting.Benchmarks;

/// <summary>
/// <c>bench analyze</c>: how many messages <c>POST /api/analyze</c> reads per second on one core. The console runs
/// as a child process pinned to CPU 0 (taskset) and the load comes over keep-alive HTTP connections, cycling
/// through the 665 labelled support messages. Besides messages per second of wall time, it reports messages per
/// second of the console's own CPU time (from /proc), which is the one-core figure however much the load
/// generator costs. Also times the analysis alone, in process, on one thread.
/// </summary>
internal static class AnalyzeBenchmark
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly string[] Splits = ["dev", "holdout", "test"];

    public static async Task<int> RunAsync(int seconds, int connections)
    {
        var messages = Splits.SelectMany(SentimentEvaluation.Load).Select(m => m.Text).ToList();
        var inProcess = InProcess(messages);

        var pinned = Environment.ProcessorCount > 1 && File.Exists("/usr/bin/taskset");
        var folder = Path.Combine(Path.GetTempPath(), $"careconsole-bench-{Guid.NewGuid():N}");
        try
        {
            await using var console = BenchmarkConsole.Start(folder, pinned ? 0 : null, BenchmarkConsole.ForThroughput);
            using (var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) })
            {
                await console.SecondsUntilHealthyAsync(probe);
            }
            await console.UntilHelpCentreEmbeddedAsync();
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            using var http = new HttpClient(handler) { BaseAddress = console.Address, Timeout = TimeSpan.FromSeconds(30) };
            var bodies = messages.Select(m => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { text = m }))).ToArray();

            await LoadAsync(http, bodies, connections, WarmUp);
            var cpuBefore = console.Process.CpuTime;
            var clock = Stopwatch.StartNew();
            var (latencies, failures) = await LoadAsync(http, bodies, connections, TimeSpan.FromSeconds(seconds));
            var elapsed = clock.Elapsed.TotalSeconds;
            var cpu = (console.Process.CpuTime - cpuBefore)?.TotalSeconds;

            var answered = latencies.Count;
            var latency = Percentiles.Of(latencies);
            Console.WriteLine($"POST /api/analyze, {connections} keep-alive connections, {seconds} s after a {WarmUp.TotalSeconds:0} s warm-up; console {(pinned ? "pinned to CPU 0" : "not pinned (no taskset or one CPU)")}");
            Console.WriteLine("| measure | value |");
            Console.WriteLine("|---|---|");
            Console.WriteLine(Invariant($"| messages per second (wall) | {answered / elapsed:0} |"));
            if (cpu is > 0)
            {
                Console.WriteLine(Invariant($"| console CPU used | {cpu / elapsed:0.00} cores |"));
                Console.WriteLine(Invariant($"| messages per second of console CPU | {answered / cpu:0} |"));
            }
            Console.WriteLine(Invariant($"| latency p50 / p99 | {latency.Median:0.00} / {latency.P99:0.00} ms |"));
            Console.WriteLine(Invariant($"| failed requests | {failures} |"));
            Console.WriteLine(Invariant($"| console memory after the run (RSS) | {(console.Process.ResidentBytes ?? 0) / 1024d / 1024d:0} MB |"));
            Console.WriteLine(Invariant($"| analysis alone, in process, one thread | {inProcess:0} messages per second |"));
            return failures == 0 ? 0 : 1;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Sends the bodies round and round on each connection until the time is up.</summary>
    private static async Task<(List<double> Latencies, int Failures)> LoadAsync(HttpClient http, byte[][] bodies, int connections, TimeSpan duration)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perConnection = await Task.WhenAll(Enumerable.Range(0, connections).Select(async n =>
        {
            var latencies = new List<double>(50_000);
            var failures = 0;
            for (var i = n; Stopwatch.GetTimestamp() < until; i += connections)
            {
                using var content = new ByteArrayContent(bodies[i % bodies.Length]);
                content.Headers.ContentType = new("application/json");
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync("/api/analyze", content);
                await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    failures++;
                }
            }
            return (latencies, failures);
        }));
        return (perConnection.SelectMany(c => c.latencies).ToList(), perConnection.Sum(c => c.failures));
    }

    /// <summary>Sentiment, language and the seeded trackers for every message, on this thread: messages per second.</summary>
    private static double InProcess(IReadOnlyList<string> messages)
    {
        var trackers = new TrackerMatcher(
        [
            TrackerDefinition.Create(new("Sale", new(["great indian sale", "sale", "deal", "offer", "discount"], ["सेल", "ऑफर"], [])), DateTimeOffset.UnixEpoch),
            TrackerDefinition.Create(new("Late", new(["late", "delay", "not delivered"], ["देरी"], ["kab aayega"])), DateTimeOffset.UnixEpoch),
            TrackerDefinition.Create(new("Competitors", new(["amazon", "flipkart", "meesho"], [], [])), DateTimeOffset.UnixEpoch),
        ]);
        var model = TrainedSentimentModel.Default;
        var sink = 0.0;
        var clock = Stopwatch.StartNew();
        var count = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(3))
        {
            foreach (var message in messages)
            {
                sink += model.Score(message).Score + (int)LanguageDetector.Detect(message, Register.English) + trackers.Match(message, Author.Customer).Count;
                count++;
            }
        }
        GC.KeepAlive(sink);
        return count / clock.Elapsed.TotalSeconds;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
