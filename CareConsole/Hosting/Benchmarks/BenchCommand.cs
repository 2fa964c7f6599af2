using System.Globalization;

namespace CareConsole.Hosting.Benchmarks;

/// <summary><c>bench &lt;name&gt; [options]</c>: measurements that print numbers, for the README's figures.</summary>
internal static class BenchCommand
{
    private const string Usage = """
        Usage:
          bench startup [--runs N]                   first start, restart, stop and memory of the console (default 3 runs)
          bench turns [--customers N] [--at-once C]  conversation turns through the API with the offline model (default 200, 8)
          bench retrieval [--sizes 1000,10000,100000] the in-process index against PostgreSQL full-text search
          bench analyze [--seconds N] [--connections C] POST /api/analyze with the console on one core (default 10 s, 64)
        Build in Release for meaningful numbers: dotnet run --project CareConsole -c Release -- bench <name>
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["startup"]:
                return await StartupBenchmark.RunAsync(runs: 3);
            case ["startup", "--runs", var runs] when int.TryParse(runs, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 50:
                return await StartupBenchmark.RunAsync(n);
            case ["turns", .. var options] when TryTurnsOptions(options, out var customers, out var atOnce):
                return await TurnsBenchmark.RunAsync(customers, atOnce);
            case ["analyze", .. var options] when TryAnalyzeOptions(options, out var seconds, out var connections):
                return await AnalyzeBenchmark.RunAsync(seconds, connections);
            case ["retrieval"] when !OperatingSystem.IsWindows():
                return await RetrievalBenchmark.RunAsync([1_000, 10_000, 100_000]);
            case ["retrieval", "--sizes", var list] when !OperatingSystem.IsWindows() && TrySizes(list, out var sizes):
                return await RetrievalBenchmark.RunAsync(sizes);
            default:
                await Console.Error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static bool TryTurnsOptions(string[] options, out int customers, out int atOnce)
    {
        customers = 200;
        atOnce = 8;
        for (var i = 0; i + 1 < options.Length; i += 2)
        {
            if (!int.TryParse(options[i + 1], CultureInfo.InvariantCulture, out var value) || value is < 1 or > 10_000)
            {
                return false;
            }
            switch (options[i])
            {
                case "--customers":
                    customers = value;
                    break;
                case "--at-once":
                    atOnce = value;
                    break;
                default:
                    return false;
            }
        }
        return options.Length % 2 == 0;
    }

    private static bool TryAnalyzeOptions(string[] options, out int seconds, out int connections)
    {
        seconds = 10;
        connections = 64;
        for (var i = 0; i + 1 < options.Length; i += 2)
        {
            if (!int.TryParse(options[i + 1], CultureInfo.InvariantCulture, out var value) || value is < 1 or > 600)
            {
                return false;
            }
            switch (options[i])
            {
                case "--seconds":
                    seconds = value;
                    break;
                case "--connections":
                    connections = value;
                    break;
                default:
                    return false;
            }
        }
        return options.Length % 2 == 0;
    }

    private static bool TrySizes(string list, out int[] sizes)
    {
        sizes = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(item => int.TryParse(item, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .ToArray();
        return sizes.Length > 0 && sizes.All(n => n is >= 1 and <= 1_000_000);
    }
}
