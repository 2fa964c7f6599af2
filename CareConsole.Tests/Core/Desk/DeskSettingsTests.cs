using CareConsole.Core.Desk;
using Microsoft.Extensions.Configuration;

namespace CareConsole.Tests.Core.Desk;

public sealed class DeskSettingsTests
{
    private static readonly DateTimeOffset HalfPastSixUtc = new(2026, 12, 3, 6, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Asia/Kolkata")]
    public void From_NotSetOrIndia_ShowsUtcOnIndianStandardTime(string? zone)
    {
        var (settings, problem) = DeskSettings.From(Configuration(zone));

        Assert.Null(problem);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.FromHours(5.5)), settings.OnStaffClock(HalfPastSixUtc));
    }

    [Fact]
    public void From_AnotherIanaZone_FollowsItsRulesIncludingSummerTime()
    {
        var (settings, problem) = DeskSettings.From(Configuration("Europe/London"));

        Assert.Null(problem);
        Assert.Equal(TimeSpan.Zero, settings.OnStaffClock(HalfPastSixUtc).Offset);
        Assert.Equal(TimeSpan.FromHours(1), settings.OnStaffClock(new DateTimeOffset(2026, 7, 1, 6, 30, 0, TimeSpan.Zero)).Offset);
    }

    [Theory]
    [InlineData("Asia/Kolkatta")]
    [InlineData("IST+5:30")]
    public void From_UnknownZone_NamesTheSettingAndTheValue(string zone)
    {
        var (_, problem) = DeskSettings.From(Configuration(zone));

        Assert.NotNull(problem);
        Assert.StartsWith($"Desk:TimeZone '{zone}' is not a time zone", problem, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string? zone) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Desk:TimeZone"] = zone }).Build();
}
