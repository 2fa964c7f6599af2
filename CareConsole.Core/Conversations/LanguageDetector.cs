using System.Text.RegularExpressions;

namespace CareConsole.Core.Conversations;

/// <summary>
/// Tells English, Hindi in Devanagari and Hindi in Latin letters ("Hinglish") apart, so replies come back the
/// way the customer writes. A message with nothing to go on (a phone number, "ok") keeps the current register.
/// </summary>
public static partial class LanguageDetector
{
    // Everyday Hindi words as people type them in Latin letters; none is a common English word.
    private static readonly HashSet<string> HinglishWords = new(StringComparer.Ordinal)
    {
        "mera", "meri", "mere", "mujhe", "muje", "mujhko", "humko", "hume", "hamara", "hamari", "aap", "aapka", "aapki",
        "apka", "apki", "hai", "hain", "ho", "hoga", "hogi", "tha", "thi", "kahan", "kaha", "kab", "kya", "kyu", "kyun",
        "kaise", "kitna", "kitne", "kitni", "nahi", "nahin", "nhi", "kar", "karo", "karna", "karwa", "karwao", "kijiye",
        "krdo", "kardo", "karde", "chahiye", "chahie", "chaiye", "paisa", "paise", "wapas", "wapis", "vapas", "aayega",
        "ayega", "aaya", "aayi", "gaya", "gya", "gayi", "raha", "rahi", "rahe", "abhi", "tak", "din", "batao", "bataiye",
        "bata", "dijiye", "dedo", "de", "bhai", "bhaiya", "ji", "yaar", "jaldi", "kuch", "koi", "baat", "insaan",
        "aadmi", "banda", "wala", "wali", "liye", "lekin", "pe", "se", "ka", "ki", "ke", "ko", "hua", "hui",
        "mil", "mila", "mili", "dhanyavaad", "dhanyawad", "shukriya", "namaste", "haan", "accha", "acha", "theek", "thik",
        "pata", "kidhar", "ghar", "saman", "samaan", "bhejo", "bheja", "shayad", "soch", "hoon", "hun", "batata", "batati",
        "bataunga", "sakta", "sakti", "sakte", "karun", "karoon", "toh", "agar", "aur", "bhi", "achha", "kyunki",
    };

    /// <summary>The register of <paramref name="text"/>, or <paramref name="current"/> when the text does not say.</summary>
    public static Register Detect(string text, Register current)
    {
        var devanagari = 0;
        var latin = 0;
        foreach (var c in text)
        {
            if (c is >= '\u0900' and <= '\u097F')
            {
                devanagari++;
            }
            else if (char.IsAsciiLetter(c))
            {
                latin++;
            }
        }
        if (devanagari > 0 && devanagari >= latin / 2)
        {
            return Register.Hindi;
        }

        var words = Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();
        if (words.Count == 0)
        {
            return current;
        }
        // "kar do", "ho gaya": a Hindi verb phrase says more than its one Hindi word, since "do" and "ho" look English.
        var hindi = words.Count(HinglishWords.Contains) + HinglishPhrase().Count(text.ToLowerInvariant());
        // "ok", "thanks", an order number: too little to change how we have been talking.
        if (hindi == 0 && words.Count <= 2)
        {
            return current;
        }
        return hindi >= 2 || (hindi == 1 && words.Count <= 4) ? Register.Hinglish : Register.English;
    }

    [GeneratedRegex("[a-z]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\b(kar|kr|karwa|ho|de|bhej) (do|dijiye|dijie|dena|diya|gaya|gayi|jayega|sakta|sakti|sakte)\b")]
    private static partial Regex HinglishPhrase();
}
