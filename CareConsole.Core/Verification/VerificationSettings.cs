namespace CareConsole.Core.Verification;

/// <summary>
/// How many wrong pincodes are tolerated before identity checks pause (<c>Verification:*</c> in configuration).
/// Failures count per phone number across every conversation and channel, and per client address, within
/// <see cref="Window"/>; reaching a limit locks that number (or client) for <see cref="LockDuration"/>.
/// </summary>
public sealed record VerificationSettings
{
    /// <summary>Failed checks of one phone number within the window that lock it.</summary>
    public int MaxFailuresPerNumber { get; init; } = 5;

    /// <summary>Failed checks from one client address (any numbers) within the window that lock that client.</summary>
    public int MaxFailuresPerClient { get; init; } = 5;

    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);

    public TimeSpan LockDuration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>What is wrong with the settings, in one line, or null.</summary>
    public string? Problem() =>
        MaxFailuresPerNumber is < 1 or > 100 ? "Verification:MaxFailuresPerNumber must be 1 to 100."
        : MaxFailuresPerClient is < 1 or > 10_000 ? "Verification:MaxFailuresPerClient must be 1 to 10000."
        : Window < TimeSpan.FromMinutes(1) || Window > TimeSpan.FromDays(7) ? "Verification:Window must be 1 minute to 7 days."
        : LockDuration < TimeSpan.FromMinutes(1) || LockDuration > TimeSpan.FromDays(7) ? "Verification:LockDuration must be 1 minute to 7 days."
        : null;
}
