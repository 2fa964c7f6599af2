using CareConsole.Core.Data;
using CareConsole.Core.Live;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Staff;

/// <summary>The outcome of a change to staff accounts: what went wrong, in words for the person who asked.</summary>
public sealed record StaffChange(IReadOnlyList<string> Errors)
{
    public static StaffChange Done { get; } = new([]);

    public bool Succeeded => Errors.Count == 0;

    public static StaffChange Failed(params string[] errors) => new(errors);

    internal static StaffChange From(IdentityResult result) => new(result.Errors.Select(e => e.Description).ToList());
}

/// <summary>A staff account as listed to an administrator.</summary>
public sealed record StaffMember(string Email, string DisplayName, IReadOnlyList<string> Roles, bool LockedOut);

/// <summary>
/// Creates and manages the accounts of agents and managers. A change that must end someone's open sessions (a new
/// password, role or lock) renews their security stamp and is announced, so every console ends them at once.
/// </summary>
public sealed class StaffDirectory(UserManager<StaffUser> users, CareDbContext db, StaffFeed feed)
{
    public async Task<StaffChange> AddAsync(string email, string role, string password, string? displayName)
    {
        var roleName = StaffRoles.Parse(role);
        if (roleName is null)
        {
            return StaffChange.Failed($"'{role}' is not a role; use {string.Join(" or ", StaffRoles.All)}.");
        }
        email = email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return StaffChange.Failed($"A staff account for {email} already exists.");
        }

        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? NameFromEmail(email) : displayName.Trim(),
        };
        // Checked before creating, so a weak password leaves no half-made account behind.
        var weakness = await CheckPasswordAsync(user, password);
        if (!weakness.Succeeded)
        {
            return weakness;
        }

        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return StaffChange.From(created);
        }
        var inRole = await users.AddToRoleAsync(user, roleName);
        if (!inRole.Succeeded)
        {
            // An account without a role could sign in to nothing; leave none behind.
            await users.DeleteAsync(user);
        }
        return StaffChange.From(inRole);
    }

    public async Task<StaffChange> SetPasswordAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return StaffChange.Failed($"There is no staff account for {email}.");
        }
        var weakness = await CheckPasswordAsync(user, password);
        if (!weakness.Succeeded)
        {
            return weakness;
        }
        // Changing the password renews the security stamp, which signs the person out everywhere else.
        var removed = await users.RemovePasswordAsync(user);
        var result = removed.Succeeded ? await users.AddPasswordAsync(user, password) : removed;
        if (result.Succeeded)
        {
            await EndSessionsAsync(user);
        }
        return StaffChange.From(result);
    }

    /// <summary>Gives the account exactly one role; its open sessions end, since they carry the old one.</summary>
    public async Task<StaffChange> SetRoleAsync(string email, string role)
    {
        var roleName = StaffRoles.Parse(role);
        if (roleName is null)
        {
            return StaffChange.Failed($"'{role}' is not a role; use {string.Join(" or ", StaffRoles.All)}.");
        }
        return await ChangeAsync(email, endSessions: true, async user =>
        {
            var current = await users.GetRolesAsync(user);
            var removed = await users.RemoveFromRolesAsync(user, current.Where(r => r != roleName));
            return removed.Succeeded && !current.Contains(roleName) ? await users.AddToRoleAsync(user, roleName) : removed;
        });
    }

    /// <summary>Locks the account until unlocked: it cannot sign in, and its open sessions end now.</summary>
    public Task<StaffChange> LockAsync(string email) =>
        ChangeAsync(email, endSessions: true, async user =>
        {
            var enabled = await users.SetLockoutEnabledAsync(user, true);
            return enabled.Succeeded ? await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue) : enabled;
        });

    public Task<StaffChange> UnlockAsync(string email) =>
        ChangeAsync(email, endSessions: false, user => users.SetLockoutEndDateAsync(user, null));

    /// <summary>Applies <paramref name="change"/> to the account of <paramref name="email"/>, ending its sessions after if asked.</summary>
    private async Task<StaffChange> ChangeAsync(string email, bool endSessions, Func<StaffUser, Task<IdentityResult>> change)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return StaffChange.Failed($"There is no staff account for {email}.");
        }
        var result = await change(user);
        if (result.Succeeded && endSessions)
        {
            await EndSessionsAsync(user);
        }
        return StaffChange.From(result);
    }

    /// <summary>
    /// Every sign-in of <paramref name="user"/> ends: cookies issued before now stop working (new security stamp),
    /// and every console is told to close the live sessions they hold.
    /// </summary>
    public async Task EndSessionsAsync(StaffUser user)
    {
        await users.UpdateSecurityStampAsync(user);
        await feed.AnnounceAsync(db, user.Id, CancellationToken.None);
    }

    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var members = new List<StaffMember>(all.Count);
        foreach (var user in all)
        {
            members.Add(new StaffMember(user.Email ?? "", user.DisplayName, [.. await users.GetRolesAsync(user)], await users.IsLockedOutAsync(user)));
        }
        return members;
    }

    private async Task<StaffChange> CheckPasswordAsync(StaffUser user, string password)
    {
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, password);
            errors.AddRange(check.Errors.Select(e => e.Description));
        }
        return new StaffChange(errors);
    }

    /// <summary>"meera.iyer@…" becomes "Meera Iyer": a fair guess until someone sets a display name.</summary>
    private static string NameFromEmail(string email) =>
        string.Join(' ', email.Split('@')[0]
            .Split(['.', '_', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
