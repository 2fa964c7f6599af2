using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using CareConsole.Core.Catalog;
using CareConsole.Core.Knowledge;

namespace CareConsole.Core.Orders;

/// <summary>How long something takes, as the help centre says it: "1–3 business days", "within 24 hours".</summary>
public sealed record Duration(int Min, int Max, DurationUnit Unit)
{
    /// <summary>The last day it can take, counted from <paramref name="from"/>; business days skip Sundays.</summary>
    public DateOnly LatestFrom(DateOnly from)
    {
        if (Unit == DurationUnit.Hours)
        {
            return from.AddDays((int)Math.Ceiling(Max / 24.0));
        }
        var day = from;
        for (var left = Max; left > 0;)
        {
            day = day.AddDays(1);
            if (Unit == DurationUnit.Days || day.DayOfWeek != DayOfWeek.Sunday)
            {
                left--;
            }
        }
        return day;
    }
}

public enum DurationUnit
{
    BusinessDays,
    Days,
    Hours,
}

/// <summary>What the help centre allows back for one category of product.</summary>
/// <param name="Days">Days from delivery; null when the category cannot be returned.</param>
/// <param name="ReplacementOnly">Only a replacement (or repair), never a refund.</param>
public sealed record ReturnWindow(ProductCategory Category, int? Days, bool ReplacementOnly)
{
    /// <summary>The last day a return or replacement can be asked for, or null when it never can.</summary>
    public DateOnly? EndsOn(DateTimeOffset deliveredAt) => Days is { } days ? DateOnly.FromDateTime(deliveredAt.UtcDateTime).AddDays(days) : null;
}

/// <summary>
/// The store's rules that the agent and the desk state as facts — how long a refund takes for each way of paying,
/// each category's return window, when the courier collects — read from the help centre's own articles, so a
/// customer is told what the help centre says, and an edit there changes both.
/// </summary>
public sealed partial class StorePolicy
{
    public const string RefundArticle = "refund-timelines";
    public const string ReturnsArticle = "returns-policy";
    public const string ReplacementsArticle = "replacements";

    // Used only when an article is missing or was edited out of shape: the longest the help centre has said.
    private static readonly Duration UnknownRefundTime = new(5, 7, DurationUnit.BusinessDays);
    private const int UnknownWindowDays = 7;

    private static readonly ConditionalWeakTable<KnowledgeBase, StorePolicy> Cache = [];

    private readonly Dictionary<PaymentMethod, Duration> _refundTimes;
    private readonly Dictionary<ProductCategory, ReturnWindow> _windows;

    private StorePolicy(Dictionary<PaymentMethod, Duration> refundTimes, Dictionary<ProductCategory, ReturnWindow> windows, Duration pickup)
    {
        _refundTimes = refundTimes;
        _windows = windows;
        Pickup = pickup;
    }

    /// <summary>How soon the courier collects an item after a return or replacement is approved.</summary>
    public Duration Pickup { get; }

    /// <summary>The policy the help centre <paramref name="knowledge"/> states; read once per version of it.</summary>
    public static StorePolicy From(KnowledgeBase knowledge) => Cache.GetValue(knowledge, Read);

    /// <summary>How long a refund takes to reach the customer once started, for the way they paid.</summary>
    public Duration RefundTime(PaymentMethod method) => _refundTimes.GetValueOrDefault(method, UnknownRefundTime);

    /// <summary>Whether and for how long a product of <paramref name="category"/> can be returned or replaced.</summary>
    public ReturnWindow WindowFor(ProductCategory category) =>
        _windows.GetValueOrDefault(category) ?? new ReturnWindow(category, UnknownWindowDays, false);

    /// <summary>Whether the help centre stated a refund time for every way of paying and a window for every category.</summary>
    public bool IsComplete =>
        Enum.GetValues<PaymentMethod>().All(_refundTimes.ContainsKey) && Enum.GetValues<ProductCategory>().All(_windows.ContainsKey);

    private static StorePolicy Read(KnowledgeBase knowledge)
    {
        var refundTimes = new Dictionary<PaymentMethod, Duration>();
        if (knowledge.Find(RefundArticle) is { } refunds)
        {
            foreach (var (heading, line) in Lines(refunds.Markdown))
            {
                if (Bullet().Match(line) is { Success: true } bullet && Parse(bullet.Groups["text"].Value) is { } time)
                {
                    var label = bullet.Groups["label"].Value.ToLowerInvariant();
                    PaymentMethod? method = label.Contains("upi", StringComparison.Ordinal) ? PaymentMethod.Upi
                        : label.Contains("card", StringComparison.Ordinal) ? PaymentMethod.Card
                        : label.Contains("wallet", StringComparison.Ordinal) ? PaymentMethod.Wallet
                        : null;
                    if (method is { } found)
                    {
                        refundTimes.TryAdd(found, time);
                    }
                }
                else if (Parse(line) is { } sectionTime)
                {
                    // The sections on EMI and cash-on-delivery refunds state their time in a sentence.
                    var lower = heading.ToLowerInvariant();
                    if (lower.Contains("emi", StringComparison.Ordinal))
                    {
                        refundTimes.TryAdd(PaymentMethod.Emi, sectionTime);
                    }
                    else if (lower.Contains("cash-on-delivery", StringComparison.Ordinal) || lower.Contains("cash on delivery", StringComparison.Ordinal))
                    {
                        refundTimes.TryAdd(PaymentMethod.Cod, sectionTime);
                    }
                }
            }
        }

        var windows = new Dictionary<ProductCategory, ReturnWindow>();
        if (knowledge.Find(ReturnsArticle) is { } returns)
        {
            foreach (var (_, line) in Lines(returns.Markdown))
            {
                if (Bullet().Match(line) is not { Success: true } bullet
                    || !Enum.TryParse<ProductCategory>(bullet.Groups["label"].Value.Replace(" and ", "And", StringComparison.OrdinalIgnoreCase).Replace(" ", "", StringComparison.Ordinal), ignoreCase: true, out var category))
                {
                    continue;
                }
                var text = bullet.Groups["text"].Value;
                var days = WindowDays().Match(text);
                windows.TryAdd(category, new ReturnWindow(category,
                    days.Success && !text.Contains("not returnable", StringComparison.OrdinalIgnoreCase) ? int.Parse(days.Groups[1].Value, CultureInfo.InvariantCulture) : null,
                    text.Contains("replacement only", StringComparison.OrdinalIgnoreCase)));
            }
        }

        var pickup = knowledge.Find(ReplacementsArticle) is { } replacements
            && PickupSentence().Match(replacements.Markdown) is { Success: true } sentence
            && Parse(sentence.Value) is { } collected
                ? collected
                : new Duration(2, 2, DurationUnit.BusinessDays);
        return new StorePolicy(refundTimes, windows, pickup);
    }

    /// <summary>The article's lines joined where Markdown wrapped them, each with the heading it sits under.</summary>
    private static IEnumerable<(string Heading, string Line)> Lines(string markdown)
    {
        var heading = "";
        var paragraph = new List<string>();
        foreach (var raw in markdown.Split('\n').Append(""))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("- ", StringComparison.Ordinal))
            {
                if (paragraph.Count > 0)
                {
                    yield return (heading, string.Join(' ', paragraph));
                    paragraph.Clear();
                }
                if (line.StartsWith('#'))
                {
                    heading = line.TrimStart('#').Trim();
                    continue;
                }
            }
            if (line.Length > 0)
            {
                paragraph.Add(line);
            }
        }
    }

    /// <summary>The first duration in <paramref name="text"/>: "1–3 business days", "within 24 hours", "5 days".</summary>
    internal static Duration? Parse(string text)
    {
        var match = DurationText().Match(text);
        if (!match.Success)
        {
            return null;
        }
        var min = int.Parse(match.Groups["min"].Value, CultureInfo.InvariantCulture);
        var max = match.Groups["max"].Success ? int.Parse(match.Groups["max"].Value, CultureInfo.InvariantCulture) : min;
        var unit = match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "hours" or "hour" => DurationUnit.Hours,
            "days" or "day" => DurationUnit.Days,
            _ => DurationUnit.BusinessDays,
        };
        return new Duration(min, max, unit);
    }

    [GeneratedRegex(@"^-\s+\*\*(?<label>[^*]+)\*\*:\s*(?<text>.+)$")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"(?<min>\d+)(?:\s*[–-]\s*(?<max>\d+))?\s+(?<unit>business days?|working days?|days?|hours?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DurationText();

    [GeneratedRegex(@"^(\d+) days", RegexOptions.IgnoreCase)]
    private static partial Regex WindowDays();

    [GeneratedRegex(@"collects[^.]*within \d+ working days?", RegexOptions.IgnoreCase)]
    private static partial Regex PickupSentence();
}
