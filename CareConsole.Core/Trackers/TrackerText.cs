using System.Text;
using CareConsole.Core.Text;

namespace CareConsole.Core.Trackers;

/// <summary>A word as trackers match it (normalised and folded), and where it stands in the text it came from.</summary>
internal readonly record struct TrackerWord(string Word, int Start, int Length);

/// <summary>
/// How trackers read text: the words every text feature reads (<see cref="UnicodeWords"/>), romanised Hindi folded so
/// its common spellings meet, and each word's place in the original text, so a hit can be highlighted where the
/// customer wrote it even when normalising changed its length (a nukta dropped, an accent taken off).
/// </summary>
internal static class TrackerText
{
    /// <summary>In a pattern: any letters, none included, within one word.</summary>
    public const char AnyLetters = '*';

    /// <summary>In a pattern: exactly one letter.</summary>
    public const char OneLetter = '?';

    /// <summary>The words of <paramref name="text"/> with their places in it.</summary>
    /// <param name="text">A message, or a tracker's phrase.</param>
    /// <param name="wildcards">Whether <c>*</c> and <c>?</c> belong to words (a pattern) or separate them (a message).</param>
    public static List<TrackerWord> Words(string text, bool wildcards = false) =>
        [.. UnicodeWords.Placed(text, wildcards ? c => c is AnyLetters or OneLetter : null)
            .Select(w => new TrackerWord(Fold(w.Word), w.Start, w.Length))
            .Where(w => w.Word.Length > 0)];

    public static bool HasWildcard(string text) => text.Contains(AnyLetters, StringComparison.Ordinal) || text.Contains(OneLetter, StringComparison.Ordinal);

    public static bool HasDevanagari(string text) => text.Any(UnicodeWords.IsDevanagari);

    public static bool HasLatinLetters(string text) =>
        UnicodeWords.Normalise(text).Any(c => c is >= 'a' and <= 'z');

    /// <summary>
    /// A word folded as <see cref="RomanisedHindi.Fold"/> does. In a pattern the letters between wildcards fold on
    /// their own, so a wildcard never stands in for half of a fold.
    /// </summary>
    private static string Fold(string word)
    {
        if (!HasWildcard(word))
        {
            return RomanisedHindi.Fold(word);
        }
        var folded = new StringBuilder(word.Length);
        var segment = 0;
        for (var i = 0; i <= word.Length; i++)
        {
            if (i == word.Length || word[i] is AnyLetters or OneLetter)
            {
                folded.Append(RomanisedHindi.Fold(word[segment..i]));
                if (i < word.Length)
                {
                    folded.Append(word[i]);
                }
                segment = i + 1;
            }
        }
        return folded.ToString();
    }
}
