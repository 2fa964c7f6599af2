using System.Diagnostics;
using System.Globalization;
using CareConsole.Core.Data;

namespace CareConsole.Hosting.Benchmarks;

/// <summary>
/// <c>bench startup</c>: how long the console takes to serve from an empty data folder (database, migrations, demo
/// seed) and on a restart, how long it takes to stop, and its memory once up, on SQLite and on PostgreSQL (the
/// private cluster, initdb included) side by side. Each run starts this same program as a child process with a fresh
/// folder, as <c>./run.sh</c> would on a new machine.
/// </summary>
internal static class StartupBenchmark
{
    private sealed record Figures(List<double> FirstStarts, List<double> Restarts, List<double> Stops, List<double> Memory)
    {
        public Figures() : this([], [], [], [])
        {
        }
    }

    public static async Task<int> RunAsync(int runs)
    {
        var figures = BenchmarkConsole.Engines.ToDictionary(engine => engine, _ => new Figures());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        for (var run = 1; run <= runs; run++)
        {
            foreach (var (engine, measured) in figures)
            {
                if (!await MeasureAsync(engine, measured, http))
                {
                    return 1;
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run}, {engine}: first start {measured.FirstStarts[^1]:0.00} s, restart {measured.Restarts[^1]:0.00} s, stop {measured.Stops[^1]:0.00} s, {measured.Memory[^1]:0} MB"));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Start-up over {runs} runs, median (worst); demo data; build not included");
        Console.WriteLine($"| measure | {string.Join(" | ", figures.Keys)} |");
        Console.WriteLine($"|---|{string.Concat(figures.Keys.Select(_ => "---|"))}");
        Row("first start to healthy (create, migrate, seed)", figures.Values.Select(f => f.FirstStarts), "s");
        Row("restart to healthy", figures.Values.Select(f => f.Restarts), "s");
        Row("stop (the private PostgreSQL server included)", figures.Values.Select(f => f.Stops), "s");
        Row("app memory after first start (RSS)", figures.Values.Select(f => f.Memory), "MB");
        return 0;
    }

    private static async Task<bool> MeasureAsync(DatabaseProvider engine, Figures figures, HttpClient http)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"careconsole-bench-{Guid.NewGuid():N}");
        var settings = BenchmarkConsole.On(engine);
        try
        {
            await using (var first = BenchmarkConsole.Start(dataDirectory, settings: settings))
            {
                figures.FirstStarts.Add(await first.SecondsUntilHealthyAsync(http));
                figures.Memory.Add((first.Process.ResidentBytes ?? 0) / 1024d / 1024d);
                var clock = Stopwatch.StartNew();
                await first.Process.StopAsync();
                figures.Stops.Add(clock.Elapsed.TotalSeconds);
            }
            if (File.Exists(Path.Combine(dataDirectory, "postgres", "postmaster.pid")))
            {
                await Console.Error.WriteLineAsync("PostgreSQL was still running after the console stopped.");
                return false;
            }
            await using (var second = BenchmarkConsole.Start(dataDirectory, settings: settings))
            {
                figures.Restarts.Add(await second.SecondsUntilHealthyAsync(http));
            }
            return true;
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static void Row(string measure, IEnumerable<List<double>> perEngine, string unit)
    {
        var format = unit == "MB" ? "0" : "0.00";
        var cells = perEngine.Select(values => Percentiles.Of(values)).Select(figures =>
            $"{figures.Median.ToString(format, CultureInfo.InvariantCulture)} {unit} ({figures.Worst.ToString(format, CultureInfo.InvariantCulture)})");
        Console.WriteLine($"| {measure} | {string.Join(" | ", cells)} |");
    }
}
