using System.Text.RegularExpressions;

namespace CareConsole.Core.Knowledge;

/// <summary>
/// The numbers an article states (days, hours, amounts, percentages), written one way whatever the language: ranges
/// with an en dash ("1–3"), amounts with their rupee sign ("₹499"), Devanagari digits as ASCII ones. Versions of one
/// topic in different languages state the same ones, so they tell which sections of two versions say the same.
/// </summary>
public static partial class ArticleFacts
{
    public static IReadOnlySet<string> Numbers(string text)
    {
        var ascii = string.Concat(text.Select(c => c is >= '०' and <= '९' ? (char)('0' + (c - '०')) : c));
        return Number().Matches(ascii)
            .Select(m => Space().Replace(m.Value, "").Replace('-', '–'))
            .ToHashSet(StringComparer.Ordinal);
    }

    // "7", "1–3", "5-7", "₹20,000", "₹ 999", "5%"; "6-digit" is 6.
    [GeneratedRegex(@"(₹\s?)?\d+(?:[.,]\d+)*(?:\s?[–-]\s?(₹\s?)?\d+(?:[.,]\d+)*)?%?")]
    private static partial Regex Number();

    [GeneratedRegex(@"\s")]
    private static partial Regex Space();
}

/// <summary>
/// Questions that ask how long something takes, and the passages that say: "how many days does a refund take",
/// "refund kitne din mein aata hai" and "रिफंड कितने दिन में आता है" want the section with the timelines ("UPI: 1–3
/// business days"), not the introduction that says the time depends on the payment.
/// </summary>
public static partial class Durations
{
    public static bool AsksHowLong(string question) => HowLong().IsMatch(question);

    public static bool States(string text) => Duration().IsMatch(text);

    [GeneratedRegex(@"\b(how (many|much) (days|hours|time|weeks)|how long|how soon|kitne (din|dino|ghante|hafte)|kitna (time|samay|waqt|vakt)|kab tak)\b|कितने (दिन|दिनों|घंटे|हफ्ते)|कितना (समय|वक्त|टाइम)|कब तक",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HowLong();

    [GeneratedRegex(@"\d+(\s?[–-]\s?\d+)?\s?(business |working |kaam ke )?(days?|hours?|weeks?|din|ghante|hafte|दिन|घंटे|हफ्ते|कार्य दिवस)|[०-९]+(\s?[–-]\s?[०-९]+)?\s?(दिन|घंटे|कार्य दिवस)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
