using System.Globalization;

namespace CareConsole.Hosting.Benchmarks;

/// <summary><c>bench &lt;name&gt; [options]</c>: measurements that print numbers, for the README's figures.</summary>
internal static class BenchCommand
{
    private const string Usage = """
        Usage:
          bench startup [--runs N]                   first start, restart, stop and memory, SQLite and PostgreSQL (default 3 runs)
          bench turns [--customers N] [--at-once C]  conversation turns through the API with the offline model, SQLite and PostgreSQL (default 400, 8)
          bench retrieval [--sizes 1000,10000,100000] the in-process index against PostgreSQL full-text search
          bench analyze [--seconds N] [--connections C] POST /api/analyze with the console on one core (default 10 s, 64)
          bench desk [--waiting N] [--messages M]    live desk updates across two instances, opening, taking over, drafting (default 200, 300)
          bench abuse [--customers N]                guesses, floods and normal turns beside an attack, default limits (default 20)
          bench dashboard [--conversations N]        the dashboard's reads over N conversations of eleven messages, SQLite and PostgreSQL (default 100000)
          bench sentiment [--seconds N]              messages scored per second on one thread, rules, classifier and both (default 5 s each)
        Build in Release for meaningful numbers: dotnet run --project CareConsole -c Release -- bench <name>
        """;

    private sealed record NumberOption(string Name, int Default, int Max);

    private static readonly NumberOption[] StartupOptions = [new("--runs", 3, 50)];
    private static readonly NumberOption[] TurnsOptions = [new("--customers", 400, 10_000), new("--at-once", 8, 10_000)];
    private static readonly NumberOption[] AnalyzeOptions = [new("--seconds", 10, 600), new("--connections", 64, 600)];
    private static readonly NumberOption[] DeskOptions = [new("--waiting", 200, 10_000), new("--messages", 300, 100_000)];
    private static readonly NumberOption[] AbuseOptions = [new("--customers", 20, 1_000)];
    private static readonly NumberOption[] DashboardOptions = [new("--conversations", 100_000, 1_000_000)];
    private static readonly NumberOption[] SentimentOptions = [new("--seconds", 5, 600)];

    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["startup", .. var options] when Numbers(options, StartupOptions) is [var runs]:
                return await StartupBenchmark.RunAsync(runs);
            case ["turns", .. var options] when Numbers(options, TurnsOptions) is [var customers, var atOnce]:
                return await TurnsBenchmark.RunAsync(customers, atOnce);
            case ["analyze", .. var options] when Numbers(options, AnalyzeOptions) is [var seconds, var connections]:
                return await AnalyzeBenchmark.RunAsync(seconds, connections);
            case ["desk", .. var options] when Numbers(options, DeskOptions) is [var waiting, var messages]:
                return await DeskBenchmark.RunAsync(waiting, messages);
            case ["abuse", .. var options] when Numbers(options, AbuseOptions) is [var customers]:
                return await AbuseBenchmark.RunAsync(customers);
            case ["dashboard", .. var options] when Numbers(options, DashboardOptions) is [var conversations]:
                return await DashboardBenchmark.RunAsync(conversations);
            case ["sentiment", .. var options] when Numbers(options, SentimentOptions) is [var seconds]:
                return SentimentBenchmark.Run(seconds);
            case ["retrieval"] when !OperatingSystem.IsWindows():
                return await RetrievalBenchmark.RunAsync([1_000, 10_000, 100_000]);
            case ["retrieval", "--sizes", var list] when !OperatingSystem.IsWindows() && TrySizes(list, out var sizes):
                return await RetrievalBenchmark.RunAsync(sizes);
            default:
                await Console.Error.WriteLineAsync(Usage);
                return 2;
        }
    }

    /// <summary>
    /// "--name N" pairs read into the values of <paramref name="known"/>, in its order, defaults for those not given;
    /// null for an unknown name, a missing value or a number outside 1 to its maximum.
    /// </summary>
    private static int[]? Numbers(string[] options, NumberOption[] known)
    {
        if (options.Length % 2 != 0)
        {
            return null;
        }
        var values = known.Select(o => o.Default).ToArray();
        for (var i = 0; i < options.Length; i += 2)
        {
            var index = Array.FindIndex(known, o => o.Name == options[i]);
            if (index < 0 || !int.TryParse(options[i + 1], CultureInfo.InvariantCulture, out var value) || value < 1 || value > known[index].Max)
            {
                return null;
            }
            values[index] = value;
        }
        return values;
    }

    private static bool TrySizes(string list, out int[] sizes)
    {
        sizes = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(item => int.TryParse(item, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .ToArray();
        return sizes.Length > 0 && sizes.All(n => n is >= 1 and <= 1_000_000);
    }
}
