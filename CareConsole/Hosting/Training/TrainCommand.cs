using System.Globalization;
using System.Text.Json;
using CareConsole.Core;
using CareConsole.Core.Sentiment;
using CareConsole.Core.Sentiment.Evaluation;
using CareConsole.Core.Sentiment.Training;

namespace CareConsole.Hosting.Training;

/// <summary>
/// <c>train sentiment</c>: trains the sentiment classifier on the labelled messages and writes it, with the weight the
/// rules get beside it, into <c>CareConsole.Core/Sentiment/Model/</c>, where the next build ships it.
/// </summary>
internal static class TrainCommand
{
    private const string Usage = """
        Usage:
          train sentiment      trains the sentiment classifier on the train, dev and holdout splits (never on test),
                               picks its settings and the rules' weight out of fold on the train split,
                               and writes CareConsole.Core/Sentiment/Model/sentiment.onnx and sentiment.json
        """;

    private const int Folds = 5;

    // Single words and three-letter n-grams, which run across word boundaries, so "not happy" still shows. Word pairs
    // and longer letter n-grams measured no better out of fold (within 0.004) and cost ONNX Runtime's n-gram operator
    // two to four times the time (about 4-5k messages a second on one core against 15k), below the 10k the console
    // needs. About 3,500 short messages against tens of thousands of n-grams: light regularisation measured best.
    private static readonly TrainerSettings[] Grid = [new(1, 3, 1e-4f), new(1, 3, 1e-5f), new(1, 3, 1e-6f)];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["sentiment"])
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        var (tuning, alwaysTrained) = SentimentTrainer.TrainingSplits();
        Console.WriteLine($"Out of fold on the train split ({tuning.Count} messages, {Folds} folds; dev and holdout, {alwaysTrained.Count} after leaving out what the test split also holds, always trained on):");
        Console.WriteLine("| settings | classifier alone, macro-F1 | weight of the rules | with the rules, macro-F1 |");
        Console.WriteLine("|---|---|---|---|");
        var rules = SentimentEvaluation.Run(LexiconSentimentModel.Default, tuning).All.MacroF1;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| the rules alone | | | {rules:0.000} |"));
        var trials = new List<SettingsTrial>();
        foreach (var settings in Grid)
        {
            var trial = SentimentTrainer.Try(tuning, alwaysTrained, settings, Folds);
            trials.Add(trial);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {settings} | {trial.ClassifierMacroF1:0.000} | {trial.RulesWeight:0.00} | {trial.BlendedMacroF1:0.000} |"));
        }
        var best = trials.MaxBy(t => t.BlendedMacroF1)!;
        IReadOnlyList<LabelledMessage> all = [.. tuning, .. alwaysTrained];
        var onnx = SentimentTrainer.ExportOnnx(all, best.Settings);
        var blend = new SentimentBlend(best.RulesWeight, best.Settings, all.Count);

        var folder = Path.Combine(RepositoryLayout.RootFrom(Directory.GetCurrentDirectory()), "CareConsole.Core", "Sentiment", "Model");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "sentiment.onnx"), onnx);
        await File.WriteAllTextAsync(Path.Combine(folder, "sentiment.json"), JsonSerializer.Serialize(blend, Indented) + "\n");
        Console.WriteLine();
        Console.WriteLine($"Chosen: {best.Settings}, rules weight {best.RulesWeight.ToString("0.00", CultureInfo.InvariantCulture)}; trained on {all.Count} messages; "
            + $"{onnx.Length / 1024} KB written to {folder}. Rebuild to ship it; eval sentiment shows the test split.");
        return 0;
    }

    private static readonly JsonSerializerOptions Indented = new(JsonSerializerOptions.Web) { WriteIndented = true };
}
