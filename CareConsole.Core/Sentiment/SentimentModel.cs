namespace CareConsole.Core.Sentiment;

public enum SentimentLabel
{
    Negative,
    Neutral,
    Positive,
}

/// <summary>How a message feels: a score from -1 (very negative) to 1 (very positive) and its label.</summary>
public readonly record struct SentimentScore(double Score, SentimentLabel Label)
{
    /// <summary>Scores at or below this are negative: for messages, rolling scores and dashboards alike.</summary>
    public const double NegativeAtOrBelow = -0.2;

    /// <summary>Scores at or above this are positive.</summary>
    public const double PositiveAtOrAbove = 0.2;

    public static SentimentScore Neutral { get; } = new(0, SentimentLabel.Neutral);

    public static SentimentScore Of(double score) => new(score, LabelFor(score));

    public static SentimentLabel LabelFor(double score) =>
        score <= NegativeAtOrBelow ? SentimentLabel.Negative
        : score >= PositiveAtOrAbove ? SentimentLabel.Positive
        : SentimentLabel.Neutral;

    /// <summary>"negative", "neutral" or "positive", as the API and dashboards write it.</summary>
    public string LabelName => Label switch
    {
        SentimentLabel.Negative => "negative",
        SentimentLabel.Positive => "positive",
        _ => "neutral",
    };
}

/// <summary>
/// Scores the sentiment of one customer message: the console runs <see cref="TrainedSentimentModel"/> (a trained
/// classifier with the lexicon's rules); <see cref="LexiconSentimentModel"/> is the rules alone. Another model plugs
/// in here without touching conversations, the escalation policy or the API. Implementations are thread-safe and
/// fast enough to run on every message.
/// </summary>
public interface ISentimentModel
{
    /// <param name="text">The customer's message.</param>
    /// <param name="previous">
    /// The score of the customer's previous message in the conversation, if any: "Wonderful. Really impressed."
    /// right after a complaint is sarcasm, and only the conversation shows it.
    /// </param>
    SentimentScore Score(string text, double? previous = null);
}
