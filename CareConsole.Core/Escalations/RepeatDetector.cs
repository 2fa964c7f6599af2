using CareConsole.Core.Knowledge.Text;

namespace CareConsole.Core.Escalations;

/// <summary>
/// Tells when a customer asks again what they asked before, in other words or the same: the words that carry
/// meaning (stems, stop words dropped, the help centre's synonyms so "money back" meets "refund") overlap.
/// </summary>
public static class RepeatDetector
{
    /// <summary>At least this many meaningful words must be shared: "ok thanks" twice is not a repeated question.</summary>
    private const int MinShared = 2;

    /// <summary>Synonyms count (weight 0.6) but not word pairs or spelling guesses.</summary>
    private const float MinTermWeight = 0.6f;

    public static bool IsRepeat(string message, string earlier, double similarity)
    {
        var now = Terms(message);
        var before = Terms(earlier);
        if (now.Count < MinShared || before.Count < MinShared)
        {
            return false;
        }
        var shared = now.Count(before.Contains);
        return shared >= MinShared && shared >= similarity * Math.Min(now.Count, before.Count);
    }

    private static HashSet<string> Terms(string text) =>
        TextAnalyzer.Default.QueryTerms(text)
            .Where(t => t.Weight >= MinTermWeight && !t.Term.Contains('_', StringComparison.Ordinal))
            .Select(t => t.Term)
            .ToHashSet(StringComparer.Ordinal);
}
