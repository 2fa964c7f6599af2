using System.Text.Json;
using CareConsole.Core.Inference;
using CareConsole.Core.Sentiment.Training;
using Microsoft.ML.OnnxRuntime;

namespace CareConsole.Core.Sentiment;

/// <summary>
/// How the classifier's reading and the rules' are put together, as <c>train sentiment</c> chose. The rules' score
/// adds to the classifier's probability of its own side, <see cref="RulesWeight"/> per unit, and the most probable
/// label wins. Where it is the rules' label, the rules' score stands: how strongly a customer feels is theirs to
/// measure, and the escalation thresholds were set on their scale. Where the classifier overrules them, the score
/// sits just inside the winning band (a mild complaint reads about -0.24), so a message only the classifier finds
/// negative never counts as very negative on its own.
/// </summary>
/// <param name="RulesWeight">How much one unit of the rules' score adds to the probability of its side.</param>
/// <param name="Settings">The n-grams and regularisation the classifier was trained with.</param>
/// <param name="TrainedOn">How many labelled messages it was trained on.</param>
public sealed record SentimentBlend(double RulesWeight, TrainerSettings Settings, int TrainedOn)
{
    /// <summary>How far past the band's edge an overruling label's score goes at full confidence.</summary>
    private const double OverruledDepth = 0.05;

    public SentimentScore Score(ReadOnlySpan<float> probabilities, double rules)
    {
        Span<double> evidence = [probabilities[0], probabilities[1], probabilities[2]];
        evidence[rules < 0 ? 0 : 2] += RulesWeight * Math.Abs(rules);
        // Ties go to neutral: saying nothing is the safer mistake.
        var label = evidence[0] > evidence[1] && evidence[0] > evidence[2] ? SentimentLabel.Negative
            : evidence[2] > evidence[1] && evidence[2] > evidence[0] ? SentimentLabel.Positive
            : SentimentLabel.Neutral;
        if (label == SentimentScore.LabelFor(rules))
        {
            return SentimentScore.Of(rules);
        }
        var depth = OverruledDepth * evidence[(int)label] / (evidence[0] + evidence[1] + evidence[2]);
        return label switch
        {
            SentimentLabel.Negative => new SentimentScore(SentimentScore.NegativeAtOrBelow - depth, label),
            SentimentLabel.Positive => new SentimentScore(SentimentScore.PositiveAtOrAbove + depth, label),
            _ => SentimentScore.Neutral,
        };
    }
}

/// <summary>
/// Sentiment from a classifier trained on the labelled support messages (<c>train sentiment</c>), run in process by
/// ONNX Runtime, together with the <see cref="LexiconSentimentModel"/>'s rules as <see cref="SentimentBlend"/> says. The
/// classifier reads phrasing the lexicon has no word for ("my delivery is overdue"); the rules keep what one message
/// cannot show on its own (praise right after a complaint is sarcasm) and what needs no training (negation, capitals).
/// </summary>
public sealed class TrainedSentimentModel(InferenceSession session, SentimentBlend blend, LexiconSentimentModel rules) : ISentimentModel
{
    private const string ModelResource = "CareConsole.Core.Sentiment.Model.sentiment.onnx";
    private const string BlendResource = "CareConsole.Core.Sentiment.Model.sentiment.json";

    private static readonly Lazy<TrainedSentimentModel> Shipped = new(LoadShipped, LazyThreadSafetyMode.ExecutionAndPublication);

    private const string TextInput = "Text";

    // Read-only once made, so every run on every thread can share it.
    private static readonly RunOptions Run = new();

    // The exported pipeline still names the label column as an input (given empty); nothing scoring needs reads it.
    private readonly string[] _inputNames = [TextInput, .. session.InputMetadata.Keys.Where(name => name != TextInput)];

    private readonly string[] _outputNames = [session.OutputMetadata.Keys.Single(name => name.StartsWith("Score", StringComparison.Ordinal))];

    /// <summary>The model shipped inside this assembly, loaded once per process.</summary>
    public static TrainedSentimentModel Default => Shipped.Value;

    public SentimentBlend Blend => blend;

    public SentimentScore Score(string text, double? previous = null) =>
        blend.Score(Probabilities(text), rules.Score(text, previous).Score);

    /// <summary>The classifier's probabilities of negative, neutral and positive for <paramref name="text"/>.</summary>
    public float[] Probabilities(string text)
    {
        long[] shape = [1, 1];
        var inputs = new OrtValue[_inputNames.Length];
        try
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                inputs[i] = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, shape);
            }
            inputs[0].StringTensorSetElementAt(ModelText.Of(text).AsSpan(), 0);
            using var outputs = session.Run(Run, _inputNames, inputs, _outputNames);
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }
        finally
        {
            foreach (var input in inputs)
            {
                input?.Dispose();
            }
        }
    }

    private static TrainedSentimentModel LoadShipped()
    {
        var assembly = typeof(TrainedSentimentModel).Assembly;
        using var model = assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidOperationException($"No sentiment model in {assembly.GetName().Name}: run train sentiment.");
        using var settings = assembly.GetManifestResourceStream(BlendResource)
            ?? throw new InvalidOperationException($"No sentiment blend in {assembly.GetName().Name}: run train sentiment.");
        var blend = JsonSerializer.Deserialize<SentimentBlend>(settings, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("The sentiment blend is empty.");
        return new TrainedSentimentModel(OnnxSessions.OneThread(model), blend, LexiconSentimentModel.Default);
    }
}
