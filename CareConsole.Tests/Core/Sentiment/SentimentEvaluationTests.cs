using CareConsole.Core.Sentiment;
using CareConsole.Core.Sentiment.Evaluation;

namespace CareConsole.Tests.Core.Sentiment;

public sealed class SentimentEvaluationTests
{
    private static readonly string[] Splits = ["dev", "holdout", "test"];

    [Fact]
    public void LabelledSets_HoldAtLeastThreeHundredMessagesInAllThreeLanguagesAndLabels()
    {
        var all = Splits.SelectMany(SentimentEvaluation.Load).ToList();

        Assert.True(all.Count >= 300, $"{all.Count} labelled messages");
        Assert.Equal(["en", "hi", "hinglish"], all.Select(m => m.Language).Distinct().Order());
        Assert.All(Enum.GetValues<SentimentLabel>(), label => Assert.True(all.Count(m => m.Label == label) >= 50, $"{label} is thin"));
        // "ok" may appear in two splits; within one, every message is different.
        Assert.All(Splits, split => Assert.Equal(SentimentEvaluation.Load(split).Count, SentimentEvaluation.Load(split).Select(m => m.Text).Distinct().Count()));
    }

    [Fact]
    public void Model_OnTheSplitItWasNeverTunedOn_KeepsMacroF1AtLeastPointEightFive()
    {
        var (report, _) = SentimentEvaluation.Run(LexiconSentimentModel.Default, SentimentEvaluation.Load("test"));

        Assert.True(report.MacroF1 >= 0.85, $"macro-F1 {report.MacroF1:0.000}");
    }

    [Fact]
    public void Report_ComputesAccuracyAndMacroF1FromTheConfusion()
    {
        var report = new ClassificationReport();
        // Negative: 2 right, 1 called neutral; neutral: 1 right; positive: 1 right, 1 called neutral.
        report.Add(SentimentLabel.Negative, SentimentLabel.Negative);
        report.Add(SentimentLabel.Negative, SentimentLabel.Negative);
        report.Add(SentimentLabel.Negative, SentimentLabel.Neutral);
        report.Add(SentimentLabel.Neutral, SentimentLabel.Neutral);
        report.Add(SentimentLabel.Positive, SentimentLabel.Positive);
        report.Add(SentimentLabel.Positive, SentimentLabel.Neutral);

        Assert.Equal(4 / 6.0, report.Accuracy, 6);
        Assert.Equal(0.8, report.F1(SentimentLabel.Negative), 6);
        Assert.Equal(0.5, report.F1(SentimentLabel.Neutral), 6);
        Assert.Equal(2 / 3.0, report.F1(SentimentLabel.Positive), 6);
        Assert.Equal((0.8 + 0.5 + 2 / 3.0) / 3, report.MacroF1, 6);
    }

    [Theory]
    [InlineData("positive\ten\t-")]
    [InlineData("happy\ten\t-\tgreat")]
    public void Parse_MalformedLine_SaysWhichOne(string line)
    {
        var error = Assert.Throws<FormatException>(() => SentimentEvaluation.Parse(line));

        Assert.Contains(line.Split('\t')[0], error.Message, StringComparison.Ordinal);
    }
}
