using System.Globalization;
using CareConsole.Core.Conversations;
using CareConsole.Core.Orders;

namespace CareConsole.Core.Agent.Replies;

/// <summary>
/// Facts written the way the customer reads them, in their register: dates ("25 Nov", "25 नवंबर"), rupees, how long
/// a refund takes, where it goes, an order's status. Whatever code or the offline model says uses these, so the
/// same fact reads the same in every message.
/// </summary>
public sealed class Wording(ReplyBook replies, Register register, DateOnly today)
{
    private static readonly string[] HindiMonths =
        ["जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"];

    public Register Register => register;

    public DateOnly Today => today;

    public string Say(string key, params ReadOnlySpan<(string Name, string Value)> values) => replies.Say(key, register, values);

    /// <summary>"25 Nov" or "25 नवंबर", with the year only when it is not this one.</summary>
    public string Date(DateOnly date)
    {
        var year = date.Year == today.Year ? "" : $" {date.Year}";
        return register == Register.Hindi
            ? $"{date.Day} {HindiMonths[date.Month - 1]}{year}"
            : date.ToString("d MMM", CultureInfo.InvariantCulture) + year;
    }

    public string Date(DateTimeOffset at) => Date(DateOnly.FromDateTime(at.UtcDateTime));

    /// <summary>An ISO date from a tool result as the customer reads it; anything else unchanged.</summary>
    public string Date(string? isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? Date(date) : isoDate ?? "";

    /// <summary>Rupees without the sign: "29,749" or "591.50".</summary>
    public static string Amount(decimal rupees) => rupees.ToString("#,0.##", CultureInfo.InvariantCulture);

    public string Time(Duration duration) => duration.Unit switch
    {
        DurationUnit.Hours => Say("duration.hours", ("max", duration.Max.ToString(CultureInfo.InvariantCulture))),
        DurationUnit.Days => Say("duration.days", Span(duration)),
        _ => Say("duration.business_days", Span(duration)),
    };

    /// <summary>Where a refund goes for <paramref name="method"/>: "your UPI account", "your card".</summary>
    public string RefundsTo(PaymentMethod method) => Say("method." + method.ToString().ToLowerInvariant());

    public string Kind(ActionKind kind) => Say("kind." + kind.ToString().ToLowerInvariant());

    public string Status(OrderStatus status) => Status(status.Describe());

    /// <summary>A status as the tools write it ("out for delivery") in the customer's register.</summary>
    public string Status(string? englishStatus) =>
        englishStatus is not null && replies.Has($"status.{englishStatus}") ? Say($"status.{englishStatus}") : englishStatus ?? "";

    private static (string, string) Span(Duration duration) =>
        ("span", duration.Min == duration.Max
            ? duration.Max.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{duration.Min}–{duration.Max}"));
}
