using System.Globalization;
using CareConsole.Core.Sentiment.Evaluation;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;

namespace CareConsole.Core.Sentiment.Training;

/// <summary>How the text classifier is built: the n-grams it reads and how strongly it is kept simple.</summary>
/// <param name="WordNgrams">Word n-grams up to this length.</param>
/// <param name="CharNgrams">Letter n-grams of exactly this length, across word boundaries: spellings and endings.</param>
/// <param name="L2">L2 regularisation of the maximum-entropy classifier.</param>
public sealed record TrainerSettings(int WordNgrams, int CharNgrams, float L2)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(WordNgrams == 1 ? "single words" : $"words 1-{WordNgrams}")}, letters {CharNgrams}, L2 {L2:0.#E+0}");
}

/// <summary>How one setting did out of fold: the classifier alone, and with the rules at their best weight.</summary>
public sealed record SettingsTrial(TrainerSettings Settings, double ClassifierMacroF1, double RulesWeight, double BlendedMacroF1);

/// <summary>
/// Trains the sentiment classifier (ML.NET: n-gram counts into a maximum-entropy model) on labelled messages and
/// exports it to ONNX, which <see cref="TrainedSentimentModel"/> runs in process. Training is deterministic: one
/// thread and a fixed seed, so the same messages give the same model.
/// </summary>
public static class SentimentTrainer
{
    private const int Seed = 20261205;

    /// <summary>
    /// The labelled messages training may use, as (tuning, always trained on): the train split, on which settings are
    /// chosen out of fold, and the dev and holdout splits. A message that also stands in the test split is left out
    /// of both, however short, so the test figure is on messages the classifier never saw.
    /// </summary>
    public static (IReadOnlyList<LabelledMessage> Tuning, IReadOnlyList<LabelledMessage> AlwaysTrained) TrainingSplits()
    {
        var test = SentimentEvaluation.Load("test").Select(m => m.Text).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<LabelledMessage> Unseen(params string[] splits) =>
            [.. splits.SelectMany(SentimentEvaluation.Load).Where(m => !test.Contains(m.Text))];
        return (Unseen("train"), Unseen("dev", "holdout"));
    }

    /// <summary>Class order in the model's probabilities: the labels sorted by name.</summary>
    public static readonly SentimentLabel[] Classes = [SentimentLabel.Negative, SentimentLabel.Neutral, SentimentLabel.Positive];

    public static ITransformer Fit(IReadOnlyList<LabelledMessage> messages, TrainerSettings settings, out MLContext context, out IDataView data)
    {
        context = new MLContext(Seed);
        data = Load(context, messages);
        var pipeline = context.Transforms.Conversion
            .MapValueToKey(nameof(Example.Label), keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(context.Transforms.Text.FeaturizeText("Features", new TextFeaturizingEstimator.Options
            {
                // ModelText has done the normalising; the featuriser's own would not export to ONNX faithfully.
                CaseMode = TextNormalizingEstimator.CaseMode.None,
                KeepDiacritics = true,
                KeepPunctuations = true,
                KeepNumbers = true,
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = settings.WordNgrams, UseAllLengths = true },
                CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = settings.CharNgrams, UseAllLengths = false },
                Norm = TextFeaturizingEstimator.NormFunction.L2,
            }, nameof(Example.Text)))
            .Append(context.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = nameof(Example.Label),
                FeatureColumnName = "Features",
                L2Regularization = settings.L2,
                NumberOfThreads = 1,
                MaximumNumberOfIterations = 200,
            }));
        return pipeline.Fit(data);
    }

    /// <summary>The trained pipeline as an ONNX model: inputs <c>Text</c> (and an unused <c>Label</c>), output <c>Score</c>.</summary>
    public static byte[] ExportOnnx(IReadOnlyList<LabelledMessage> messages, TrainerSettings settings)
    {
        var model = Fit(messages, settings, out var context, out var data);
        using var onnx = new MemoryStream();
        context.Model.ConvertToOnnx(model, data, onnx);
        return onnx.ToArray();
    }

    /// <summary>Class probabilities (in <see cref="Classes"/> order) a fitted pipeline gives each message.</summary>
    public static List<float[]> Predict(ITransformer model, MLContext context, IReadOnlyList<LabelledMessage> messages) =>
        [.. context.Data.CreateEnumerable<Scored>(model.Transform(Load(context, messages)), reuseRowObject: false).Select(s => s.Score)];

    /// <summary>
    /// Probabilities for each of <paramref name="tuning"/> from a model that did not see it: <paramref name="folds"/>
    /// models, each trained on <paramref name="alwaysTrained"/> and the other folds.
    /// </summary>
    public static float[][] OutOfFold(IReadOnlyList<LabelledMessage> tuning, IReadOnlyList<LabelledMessage> alwaysTrained, TrainerSettings settings, int folds)
    {
        var predictions = new float[tuning.Count][];
        for (var fold = 0; fold < folds; fold++)
        {
            var held = Enumerable.Range(0, tuning.Count).Where(i => i % folds == fold).ToList();
            var trained = alwaysTrained.Concat(tuning.Where((_, i) => i % folds != fold)).ToList();
            var model = Fit(trained, settings, out var context, out _);
            var scored = Predict(model, context, [.. held.Select(i => tuning[i])]);
            for (var i = 0; i < held.Count; i++)
            {
                predictions[held[i]] = scored[i];
            }
        }
        return predictions;
    }

    /// <summary>The weights of the rules' score tried beside each classifier.</summary>
    private static readonly double[] RulesWeights = [0, 0.25, 0.5, 1, 1.5, 2, 3, 4];

    /// <summary>
    /// <paramref name="settings"/> judged on <paramref name="tuning"/> out of fold: the classifier alone (its most
    /// probable label) and together with the rules at the weight that suits it best. The rules were not written on
    /// <paramref name="tuning"/>, so the weight is not tilted towards them.
    /// </summary>
    public static SettingsTrial Try(IReadOnlyList<LabelledMessage> tuning, IReadOnlyList<LabelledMessage> alwaysTrained, TrainerSettings settings, int folds)
    {
        var rules = tuning.Select(m => LexiconSentimentModel.Default.Score(m.Text).Score).ToArray();
        var probabilities = OutOfFold(tuning, alwaysTrained, settings, folds);
        var alone = MacroF1(tuning, i => new SentimentBlend(0, settings, 0).Score(probabilities[i], 0).Label);
        var (weight, together) = RulesWeights
            .Select(w => (Weight: w, F1: MacroF1(tuning, i => new SentimentBlend(w, settings, 0).Score(probabilities[i], rules[i]).Label)))
            .MaxBy(t => t.F1);
        return new SettingsTrial(settings, alone, weight, together);
    }

    private static double MacroF1(IReadOnlyList<LabelledMessage> messages, Func<int, SentimentLabel> label)
    {
        var report = new ClassificationReport();
        for (var i = 0; i < messages.Count; i++)
        {
            report.Add(messages[i].Label, label(i));
        }
        return report.MacroF1;
    }

    private static IDataView Load(MLContext context, IReadOnlyList<LabelledMessage> messages) =>
        context.Data.LoadFromEnumerable(messages.Select(m => new Example
        {
            Text = ModelText.Of(m.Text),
            Label = m.Label.ToString().ToLowerInvariant(),
        }));

    private sealed class Example
    {
        public string Text { get; set; } = "";

        public string Label { get; set; } = "";
    }

    private sealed class Scored
    {
        [VectorType(3)]
        public float[] Score { get; set; } = [];
    }
}
