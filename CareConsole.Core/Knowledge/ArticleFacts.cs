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
