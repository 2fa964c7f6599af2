using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CareConsole.Core.Staff;

/// <summary>Claims CareConsole adds to a staff sign-in beyond Identity's own.</summary>
public static class StaffClaims
{
    /// <summary>The name staff see in the header and customers see when a person joins their chat.</summary>
    public const string DisplayName = "display_name";
}

/// <summary>Puts the display name into the sign-in cookie, so pages can show it without a database read.</summary>
public sealed class StaffClaimsPrincipalFactory(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(StaffClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
