namespace CareConsole.Core.Staff;

/// <summary>The two staff roles. Managers can do everything agents can, and read the dashboard.</summary>
public static class StaffRoles
{
    public const string Agent = "Agent";
    public const string Manager = "Manager";

    /// <summary>Comma-separated, the form <c>[Authorize(Roles = ...)]</c> takes.</summary>
    public const string DeskAccess = Agent + "," + Manager;

    public static IReadOnlyList<string> All { get; } = [Agent, Manager];

    /// <summary>Matches a role name case-insensitively; null when it is not a role.</summary>
    public static string? Parse(string? name) =>
        All.FirstOrDefault(role => string.Equals(role, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
