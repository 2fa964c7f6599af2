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
    /// Romanised Hindi is written many ways; these folds bring the common ones together: "w" as "v", "ee" as "i",
    /// "oo" as "u", "ph" as "f", and doubled letters single ("aa", "chh", "cch"). English words fold the same way
    /// on both sides, so they still meet themselves. In a pattern the letters between wildcards fold on their own,
    /// so a wildcard never stands in for half of a fold.
    /// </summary>
    private static string Fold(string word)
    {
        if (!HasWildcard(word))
        {
            return FoldLetters(word);
        }
        var folded = new StringBuilder(word.Length);
        var segment = 0;
        for (var i = 0; i <= word.Length; i++)
        {
            if (i == word.Length || word[i] is AnyLetters or OneLetter)
            {
                folded.Append(FoldLetters(word[segment..i]));
                if (i < word.Length)
                {
                    folded.Append(word[i]);
                }
                segment = i + 1;
            }
        }
        return folded.ToString();
    }

    private static string FoldLetters(string word)
    {
        if (word.Length == 0 || word[0] > 'z')
        {
            return word;
        }
        var folded = new StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            var next = i + 1 < word.Length ? word[i + 1] : '\0';
            switch (c)
            {
                case 'w':
                    c = 'v';
                    break;
                case 'e' when next == 'e':
                    c = 'i';
                    i++;
                    break;
                case 'o' when next == 'o':
                    c = 'u';
                    i++;
                    break;
                case 'p' when next == 'h':
                    c = 'f';
                    i++;
                    break;
                case 'c' when next == 'c':
                    continue;
            }
            if (c == 'h' && folded.Length >= 2 && folded[^1] == 'h' && folded[^2] == 'c')
            {
                continue;
            }
            if (folded.Length > 0 && folded[^1] == c && char.IsLetter(c))
            {
                continue;
            }
            folded.Append(c);
        }
        return folded.ToString();
    }
}
