using Microsoft.Extensions.Configuration;

namespace CareConsole.Core.Desk;

/// <summary>
/// How the desk shows things to staff (<c>Desk:*</c> in configuration). Times are stored in UTC; the desk shows
/// them on the staff's clock, which is not the server's: a console hosted in Frankfurt serves agents in Pune.
/// </summary>
/// <param name="TimeZone">The staff's time zone, from <c>Desk:TimeZone</c> (an IANA id).</param>
public sealed record DeskSettings(TimeZoneInfo TimeZone)
{
    /// <summary>The demo store's agents work in India.</summary>
    public const string DefaultTimeZoneId = "Asia/Kolkata";

    /// <summary>Indian Standard Time, even on a machine without time-zone data: India has kept UTC+05:30 since 1945.</summary>
    public static DeskSettings Default { get; } = new(
        TimeZoneInfo.TryFindSystemTimeZoneById(DefaultTimeZoneId, out var india)
            ? india
            : TimeZoneInfo.CreateCustomTimeZone(DefaultTimeZoneId, TimeSpan.FromMinutes(330), "India Standard Time", "India Standard Time"));

    /// <summary>
    /// <c>Desk:TimeZone</c>, or <see cref="Default"/> when it is not set, with a one-line problem when it names a zone
    /// this machine does not know. A wrong zone stops the console at start rather than falling back: every time on
    /// the desk would be off by hours, and nobody would notice until a customer was told the wrong time.
    /// </summary>
    public static (DeskSettings Settings, string? Problem) From(IConfiguration configuration)
    {
        var id = configuration["Desk:TimeZone"]?.Trim();
        if (string.IsNullOrEmpty(id) || id == DefaultTimeZoneId)
        {
            return (Default, null);
        }
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? (new DeskSettings(zone), null)
            : (Default, $"Desk:TimeZone '{id}' is not a time zone this machine knows; give an IANA id such as {DefaultTimeZoneId} or Europe/London.");
    }

    /// <summary>The moment <paramref name="at"/> as the staff's clock shows it.</summary>
    public DateTimeOffset OnStaffClock(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, TimeZone);
}
