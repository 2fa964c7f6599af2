namespace CareConsole.Core.Text;

/// <summary>
/// A light stemmer for Hindi in Devanagari: strips the inflectional endings of nouns, adjectives and verbs
/// ("ऑर्डरों" -> "ऑर्डर", "रिफंडों" -> "रिफंड", "पहुँचेगा" -> "पहुँच") so that forms of one word meet.
/// </summary>
public static class HindiStemmer
{
    // Longest first. Vowel signs alone come last and only strip from longer words.
    private static readonly string[] Suffixes =
    [
        "ाएंगे", "ाएँगे", "ाऊंगा", "ाऊँगा", "ियों", "ियां", "ियाँ", "ाओं", "ाएं", "ाएँ", "ेंगे", "ेंगी", "ूंगा", "ूँगा",
        "ाना", "ाने", "ाती", "ाता", "ाते", "ेगा", "ेगी", "ेगे", "कर", "ता", "ती", "ते", "ना", "ने", "नी", "ों", "ें", "ीं",
        "ां", "ाँ", "ी", "ा", "े", "ो", "ि", "ु", "ू",
    ];

    public static string Stem(string word)
    {
        foreach (var suffix in Suffixes)
        {
            // Keep at least two letters of the stem; vowel signs count, so compare against 3 characters.
            if (word.EndsWith(suffix, StringComparison.Ordinal) && word.Length - suffix.Length >= 3)
            {
                return word[..^suffix.Length];
            }
        }
        return word;
    }
}
