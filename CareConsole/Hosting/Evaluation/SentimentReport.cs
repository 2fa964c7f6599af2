using System.Globalization;
using CareConsole.Core.Sentiment;
using CareConsole.Core.Sentiment.Evaluation;

namespace CareConsole.Hosting.Evaluation;

/// <summary>
/// The rules alone and the console's model (the trained classifier with the rules) on the labelled support
/// messages, split by how each split was used; the test split, which neither was fitted or tuned on, is the figure.
/// </summary>
internal static class SentimentReport
{
    private static readonly (string Split, string Use)[] Splits =
    [
        ("train", "classifier trained on it; its settings chosen on it out of fold"),
        ("dev", "rules written on it; classifier trained on it"),
        ("holdout", "rules tuned after a first look; classifier trained on it"),
        ("test", "never tuned or trained on"),
    ];

    public static void Print()
    {
        var models = new (string Name, ISentimentModel Model)[]
        {
            ("rules alone (lexicon)", LexiconSentimentModel.Default),
            ($"the console's model: trained classifier (ONNX Runtime) with the rules, rules weight {TrainedSentimentModel.Default.Blend.RulesWeight.ToString("0.00", CultureInfo.InvariantCulture)}", TrainedSentimentModel.Default),
        };
        var splits = Splits.ToDictionary(s => s.Split, s => SentimentEvaluation.Load(s.Split));
        Console.WriteLine("Sentiment on labelled support messages (English, Hindi, Hinglish)");
        foreach (var (name, model) in models)
        {
            Console.WriteLine();
            Console.WriteLine(name);
            Console.WriteLine("| split | use | n | accuracy | macro-F1 | F1 negative | F1 neutral | F1 positive |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|");
            foreach (var (split, use) in Splits)
            {
                Row(split, use, SentimentEvaluation.Run(model, splits[split]).All);
            }
        }
        Console.WriteLine();

        var test = splits["test"];
        Console.WriteLine("Test split by language (macro-F1)");
        Console.WriteLine("| language | n | rules alone | the console's model |");
        Console.WriteLine("|---|---|---|---|");
        var byModel = models.Select(m => SentimentEvaluation.Run(m.Model, test).ByLanguage).ToList();
        foreach (var (language, report) in byModel[0])
        {
            Console.WriteLine(Invariant($"| {language} | {report.Count} | {report.MacroF1:0.000} | {byModel[1][language].MacroF1:0.000} |"));
        }
        Console.WriteLine();

        var shipped = SentimentEvaluation.Run(models[1].Model, test).All;
        Console.WriteLine("The console's model on the test split (rows: labelled, columns: predicted)");
        Console.WriteLine("| | negative | neutral | positive |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var expected in Enum.GetValues<SentimentLabel>())
        {
            var cells = Enum.GetValues<SentimentLabel>().Select(predicted => shipped.Confused(expected, predicted).ToString(CultureInfo.InvariantCulture));
            Console.WriteLine($"| {expected.ToString().ToLowerInvariant()} | {string.Join(" | ", cells)} |");
        }
    }

    private static void Row(string split, string use, ClassificationReport report) =>
        Console.WriteLine(Invariant(
            $"| {split} | {use} | {report.Count} | {report.Accuracy:0.000} | {report.MacroF1:0.000} | {report.F1(SentimentLabel.Negative):0.000} | {report.F1(SentimentLabel.Neutral):0.000} | {report.F1(SentimentLabel.Positive):0.000} |"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
