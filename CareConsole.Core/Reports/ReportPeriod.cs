using System.Globalization;

namespace CareConsole.Core.Reports;

/// <summary>How a report's days were chosen: the last few days up to today, or two dates given.</summary>
public enum ReportPeriodKind
{
    Today,
    Last7Days,
    Last30Days,
    Custom,
}

/// <summary>
/// The whole days a report covers, <see cref="From"/> to <see cref="To"/> inclusive, as the calendar of the staff's time
/// zone counts them: "today" for a manager in India starts at midnight in India, whatever the server's clock says.
/// </summary>
public sealed record ReportPeriod
{
    /// <summary>The longest custom period: a year and a day, enough for a year-on-year look.</summary>
    public const int MaxDays = 366;

    private ReportPeriod(ReportPeriodKind kind, DateOnly from, DateOnly to)
    {
        Kind = kind;
        From = from;
        To = to;
    }

    public ReportPeriodKind Kind { get; }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public int DayCount => To.DayNumber - From.DayNumber + 1;

    public IEnumerable<DateOnly> Days => Enumerable.Range(0, DayCount).Select(From.AddDays);

    /// <summary>The day <paramref name="now"/> falls on in <paramref name="zone"/>, or the days up to it.</summary>
    public static ReportPeriod Ending(ReportPeriodKind kind, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        return kind switch
        {
            ReportPeriodKind.Today => new(kind, today, today),
            ReportPeriodKind.Last7Days => new(kind, today.AddDays(-6), today),
            ReportPeriodKind.Last30Days => new(kind, today.AddDays(-29), today),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A custom period names its days."),
        };
    }

    /// <summary>The days from <paramref name="from"/> to <paramref name="to"/>; null when they are reversed or span more than <see cref="MaxDays"/>.</summary>
    public static ReportPeriod? Between(DateOnly from, DateOnly to) =>
        to < from || to.DayNumber - from.DayNumber + 1 > MaxDays ? null : new(ReportPeriodKind.Custom, from, to);

    /// <summary>The first instant of the period, in UTC.</summary>
    public DateTimeOffset Start(TimeZoneInfo zone) => StartOfDay(From, zone);

    /// <summary>The first instant after the period, in UTC: the period is [<see cref="Start"/>, <see cref="End"/>).</summary>
    public DateTimeOffset End(TimeZoneInfo zone) => StartOfDay(To.AddDays(1), zone);

    /// <summary>The day of <paramref name="zone"/>'s calendar on which <paramref name="instant"/> falls.</summary>
    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>
    /// Midnight of <paramref name="day"/> in <paramref name="zone"/>. Where a clock change skips midnight (a few zones
    /// start summer time at 00:00), the day starts at the first minute that exists.
    /// </summary>
    private static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The period as query-string values: <c>period</c>, and <c>from</c>/<c>to</c> for a custom one.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToQuery()
    {
        yield return new("period", Names[Kind]);
        if (Kind == ReportPeriodKind.Custom)
        {
            yield return new("from", From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            yield return new("to", To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// The period a shared link names, read back from <see cref="ToQuery"/>'s values; the last 7 days when it names
    /// none. Null when it names one that cannot be (an unknown name, a date that does not parse, reversed or too long).
    /// </summary>
    public static ReportPeriod? FromQuery(Func<string, string?> query, DateTimeOffset now, TimeZoneInfo zone)
    {
        var name = query("period");
        if (string.IsNullOrEmpty(name))
        {
            return Ending(ReportPeriodKind.Last7Days, now, zone);
        }
        if (Names.FirstOrDefault(pair => pair.Value == name) is not { Value: not null } known)
        {
            return null;
        }
        if (known.Key != ReportPeriodKind.Custom)
        {
            return Ending(known.Key, now, zone);
        }
        return TryDay(query("from"), out var from) && TryDay(query("to"), out var to) ? Between(from, to) : null;
    }

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static readonly Dictionary<ReportPeriodKind, string> Names = new()
    {
        [ReportPeriodKind.Today] = "today",
        [ReportPeriodKind.Last7Days] = "7d",
        [ReportPeriodKind.Last30Days] = "30d",
        [ReportPeriodKind.Custom] = "custom",
    };
}
