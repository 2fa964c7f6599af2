using System.Diagnostics;
using System.Globalization;
using CareConsole.Core.Agent.Evaluation;

namespace CareConsole.Hosting.Evaluation;

/// <summary>
/// <c>eval conversations</c>: the console started in this process on its embedded defaults (a fresh PostgreSQL in a
/// temporary folder, migrations, the demo data, the offline model), every scored conversation played through it,
/// and a table per category and per language, then what failed with its transcript. Exits with 1 when a money or
/// account change went wrong.
/// </summary>
internal static class ConversationReport
{
    /// <param name="everyTranscript">Print the transcript of every scenario, not only of those that failed.</param>
    public static async Task<int> RunAsync(bool everyTranscript)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"careconsole-eval-{Guid.NewGuid():N}");
        try
        {
            var clock = Stopwatch.StartNew();
            await using var app = await StartConsoleAsync(Path.Combine(folder, "data"));
            if (app is null)
            {
                return 2;
            }
            var scenarios = ConversationScenarios.Load();
            var results = await ActivatorUtilities.CreateInstance<ConversationScenarioRunner>(app.Services).RunAsync(scenarios, CancellationToken.None);
            await app.StopAsync();
            Print(results, clock.Elapsed, everyTranscript);
            return results.Any(r => r.Scenario.MustPass && !r.Passed) ? 1 : 0;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>The console as <c>run.sh</c> starts it, but on a data folder of its own and a port nobody uses.</summary>
    private static async Task<WebApplication?> StartConsoleAsync(string dataDirectory)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddInMemoryCollection(
        [
            // Its own SQLite file whatever the environment says, and the model that needs no network.
            new("Database:Provider", "Sqlite"),
            new("ConnectionStrings:Care", ""),
            new("Database:DataDirectory", dataDirectory),
            new("Demo:Enabled", "true"),
            // The demo history plays its own customers and desk decisions on the same demo orders in the background;
            // the scenarios must find each order as the catalogue describes it.
            new("Demo:History", "false"),
            new("Ai:Provider", "Offline"),
            new("Urls", "http://127.0.0.1:0"),
            new("Logging:LogLevel:Default", "Warning"),
            new("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning"),
        ]);
        if (builder.MissingPrerequisite() is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return null;
        }
        builder.AddCareConsole();
        var app = builder.Build();
        app.MapCareConsole();

        // A first start prints the demo staff's passwords and where to open the console; here the report is the output.
        var output = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            await app.StartAsync();
        }
        finally
        {
            Console.SetOut(output);
        }
        return app;
    }

    private static void Print(IReadOnlyList<ScenarioResult> results, TimeSpan elapsed, bool everyTranscript)
    {
        Console.WriteLine($"Conversations: {results.Count} whole customer conversations played through the console, each on orders of its own");
        Console.WriteLine("(a fresh SQLite database with the demo data, the offline model, the desk deciding where a person must).");
        Console.WriteLine("Right action: the change asked for happened. No wrong action: nothing else changed (requests, orders, payments, hand-offs).");
        Console.WriteLine("Right facts: each marked reply states its facts (order, amount, dates, days). Right language: in the customer's register.");
        Console.WriteLine();

        Console.WriteLine("| category | scenarios | all four | right action | no wrong action | right facts | right language |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var category in Enum.GetValues<ScenarioCategory>().Where(c => c is ScenarioCategory.Money or ScenarioCategory.Account))
        {
            Row(ScenarioTally.Of(Name(category), results.Where(r => r.Scenario.Category == category)));
        }
        Row(ScenarioTally.Of("**money and account changes (must all pass)**", results.Where(r => r.Scenario.MustPass)));
        foreach (var category in Enum.GetValues<ScenarioCategory>().Where(c => c is not (ScenarioCategory.Money or ScenarioCategory.Account)))
        {
            Row(ScenarioTally.Of(Name(category), results.Where(r => r.Scenario.Category == category)));
        }
        Row(ScenarioTally.Of("everything else", results.Where(r => !r.Scenario.MustPass)));
        Row(ScenarioTally.Of("all", results));
        Console.WriteLine();

        Console.WriteLine("| language | scenarios | all four | right action | no wrong action | right facts | right language |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var language in Enum.GetValues<ScenarioLanguage>())
        {
            Row(ScenarioTally.Of(Name(language), results.Where(r => r.Scenario.Language == language)));
        }
        Console.WriteLine();

        var failed = results.Where(r => !r.Passed).OrderByDescending(r => r.Scenario.MustPass).ToList();
        Console.WriteLine($"Failing scenarios ({failed.Count}):");
        foreach (var result in failed)
        {
            Describe(result);
        }
        if (everyTranscript)
        {
            Console.WriteLine();
            Console.WriteLine("Passing scenarios:");
            foreach (var result in results.Where(r => r.Passed))
            {
                Describe(result);
            }
        }
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"({elapsed.TotalSeconds:0.0} s, starting the console included)"));
    }

    private static void Describe(ScenarioResult result)
    {
        var scenario = result.Scenario;
        Console.WriteLine();
        Console.WriteLine($"- {scenario.Id} [{Name(scenario.Language)}, {Name(scenario.Category)}] {scenario.Description}");
        var cast = result.Cast;
        if (cast.Order is not null)
        {
            Console.WriteLine($"  order {cast.Order.Id} ({scenario.Order})" + (cast.Other is null ? "" : $", other order {cast.Other.Id} ({scenario.Other})"));
        }
        foreach (var failure in result.Failures)
        {
            Console.WriteLine($"  {(failure.Check is { } check ? Name(check).Replace('-', ' ') : "not played")}: {failure.What}");
        }
        Console.WriteLine("  transcript:");
        foreach (var line in result.Transcript)
        {
            var text = line.Text.Replace("\n\n", "\n", StringComparison.Ordinal).Replace("\n", "\n      ", StringComparison.Ordinal);
            Console.WriteLine($"    {line.Who}: {text}");
        }
    }

    private static void Row(ScenarioTally tally) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {tally.Name} | {tally.Scenarios} | {tally.Passed} | {tally.RightAction} | {tally.NoWrongAction} | {tally.RightFacts} | {tally.RightLanguage} |"));

    private static string Name(Enum value) => ScenarioChecks.Name(value);
}
