using CareConsole.Core.Knowledge.Text;

namespace CareConsole.Core.Escalations;

/// <summary>
/// Tells when a customer asks again what they asked before, in other words or the same: the words that carry
/// meaning (stems, stop words dropped) overlap, counting the help centre's synonyms as a match ("paisa wapas"
/// meets "refund") but measuring against the words each message actually has.
/// </summary>
public static class RepeatDetector
{
    /// <summary>At least this many meaningful words must be shared: "ok thanks" twice is not a repeated question.</summary>
    private const int MinShared = 2;

    /// <summary>Synonyms count (weight 0.6) but not word pairs or spelling guesses.</summary>
    private const float MinTermWeight = 0.6f;

    public static bool IsRepeat(string message, string earlier, double similarity)
    {
        var (nowOwn, nowAll) = Terms(message);
        var (beforeOwn, beforeAll) = Terms(earlier);
        if (nowOwn.Count < MinShared || beforeOwn.Count < MinShared)
        {
            return false;
        }
        // Each side's own words found among the other's words or synonyms; the better of the two directions.
        var shared = Math.Max(nowOwn.Count(beforeAll.Contains), beforeOwn.Count(nowAll.Contains));
        return shared >= MinShared && shared >= similarity * Math.Min(nowOwn.Count, beforeOwn.Count);
    }

    /// <summary>The message's own meaningful words, and those plus the synonyms they bring.</summary>
    private static (HashSet<string> Own, HashSet<string> All) Terms(string text)
    {
        var terms = TextAnalyzer.Default.QueryTerms(text).Where(t => !TextAnalyzer.IsPair(t.Term)).ToList();
        return (terms.Where(t => t.Weight >= 1).Select(t => t.Term).ToHashSet(StringComparer.Ordinal),
                terms.Where(t => t.Weight >= MinTermWeight).Select(t => t.Term).ToHashSet(StringComparer.Ordinal));
    }
}
