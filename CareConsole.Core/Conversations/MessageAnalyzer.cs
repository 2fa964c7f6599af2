using CareConsole.Core.Sentiment;
using CareConsole.Core.Trackers;

namespace CareConsole.Core.Conversations;

/// <summary>What one message says beyond its words: how it feels, how it is written, which trackers it hits.</summary>
/// <param name="Trackers">Each tracker that counts customers' messages and is found in it, once, at its first match.</param>
public sealed record MessageAnalysis(SentimentScore Sentiment, Register Register, IReadOnlyList<TrackerMatch> Trackers);

/// <summary>
/// Reads a customer message the same way for a conversation turn and for <c>POST /api/analyze</c>: sentiment,
/// language and keyword trackers, all in memory and in microseconds.
/// </summary>
public sealed class MessageAnalyzer(ISentimentModel sentiment, TrackerCatalog trackers)
{
    /// <param name="text">The message.</param>
    /// <param name="current">The register so far, kept when the message does not show one ("ok", a phone number).</param>
    /// <param name="previousSentiment">The score of the customer's previous message, which sarcasm may lean on.</param>
    public MessageAnalysis Analyze(string text, Register current = Register.English, double? previousSentiment = null) =>
        new(sentiment.Score(text, previousSentiment), LanguageDetector.Detect(text, current),
            [.. trackers.Current.Match(text, Author.Customer).DistinctBy(m => m.TrackerId)]);
}
