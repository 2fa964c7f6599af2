using System.Globalization;
using CareConsole.Core.Sentiment;
using CareConsole.Core.Sentiment.Evaluation;

namespace CareConsole.Hosting.Evaluation;

/// <summary>The sentiment model against the labelled support messages, split by how each split was used.</summary>
internal static class SentimentReport
{
    private static readonly (string Half, string Use)[] Halves =
    [
        ("dev", "rules tuned on it"),
        ("holdout", "tuned on after a first look"),
        ("test", "never tuned on"),
    ];

    public static void Print()
    {
        var model = LexiconSentimentModel.Default;
        Console.WriteLine("Sentiment: lexicon-and-rules model on labelled support messages (English, Hindi, Hinglish)");
        Console.WriteLine("| split | use | n | accuracy | macro-F1 | F1 negative | F1 neutral | F1 positive |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        var all = new List<LabelledMessage>();
        foreach (var (half, use) in Halves)
        {
            var messages = SentimentEvaluation.Load(half);
            all.AddRange(messages);
            Row(half, use, SentimentEvaluation.Run(model, messages).All);
        }
        var (overall, byLanguage) = SentimentEvaluation.Run(model, all);
        Row("all", "", overall);
        Console.WriteLine();

        Console.WriteLine("| language (all splits) | n | accuracy | macro-F1 |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (language, report) in byLanguage)
        {
            Console.WriteLine(Invariant($"| {language} | {report.Count} | {report.Accuracy:0.000} | {report.MacroF1:0.000} |"));
        }
        Console.WriteLine();

        Console.WriteLine("Confusion, all splits (rows: labelled, columns: predicted)");
        Console.WriteLine("| | negative | neutral | positive |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var expected in Enum.GetValues<SentimentLabel>())
        {
            var cells = Enum.GetValues<SentimentLabel>().Select(predicted => overall.Confused(expected, predicted).ToString(CultureInfo.InvariantCulture));
            Console.WriteLine($"| {expected.ToString().ToLowerInvariant()} | {string.Join(" | ", cells)} |");
        }
    }

    private static void Row(string half, string use, ClassificationReport report) =>
        Console.WriteLine(Invariant(
            $"| {half} | {use} | {report.Count} | {report.Accuracy:0.000} | {report.MacroF1:0.000} | {report.F1(SentimentLabel.Negative):0.000} | {report.F1(SentimentLabel.Neutral):0.000} | {report.F1(SentimentLabel.Positive):0.000} |"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
