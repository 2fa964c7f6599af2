using System.Globalization;
using System.Text;

namespace CareConsole.Core.Text;

/// <summary>
/// Words as every text feature reads them (help-centre search, sentiment, keyword trackers): lower case, Latin
/// accents dropped, Devanagari spelled one way, apostrophes gone, so "Don't", "dont" and "DON’T" are one word
/// and पहुँच, पहुंच meet.
/// </summary>
public static class UnicodeWords
{
    /// <summary>
    /// Lower case, composed form, and Devanagari spelled one way: a nukta dropped (ड़ and ड meet), candrabindu as
    /// anusvara (पहुँच and पहुंच meet), invisible joiners removed. Apostrophes vanish so "don't" is one word.
    /// </summary>
    public static string Normalise(string text)
    {
        if (IsPlainAscii(text))
        {
            return text.Contains('\'', StringComparison.Ordinal)
                ? text.Replace("'", "", StringComparison.Ordinal).ToLowerInvariant()
                : text.ToLowerInvariant();
        }
        var composed = text.Normalize(NormalizationForm.FormD).ToLower(CultureInfo.InvariantCulture);
        var builder = new StringBuilder(composed.Length);
        foreach (var c in composed)
        {
            switch (c)
            {
                case '\u093C' or '\u200C' or '\u200D' or '\'' or '\u2019':
                    break;
                case '\u0901':
                    builder.Append('\u0902');
                    break;
                default:
                    // Latin accents are dropped (café = cafe); Devanagari signs are kept.
                    if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark || c is >= '\u0900' and <= '\u097F')
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Letters, digits and the combining signs Devanagari words are built with.</summary>
    public static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>The normalised words of <paramref name="text"/>, in order.</summary>
    public static List<string> Split(string text)
    {
        var words = new List<string>();
        var normalised = Normalise(text);
        var start = -1;
        for (var i = 0; i <= normalised.Length; i++)
        {
            var inWord = i < normalised.Length && IsWordChar(normalised[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(normalised[start..i]);
                start = -1;
            }
        }
        return words;
    }

    /// <summary>
    /// The normalised words of <paramref name="text"/> with where each stands in it, in UTF-16 characters of the text
    /// as written, so a match can be highlighted where it was typed even when normalising changed its length.
    /// </summary>
    /// <param name="text">The text as written.</param>
    /// <param name="alsoWordChar">Characters that belong to words here besides letters, digits and signs (a pattern's wildcards).</param>
    public static List<PlacedWord> Placed(string text, Func<char, bool>? alsoWordChar = null)
    {
        var words = new List<PlacedWord>();
        foreach (var (start, length) in Spans(text, alsoWordChar))
        {
            var word = Normalise(text.Substring(start, length));
            if (word.Length > 0)
            {
                words.Add(new PlacedWord(word, start, length));
            }
        }
        return words;
    }

    /// <summary>Where each word of <paramref name="text"/> stands, as written (not yet normalised).</summary>
    /// <param name="text">The text as written.</param>
    /// <param name="alsoWordChar">Characters that belong to words here besides letters, digits and signs.</param>
    public static List<(int Start, int Length)> Spans(string text, Func<char, bool>? alsoWordChar = null)
    {
        var spans = new List<(int, int)>();
        var i = 0;
        while (i < text.Length)
        {
            if (!InWord(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            var end = i + 1;
            // Apostrophes and invisible joiners vanish when text is normalised, so they hold a word together
            // ("don't" is one word) without belonging to either end of it.
            for (i++; i < text.Length && (InWord(text[i]) || IsJoiner(text[i])); i++)
            {
                if (!IsJoiner(text[i]))
                {
                    end = i + 1;
                }
            }
            spans.Add((start, end - start));
        }
        return spans;

        bool InWord(char c) => IsWordChar(c) || alsoWordChar?.Invoke(c) == true;
    }

    private static bool IsJoiner(char c) => c is '\'' or '\u2019' or '\u200C' or '\u200D';

    public static bool IsDevanagari(char c) => c is >= '\u0900' and <= '\u097F';

    // Most customer messages are plain ASCII; they need no Unicode decomposition.
    private static bool IsPlainAscii(string text)
    {
        foreach (var c in text)
        {
            if (c > '\u007F')
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary>A normalised word and where it stands in the text it came from.</summary>
public readonly record struct PlacedWord(string Word, int Start, int Length);
