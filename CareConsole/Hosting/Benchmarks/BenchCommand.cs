using System.Globalization;

namespace CareConsole.Hosting.Benchmarks;

/// <summary><c>bench &lt;name&gt; [--runs N]</c>: measurements that print numbers, for the README's figures.</summary>
internal static class BenchCommand
{
    private const string Usage = """
        Usage:
          bench startup [--runs N]   first start, restart, stop and memory of the console (default 3 runs)
        Build in Release for meaningful numbers: dotnet run --project CareConsole -c Release -- bench startup
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["startup"]:
                return await StartupBenchmark.RunAsync(runs: 3);
            case ["startup", "--runs", var runs] when int.TryParse(runs, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 50:
                return await StartupBenchmark.RunAsync(n);
            default:
                await Console.Error.WriteLineAsync(Usage);
                return 2;
        }
    }
}
