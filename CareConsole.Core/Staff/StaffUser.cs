using Microsoft.AspNetCore.Identity;

namespace CareConsole.Core.Staff;

/// <summary>A person who signs in to the desk or the dashboard. The user name is the e-mail address.</summary>
public sealed class StaffUser : IdentityUser
{
    /// <summary>Shown to customers when this person joins a conversation, so keep it to how they introduce themselves.</summary>
    public required string DisplayName { get; set; }

    public string FirstName => DisplayName.Split(' ', 2)[0];
}
