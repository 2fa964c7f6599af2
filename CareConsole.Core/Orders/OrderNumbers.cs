using System.Text.RegularExpressions;

namespace CareConsole.Core.Orders;

public static partial class OrderNumbers
{
    /// <summary>
    /// The first order number in <paramref name="written"/>, normalised: "mm 240115", "#MM-240115" and "MM240115"
    /// are the same order. Null when there is none.
    /// </summary>
    public static string? Normalise(string? written)
    {
        var match = written is null ? Match.Empty : Pattern().Match(written);
        return match.Success ? "MM" + match.Groups["digits"].Value : null;
    }

    /// <summary>Every order number in <paramref name="written"/>, normalised, each once, in the order they appear.</summary>
    public static IEnumerable<string> All(string? written) =>
        written is null ? [] : Pattern().Matches(written).Select(m => "MM" + m.Groups["digits"].Value).Distinct();

    /// <summary><paramref name="written"/> with its order numbers blanked out, so their digits read as nothing else.</summary>
    public static string Without(string written) => Pattern().Replace(written, " ");

    [GeneratedRegex(@"\bMM[\s\-#]?(?<digits>\d{6})\b", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
