using System.Diagnostics;
using System.Globalization;
using CareConsole.Core.Data;
using CareConsole.Core.Data.Embedded;
using CareConsole.Core.Knowledge;

namespace CareConsole.Hosting.Benchmarks;

/// <summary>A console started by a benchmark: this same program, its own empty data folder, a free port.</summary>
internal sealed class BenchmarkConsole : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(120);

    private BenchmarkConsole(ConsoleProcess process, string dataDirectory)
    {
        Process = process;
        DataDirectory = dataDirectory;
    }

    public ConsoleProcess Process { get; }

    public string DataDirectory { get; }

    public Uri? Address { get; private set; }

    /// <summary>
    /// For benchmarks of throughput, whose load comes from one address: the rate limits, there to stop one client
    /// from taking the console's capacity, would measure themselves instead of the console; and the demo history a
    /// first start plays in the background (hundreds of conversations through the agent) would take a core from
    /// the turns being measured.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ForThroughput { get; } =
        RateLimitSettings.Defaults.Keys.ToDictionary(limit => $"RateLimits__{limit}__PermitLimit", _ => "10000000")
            .Append(new KeyValuePair<string, string>("Demo__History", "false"))
            .ToDictionary();

    /// <summary>The engines start-up and turns are measured on, each as the console runs it from an empty folder.</summary>
    /// <remarks>
    /// PostgreSQL needs Debian's <c>postgresql</c> programs for its private cluster; without them only SQLite is measured.
    /// </remarks>
    public static IReadOnlyList<DatabaseProvider> Engines { get; } = PostgresBinaries.Locate(null) is null
        ? [DatabaseProvider.Sqlite]
        : [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSQL];

    /// <summary>Settings for <paramref name="engine"/>: SQLite, or PostgreSQL as the console's own private cluster.</summary>
    public static Dictionary<string, string> On(DatabaseProvider engine, IReadOnlyDictionary<string, string>? more = null) =>
        new(more ?? new Dictionary<string, string>()) { ["Database__Provider"] = engine.ToString() };

    /// <param name="dataDirectory">Its data folder (the SQLite file, or the private PostgreSQL cluster).</param>
    /// <param name="cpu">Pin the console to this one CPU (with taskset), so it works on a single core.</param>
    /// <param name="settings">Configuration for the console, as environment variables.</param>
    public static BenchmarkConsole Start(string dataDirectory, int? cpu = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = ConsoleProcess.ForThisProgram(["--urls", "http://127.0.0.1:0"]);
        if (cpu is { } core)
        {
            // taskset execs the program in its own place, so the process id (and its /proc entries) stay the console's.
            start.ArgumentList.Insert(0, start.FileName);
            start.ArgumentList.Insert(0, core.ToString(CultureInfo.InvariantCulture));
            start.ArgumentList.Insert(0, "-c");
            start.FileName = "taskset";
        }
        start.Environment["Database__DataDirectory"] = dataDirectory;
        start.Environment.Remove("ConnectionStrings__Care");
        start.Environment.Remove("Ai__Provider");
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        return new BenchmarkConsole(ConsoleProcess.Start(start), dataDirectory);
    }

    /// <summary>Seconds from process start until /health answers 200, as a load balancer would see it.</summary>
    public async Task<double> SecondsUntilHealthyAsync(HttpClient http)
    {
        var clock = Stopwatch.StartNew();
        Address = await Process.WaitUntilListeningAsync(StartLimit);
        while (clock.Elapsed < StartLimit)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(Address, "/health"));
                if (response.IsSuccessStatusCode)
                {
                    return clock.Elapsed.TotalSeconds;
                }
            }
            catch (HttpRequestException)
            {
                // Listening but not answering yet: ask again.
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"/health did not answer 200 within {StartLimit}.");
    }

    /// <summary>
    /// Waits until the console has embedded its help-centre sections, which it does in the background after a first
    /// start (about 10 s of a core): a throughput benchmark measures a console that is running, not one still starting.
    /// </summary>
    public async Task UntilHelpCentreEmbeddedAsync()
    {
        // The console reads the variable this process was given; without local embeddings there is nothing to wait for.
        if (string.Equals(Environment.GetEnvironmentVariable("Knowledge__LocalEmbeddings"), "false", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        await Process.WaitForOutputAsync(line => line.Contains(KnowledgeLibrary.VectorsReadyLog, StringComparison.Ordinal), StartLimit);
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}

/// <summary>Median, percentiles and the worst of a set of measurements.</summary>
internal sealed record Percentiles(double Median, double P95, double P99, double Worst)
{
    public static Percentiles Of(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        double At(double fraction) => sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(At(0.5), At(0.95), At(0.99), sorted[^1]);
    }
}
