using System.Diagnostics;
using System.Globalization;

namespace CareConsole.Hosting.Benchmarks;

/// <summary>
/// <c>bench startup</c>: how long the console takes to serve from an empty data folder (initdb, migrations, demo
/// seed) and on a restart, how long it takes to stop, and its memory once up. Each run starts this same program
/// as a child process with a fresh embedded database, as <c>./run.sh</c> would on a new machine.
/// </summary>
internal static class StartupBenchmark
{
    public static async Task<int> RunAsync(int runs)
    {
        var firstStarts = new List<double>();
        var restarts = new List<double>();
        var stops = new List<double>();
        var memory = new List<double>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        for (var run = 1; run <= runs; run++)
        {
            var folder = Path.Combine(Path.GetTempPath(), $"careconsole-bench-{Guid.NewGuid():N}");
            var dataDirectory = Path.Combine(folder, "postgres");
            try
            {
                await using (var first = BenchmarkConsole.Start(dataDirectory))
                {
                    firstStarts.Add(await first.SecondsUntilHealthyAsync(http));
                    memory.Add((first.Process.ResidentBytes ?? 0) / 1024d / 1024d);
                    var clock = Stopwatch.StartNew();
                    await first.Process.StopAsync();
                    stops.Add(clock.Elapsed.TotalSeconds);
                }
                if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
                {
                    await Console.Error.WriteLineAsync("PostgreSQL was still running after the console stopped.");
                    return 1;
                }
                await using (var second = BenchmarkConsole.Start(dataDirectory))
                {
                    restarts.Add(await second.SecondsUntilHealthyAsync(http));
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run}: first start {firstStarts[^1]:0.00} s, restart {restarts[^1]:0.00} s, stop {stops[^1]:0.00} s, {memory[^1]:0} MB"));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Start-up over {runs} runs (embedded PostgreSQL, demo data; build not included)");
        Console.WriteLine("| measure | median | worst |");
        Console.WriteLine("|---|---|---|");
        Row("first start to healthy (initdb, migrate, seed)", firstStarts, "s");
        Row("restart to healthy", restarts, "s");
        Row("stop, PostgreSQL included", stops, "s");
        Row("app memory after first start (RSS)", memory, "MB");
        return 0;
    }

    private static void Row(string measure, List<double> values, string unit)
    {
        var sorted = values.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        var format = unit == "MB" ? "0" : "0.00";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {measure} | {median.ToString(format, CultureInfo.InvariantCulture)} {unit} | {sorted[^1].ToString(format, CultureInfo.InvariantCulture)} {unit} |"));
    }
}
