using CareConsole.Core.Text;

namespace CareConsole.Core.Sentiment.Evaluation;

/// <summary>A support message with the sentiment a person gave it, its language and what makes it hard.</summary>
public sealed record LabelledMessage(SentimentLabel Label, string Language, IReadOnlyList<string> Tags, string Text);

/// <summary>Predicted against expected labels: accuracy, per-label precision and recall, macro-F1, confusion.</summary>
public sealed class ClassificationReport
{
    private readonly int[,] _confusion = new int[3, 3];

    public int Count { get; private set; }

    public void Add(SentimentLabel expected, SentimentLabel predicted)
    {
        _confusion[(int)expected, (int)predicted]++;
        Count++;
    }

    /// <summary>How many messages labelled <paramref name="expected"/> were predicted <paramref name="predicted"/>.</summary>
    public int Confused(SentimentLabel expected, SentimentLabel predicted) => _confusion[(int)expected, (int)predicted];

    public double Accuracy => Count == 0 ? 0 : Enum.GetValues<SentimentLabel>().Sum(l => Confused(l, l)) / (double)Count;

    public double Precision(SentimentLabel label)
    {
        var predicted = Enum.GetValues<SentimentLabel>().Sum(e => Confused(e, label));
        return predicted == 0 ? 0 : Confused(label, label) / (double)predicted;
    }

    public double Recall(SentimentLabel label)
    {
        var actual = Enum.GetValues<SentimentLabel>().Sum(p => Confused(label, p));
        return actual == 0 ? 0 : Confused(label, label) / (double)actual;
    }

    public double F1(SentimentLabel label)
    {
        var (p, r) = (Precision(label), Recall(label));
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>The mean of the three labels' F1: a model that ignores a rare label cannot hide behind accuracy.</summary>
    public double MacroF1 => Enum.GetValues<SentimentLabel>().Average(F1);
}

/// <summary>Sentiment quality on the labelled support messages shipped with the product.</summary>
public static class SentimentEvaluation
{
    /// <summary>
    /// A split of the labelled set: "dev" (the rules were written on it), "holdout" (tuned on after a first look)
    /// or "test" (never tuned on).
    /// </summary>
    public static IReadOnlyList<LabelledMessage> Load(string split) =>
        Parse(EmbeddedText.TryRead(typeof(SentimentEvaluation), $"sentiment-{split}.tsv")
            ?? throw new ArgumentException($"No labelled split \"{split}\"; the splits are dev, holdout and test.", nameof(split)));

    /// <summary>Tab-separated "label, language, tags, text"; lines starting with '#' are comments.</summary>
    public static IReadOnlyList<LabelledMessage> Parse(string tsv) =>
        tsv.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(columns => columns.Length == 4 && Enum.TryParse<SentimentLabel>(columns[0], ignoreCase: true, out var label)
                ? new LabelledMessage(label, columns[1], columns[2] == "-" ? [] : columns[2].Split(','), columns[3])
                : throw new FormatException($"Not a labelled message: \"{string.Join(' ', columns)}\"."))
            .ToList();

    /// <summary>The model's labels against the set's, overall and per language.</summary>
    public static (ClassificationReport All, IReadOnlyDictionary<string, ClassificationReport> ByLanguage) Run(ISentimentModel model, IEnumerable<LabelledMessage> messages)
    {
        var all = new ClassificationReport();
        var byLanguage = new SortedDictionary<string, ClassificationReport>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            var predicted = model.Score(message.Text).Label;
            all.Add(message.Label, predicted);
            if (!byLanguage.TryGetValue(message.Language, out var report))
            {
                byLanguage[message.Language] = report = new ClassificationReport();
            }
            report.Add(message.Label, predicted);
        }
        return (all, byLanguage);
    }
}
