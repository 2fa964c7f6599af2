namespace CareConsole.Core.Text;

/// <summary>
/// A light English stemmer: folds the inflections and common derivations that matter in support questions
/// ("refunds", "refunded", "refunding", "refundable"; "cancellation", "cancelled"; "deliveries", "delivered")
/// onto one stem. It trades linguistic accuracy for predictability: the same rules run on articles and queries,
/// so both sides always meet.
/// </summary>
public static class EnglishStemmer
{
    // Longest first; each strips only when at least three letters, one of them a vowel, remain.
    private static readonly string[] Suffixes =
    [
        "ational", "ations", "ation", "ingly", "ments", "ables", "ement", "ness", "ment", "ings", "edly", "able", "ible",
        "ing", "ful", "ed", "ly",
    ];

    public static string Stem(string word)
    {
        if (word.Length <= 3 || !IsAsciiWord(word))
        {
            return word;
        }

        var stem = Plural(word);
        foreach (var suffix in Suffixes)
        {
            if (stem.EndsWith(suffix, StringComparison.Ordinal) && stem.Length - suffix.Length >= 3 && HasVowel(stem.AsSpan(0, stem.Length - suffix.Length)))
            {
                stem = stem[..^suffix.Length];
                // "shipped" -> "shipp" -> "ship", "cancelled" -> "cancell" -> "cancel"
                if (stem.Length >= 4 && stem[^1] == stem[^2] && !IsVowel(stem[^1]) && stem[^1] is not ('s' or 'z'))
                {
                    stem = stem[..^1];
                }
                break;
            }
        }
        // "charge" and "charged" meet at "charg"; "delivery" and "deliveries" at "deliveri".
        if (stem.Length > 4 && stem[^1] == 'e')
        {
            stem = stem[..^1];
        }
        else if (stem.Length > 4 && stem[^1] == 'y')
        {
            stem = stem[..^1] + "i";
        }
        return stem;
    }

    private static string Plural(string word)
    {
        if (word.EndsWith("sses", StringComparison.Ordinal))
        {
            return word[..^2];
        }
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^3] + "y";
        }
        if (word.EndsWith("es", StringComparison.Ordinal) && word.Length > 4
            && (word[^3] is 's' or 'x' or 'z' || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)))
        {
            return word[..^2];
        }
        if (word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i'))
        {
            return word[..^1];
        }
        return word;
    }

    private static bool HasVowel(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (IsVowel(c))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    private static bool IsAsciiWord(string word)
    {
        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }
        return true;
    }
}
