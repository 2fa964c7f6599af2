using System.Globalization;
using CareConsole.Core.Text;

namespace CareConsole.Core.Sentiment;

public enum TokenKind
{
    Word,
    Emoji,
    Exclamation,
    Question,

    /// <summary>A comma, full stop, danda, colon or line break: the end of a clause.</summary>
    Pause,
}

/// <summary>
/// One piece of a message as the sentiment rules see it. <see cref="Word"/> is normalised (lower case, one
/// Devanagari spelling); <see cref="Shouted"/> remembers a word written in capitals. A stretched word keeps two
/// readings with its repeats squeezed out, since "sooo" means "so" and "goood" means "good".
/// </summary>
public readonly record struct SentimentToken(TokenKind Kind, string Word, string Stem, bool Shouted, string? SqueezedToOne = null, string? SqueezedToTwo = null)
{
    public bool IsStretched => SqueezedToOne is not null;
}

/// <summary>Cuts a message into words, emoji and the punctuation that carries feeling or ends a clause.</summary>
public static class SentimentTokens
{
    public static List<SentimentToken> Scan(string text)
    {
        var tokens = new List<SentimentToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsWordPart(text, i))
            {
                var start = i;
                while (i < text.Length && IsWordPart(text, i))
                {
                    i++;
                }
                tokens.Add(WordToken(text[start..i]));
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                tokens.Add(new SentimentToken(TokenKind.Emoji, text.Substring(i, 2), "", false));
                i += 2;
            }
            else
            {
                var kind = c switch
                {
                    '!' => TokenKind.Exclamation,
                    '?' => TokenKind.Question,
                    ',' or '.' or ';' or ':' or '।' or '\n' or '…' or '(' or ')' => TokenKind.Pause,
                    _ when CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherSymbol => TokenKind.Emoji,
                    _ => (TokenKind?)null,
                };
                if (kind is { } found)
                {
                    tokens.Add(new SentimentToken(found, found == TokenKind.Emoji ? c.ToString() : "", "", false));
                }
                i++;
            }
        }
        return tokens;
    }

    /// <summary>
    /// The stem a Devanagari word meets the lexicon on (बुरा, बुरी, बुरे). Latin words keep their spelling: stemming
    /// them lets "helpful" meet "help" and "hats" meet "hated"; <see cref="IsInflectionOf"/> is used instead.
    /// </summary>
    public static string Stem(string word) =>
        word.Length > 0 && UnicodeWords.IsDevanagari(word[0]) ? HindiStemmer.Stem(word) : word;

    /// <summary>
    /// Whether <paramref name="word"/> is <paramref name="lemma"/> with a regular English ending: "delays", "delayed",
    /// "delaying"; "arrived", "arriving"; "stopped"; "replies", "replied". Nothing else: no derivations.
    /// </summary>
    public static bool IsInflectionOf(string word, string lemma)
    {
        if (word.Length <= lemma.Length || lemma.Length < 3 || !char.IsAsciiLetter(lemma[^1]))
        {
            return false;
        }
        if (word.StartsWith(lemma, StringComparison.Ordinal))
        {
            var ending = word.AsSpan(lemma.Length);
            if (ending is "s" or "es" or "ed" or "ing" || (lemma[^1] == 'e' && ending is "d")
                || (ending.Length >= 3 && ending[0] == lemma[^1] && ending[1..] is "ed" or "ing" && !IsVowel(lemma[^1])))
            {
                return true;
            }
        }
        // "arrive" → "arriving", "reply" → "replies", "replied"
        var stem = lemma.AsSpan(0, lemma.Length - 1);
        return word.AsSpan().StartsWith(stem, StringComparison.Ordinal) && word.AsSpan(stem.Length) switch
        {
            "ing" => lemma[^1] == 'e',
            "ies" or "ied" => lemma[^1] == 'y',
            _ => false,
        };
    }

    /// <summary>The spellings <paramref name="word"/> may be an inflection of, to look them up in the lexicon.</summary>
    public static IEnumerable<string> Lemmas(string word)
    {
        if (word.Length < 4 || !char.IsAsciiLetter(word[^1]))
        {
            yield break;
        }
        foreach (var ending in (string[])["s", "es", "d", "ed", "ing", "ies", "ied"])
        {
            if (word.Length - ending.Length >= 3 && word.EndsWith(ending, StringComparison.Ordinal))
            {
                var stem = word[..^ending.Length];
                yield return stem;
                if (ending is "ing" or "ed")
                {
                    yield return stem + "e";
                    if (stem.Length >= 4 && stem[^1] == stem[^2])
                    {
                        yield return stem[..^1];
                    }
                }
                if (ending is "ies" or "ied")
                {
                    yield return stem + "y";
                }
            }
        }
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static SentimentToken WordToken(string raw)
    {
        var word = UnicodeWords.Normalise(raw);
        return IsStretched(word)
            ? new SentimentToken(TokenKind.Word, word, Stem(word), IsShouted(raw), Squeeze(word, 1), Squeeze(word, 2))
            : new SentimentToken(TokenKind.Word, word, Stem(word), IsShouted(raw));
    }

    // Apostrophes inside a word ("don't", "didn’t") and the joiners Devanagari is typed with belong to the word.
    private static bool IsWordPart(string text, int i)
    {
        var c = text[i];
        if (UnicodeWords.IsWordChar(c) || c is '\u200C' or '\u200D')
        {
            return true;
        }
        return c is '\'' or '\u2019' && i > 0 && i + 1 < text.Length && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]);
    }

    // "BAD", "WORST": two or more capital letters and no lower-case ones. Order numbers (digits) never shout.
    private static bool IsShouted(string raw)
    {
        var upper = 0;
        foreach (var c in raw)
        {
            if (char.IsLower(c) || char.IsDigit(c))
            {
                return false;
            }
            if (char.IsUpper(c))
            {
                upper++;
            }
        }
        return upper >= 2;
    }

    // Three or more of one letter in a row: "soooo", "baddd", "pleaseeee".
    private static bool IsStretched(string word)
    {
        for (var i = 2; i < word.Length; i++)
        {
            if (word[i] == word[i - 1] && word[i] == word[i - 2] && char.IsLetter(word[i]))
            {
                return true;
            }
        }
        return false;
    }

    // Runs of a letter cut to at most <paramref name="keep"/>: "soooo" → "so" (1) or "soo" (2).
    private static string Squeeze(string word, int keep)
    {
        var squeezed = new System.Text.StringBuilder(word.Length);
        var run = 0;
        for (var i = 0; i < word.Length; i++)
        {
            run = i > 0 && word[i] == word[i - 1] ? run + 1 : 1;
            if (run <= keep)
            {
                squeezed.Append(word[i]);
            }
        }
        return squeezed.ToString();
    }
}
