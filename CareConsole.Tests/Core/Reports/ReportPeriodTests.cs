using CareConsole.Core.Reports;

namespace CareConsole.Tests.Core.Reports;

public sealed class ReportPeriodTests
{
    private static readonly TimeZoneInfo India = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    // 20:00 UTC on 3 December is already 01:30 on 4 December in India.
    private static readonly DateTimeOffset LateEveningUtc = new(2026, 12, 3, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Today_AfterMidnightInTheStaffsZone_IsTheirNewDayNotTheServers()
    {
        var today = ReportPeriod.Ending(ReportPeriodKind.Today, LateEveningUtc, India);

        Assert.Equal(new DateOnly(2026, 12, 4), today.From);
        Assert.Equal(today.From, today.To);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 18, 30, 0, TimeSpan.Zero), today.Start(India));
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 18, 30, 0, TimeSpan.Zero), today.End(India));
    }

    [Theory]
    [InlineData(ReportPeriodKind.Last7Days, 7, "2026-11-28")]
    [InlineData(ReportPeriodKind.Last30Days, 30, "2026-11-05")]
    public void LastDays_EndToday_AndCountTodayAsOneOfThem(ReportPeriodKind kind, int days, string first)
    {
        var period = ReportPeriod.Ending(kind, LateEveningUtc, India);

        Assert.Equal(days, period.DayCount);
        Assert.Equal(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), period.From);
        Assert.Equal(new DateOnly(2026, 12, 4), period.To);
        Assert.Equal(period.Days.Count(), period.DayCount);
    }

    [Fact]
    public void Custom_AcrossAClockChange_StartsAndEndsAtLocalMidnight()
    {
        // London moves to summer time on 29 March 2026: that day has 23 hours.
        var period = ReportPeriod.Between(new DateOnly(2026, 3, 29), new DateOnly(2026, 3, 29))!;

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero), period.Start(London));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 23, 0, 0, TimeSpan.Zero), period.End(London));
    }

    [Fact]
    public void Between_ReversedOrLongerThanAYearAndADay_IsRefused()
    {
        Assert.Null(ReportPeriod.Between(new DateOnly(2026, 12, 2), new DateOnly(2026, 12, 1)));
        Assert.Null(ReportPeriod.Between(new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 2)));
        Assert.Equal(ReportPeriod.MaxDays, ReportPeriod.Between(new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 1))!.DayCount);
    }

    [Theory]
    [InlineData("period=today")]
    [InlineData("period=7d")]
    [InlineData("period=30d")]
    [InlineData("period=custom&from=2026-11-01&to=2026-11-30")]
    public void Query_WrittenThenRead_GivesTheSamePeriod(string query)
    {
        var read = ReportPeriod.FromQuery(Query(query), LateEveningUtc, India)!;

        Assert.Equal(query, string.Join("&", read.ToQuery().Select(p => $"{p.Key}={p.Value}")));
    }

    [Fact]
    public void Query_NamingNoPeriod_IsTheLastSevenDays()
    {
        Assert.Equal(ReportPeriodKind.Last7Days, ReportPeriod.FromQuery(Query(""), LateEveningUtc, India)!.Kind);
    }

    [Theory]
    [InlineData("period=week")]
    [InlineData("period=custom&from=2026-11-01")]
    [InlineData("period=custom&from=2026-11-31&to=2026-12-01")]
    [InlineData("period=custom&from=01/11/2026&to=2026-12-01")]
    [InlineData("period=custom&from=2026-12-01&to=2026-11-01")]
    public void Query_NamingAPeriodThatCannotBe_IsRefusedNotWidened(string query)
    {
        Assert.Null(ReportPeriod.FromQuery(Query(query), LateEveningUtc, India));
    }

    [Fact]
    public void DayOf_AnInstant_IsTheStaffsCalendarDay()
    {
        Assert.Equal(new DateOnly(2026, 12, 4), ReportPeriod.DayOf(LateEveningUtc, India));
        Assert.Equal(new DateOnly(2026, 12, 3), ReportPeriod.DayOf(LateEveningUtc, London));
    }

    internal static Func<string, string?> Query(string text)
    {
        var values = text.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : "");
        return name => values.GetValueOrDefault(name);
    }
}
