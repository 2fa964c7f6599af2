using CareConsole.Core.Sentiment;
using CareConsole.Core.Sentiment.Evaluation;
using CareConsole.Core.Sentiment.Training;

namespace CareConsole.Tests.Core.Sentiment;

public sealed class TrainedSentimentModelTests
{
    private static readonly TrainedSentimentModel Model = TrainedSentimentModel.Default;

    private static readonly List<LabelledMessage> TrainedOn = AllTrainedOn();

    private static List<LabelledMessage> AllTrainedOn()
    {
        var (tuning, alwaysTrained) = SentimentTrainer.TrainingSplits();
        return [.. tuning, .. alwaysTrained];
    }

    // Complaints with no strong feeling word, none of them in the labelled sets: the lexicon alone read each as neutral.
    [Theory]
    [InlineData("the package should have come on monday and it still hasn't turned up")]
    [InlineData("i'm a little worried, tracking hasn't moved in four days")]
    [InlineData("paid for express shipping but it's already two days past the date")]
    [InlineData("parcel ab tak deliver nahi hua, 3 din upar ho gaye")]
    [InlineData("मेरा ऑर्डर तय तारीख निकलने के बाद भी नहीं पहुँचा")]
    public void MildComplaint_IsNegative(string text)
    {
        Assert.DoesNotContain(TrainedOn, m => m.Text.Equals(text, StringComparison.OrdinalIgnoreCase));

        Assert.Equal(SentimentLabel.Negative, Model.Score(text).Label);
    }

    [Theory]
    [InlineData("can you tell me when the courier usually arrives in my area?")]
    [InlineData("mera pincode 560034 hai, wahan COD milta hai kya")]
    [InlineData("मुझे रिफंड की प्रक्रिया के बारे में जानना है")]
    public void PlainQuestion_IsNeutral(string text) =>
        Assert.Equal(SentimentLabel.Neutral, Model.Score(text).Label);

    [Theory]
    [InlineData("that sorted it, many thanks for the quick help")]
    [InlineData("refund aa gaya account mein, badhiya kaam kiya aapne")]
    public void Gratitude_IsPositive(string text) =>
        Assert.Equal(SentimentLabel.Positive, Model.Score(text).Label);

    [Fact]
    public void PraiseRightAfterAnAngryMessage_ReadsAsSarcasm()
    {
        var after = Model.Score("Wonderful. Just wonderful.", previous: -0.9);

        Assert.Equal(SentimentLabel.Negative, after.Label);
    }

    [Fact]
    public void OnTheSplitNeverTrainedOrTunedOn_BeatsTheRulesAndReachesPointNineThree()
    {
        var test = SentimentEvaluation.Load("test");
        Assert.DoesNotContain(test, m => TrainedOn.Any(t => t.Text == m.Text));

        var model = SentimentEvaluation.Run(Model, test).All.MacroF1;
        var rules = SentimentEvaluation.Run(LexiconSentimentModel.Default, test).All.MacroF1;

        Assert.True(model >= 0.93, $"macro-F1 {model:0.000}");
        Assert.True(model > rules, $"model {model:0.000}, rules {rules:0.000}");
    }

    [Fact]
    public void ShippedModel_IsWhatTrainingOnTheLabelledSetsGives_AndOnnxRuntimeScoresItAsMlNetDoes()
    {
        var settings = Model.Blend.Settings;
        var test = SentimentEvaluation.Load("test");

        var fitted = SentimentTrainer.Fit(TrainedOn, settings, out var context, out _);
        var expected = SentimentTrainer.Predict(fitted, context, test);

        Assert.Equal(TrainedOn.Count, Model.Blend.TrainedOn);
        for (var i = 0; i < test.Count; i++)
        {
            var actual = Model.Probabilities(test[i].Text);
            Assert.Equal(3, actual.Length);
            for (var c = 0; c < 3; c++)
            {
                Assert.True(Math.Abs(expected[i][c] - actual[c]) < 1e-5, $"\"{test[i].Text}\": ML.NET {expected[i][c]}, ONNX Runtime {actual[c]}");
            }
        }
    }

    [Fact]
    public void ModelText_KeepsWhatTheCaseAndStretchingSaid()
    {
        Assert.Equal("bad service ^ !", ModelText.Of("bad SERVICE!"));
        Assert.Equal(ModelText.Of("nahi aaya"), ModelText.Of("nahiii aya"));
        Assert.Equal("thanks emoji1f64f", ModelText.Of("thanks 🙏"));
    }
}
