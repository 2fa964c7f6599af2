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

    [GeneratedRegex(@"\bMM[\s\-#]?(?<digits>\d{6})\b", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
