using CareConsole.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Staff;

/// <summary>A token just made: the one time its secret is known, to be shown to its owner and never again.</summary>
public sealed record IssuedToken(int Id, string Token, string Prefix, string Name, string Email, DateTimeOffset? ExpiresAt);

/// <summary>A token as listed to an administrator: everything but the secret, which is not kept.</summary>
/// <param name="AccountProblem">Why the token cannot be used now although it is active ("account locked", "not a manager"), or null.</param>
public sealed record TokenSummary(
    int Id,
    string Prefix,
    string Name,
    string Email,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    TokenState State,
    string? AccountProblem);

/// <summary>The outcome of revoking a token: which one, and whether it had been revoked before.</summary>
public sealed record TokenRevocation(StaffChange Change, TokenSummary? Token, bool WasAlreadyRevoked);

/// <summary>Who a valid token speaks for, with the account's roles as they are now.</summary>
public sealed record TokenHolder(int TokenId, string UserId, string Email, string DisplayName, IReadOnlyList<string> Roles)
{
    public bool IsManager => Roles.Contains(StaffRoles.Manager);
}

/// <summary>
/// Personal access tokens for the reporting API: made only for managers, listed without their secrets, revoked at
/// once. A token is only as good as its account: the lock and the role are read at every use, so a locked or demoted
/// manager's tokens stop working with the next request, on every instance.
/// </summary>
public sealed class PersonalAccessTokens(CareDbContext db, UserManager<StaffUser> users, TimeProvider clock)
{
    public const string DefaultName = "Reporting API";

    /// <summary>The longest a token may be made to last; without an expiry it lasts until revoked.</summary>
    public const int MaxExpiryDays = 3650;

    /// <summary>A new token for the manager with <paramref name="email"/>; refused for anyone else, or a locked account.</summary>
    public async Task<(StaffChange Change, IssuedToken? Issued)> CreateAsync(string email, string? name, int? expiresInDays, CancellationToken cancellationToken)
    {
        var label = string.IsNullOrWhiteSpace(name) ? DefaultName : name.Trim();
        if (label.Length > PersonalAccessToken.MaxNameLength || label.Any(char.IsControl))
        {
            return (StaffChange.Failed($"A token's name may be at most {PersonalAccessToken.MaxNameLength} characters of plain text."), null);
        }
        if (expiresInDays is < 1 or > MaxExpiryDays)
        {
            return (StaffChange.Failed($"A token may last from 1 to {MaxExpiryDays} days."), null);
        }
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return (StaffChange.Failed($"There is no staff account for {email}."), null);
        }
        if (!await users.IsInRoleAsync(user, StaffRoles.Manager))
        {
            return (StaffChange.Failed($"{user.Email} is not a manager: only managers can have tokens for the reporting API."), null);
        }
        if (await users.IsLockedOutAsync(user))
        {
            return (StaffChange.Failed($"{user.Email} is locked; unlock the account first."), null);
        }

        var now = clock.GetUtcNow();
        var (token, secret) = PersonalAccessToken.Issue(user.Id, label, now, expiresInDays is { } days ? now.AddDays(days) : null);
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return (StaffChange.Done, new IssuedToken(token.Id, secret, token.Prefix, token.Name, user.Email ?? email, token.ExpiresAt));
    }

    /// <summary>Every token, or those of <paramref name="email"/>, newest first.</summary>
    public async Task<IReadOnlyList<TokenSummary>> ListAsync(string? email, CancellationToken cancellationToken)
    {
        var tokens = db.PersonalAccessTokens.AsNoTracking();
        if (email is not null)
        {
            var normalized = users.NormalizeEmail(email.Trim());
            tokens = tokens.Where(t => db.Users.Any(u => u.Id == t.StaffUserId && u.NormalizedEmail == normalized));
        }
        var list = await tokens.OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
        return await SummariesAsync(list, cancellationToken);
    }

    /// <summary>Revokes the token with <paramref name="id"/>: its next use is refused.</summary>
    public async Task<TokenRevocation> RevokeAsync(int id, CancellationToken cancellationToken) =>
        await RevokeAsync(await db.PersonalAccessTokens.Where(t => t.Id == id).ToListAsync(cancellationToken), $"There is no token with id {id}.", cancellationToken);

    /// <summary>
    /// Revokes the token that starts with <paramref name="prefix"/>, as <c>staff token list</c> shows it; a whole token
    /// (say, one found in a log) works too. Refused when the prefix is shorter than a list shows or names several.
    /// </summary>
    public async Task<TokenRevocation> RevokeByPrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        prefix = prefix.Trim();
        if (prefix.Length < PersonalAccessToken.PrefixLength || !prefix.StartsWith(PersonalAccessToken.Marker, StringComparison.Ordinal))
        {
            return new TokenRevocation(StaffChange.Failed(
                $"A prefix is the {PersonalAccessToken.PrefixLength} characters 'staff token list' shows, starting {PersonalAccessToken.Marker}."), null, false);
        }
        var start = prefix[..PersonalAccessToken.PrefixLength];
        var matching = await db.PersonalAccessTokens.Where(t => t.Prefix == start).ToListAsync(cancellationToken);
        if (prefix.Length > PersonalAccessToken.PrefixLength)
        {
            // A whole token: the one it is, if any, whatever else shares its first characters.
            matching = matching.Where(t => t.Matches(prefix)).ToList();
        }
        return await RevokeAsync(matching, $"No token starts with {prefix}.", cancellationToken);
    }

    /// <summary>
    /// The holder of <paramref name="secret"/> if it is an active token whose account is not locked; null otherwise.
    /// The account's roles are read now, not when the token was made.
    /// </summary>
    public async Task<TokenHolder?> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        if (!PersonalAccessToken.IsWellFormed(secret))
        {
            return null;
        }
        var now = clock.GetUtcNow();
        // The prefix is not secret and only narrows the search; the secret itself is compared by its hash in constant time.
        var prefix = secret[..PersonalAccessToken.PrefixLength];
        var candidates = await db.PersonalAccessTokens.AsNoTracking().Where(t => t.Prefix == prefix).ToListAsync(cancellationToken);
        var token = candidates.FirstOrDefault(t => t.Matches(secret));
        if (token is null || token.StateAt(now) != TokenState.Active)
        {
            return null;
        }
        var user = await users.FindByIdAsync(token.StaffUserId);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return null;
        }
        var roles = await users.GetRolesAsync(user);
        if (token.UseIsWorthRecording(now))
        {
            // One statement, and only when the minute has moved on: two instances recording the same use both succeed.
            await db.PersonalAccessTokens.Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }
        return new TokenHolder(token.Id, user.Id, user.Email ?? "", user.DisplayName, [.. roles]);
    }

    private async Task<TokenRevocation> RevokeAsync(List<PersonalAccessToken> matching, string notFound, CancellationToken cancellationToken)
    {
        if (matching.Count == 0)
        {
            return new TokenRevocation(StaffChange.Failed(notFound), null, false);
        }
        if (matching.Count > 1)
        {
            return new TokenRevocation(StaffChange.Failed(
                $"Tokens {string.Join(", ", matching.Select(t => t.Id))} share that prefix; revoke one with --id."), null, false);
        }
        var token = matching[0];
        var wasRevoked = token.RevokedAt is not null;
        token.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return new TokenRevocation(StaffChange.Done, (await SummariesAsync([token], cancellationToken))[0], wasRevoked);
    }

    private async Task<IReadOnlyList<TokenSummary>> SummariesAsync(List<PersonalAccessToken> tokens, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var owners = new Dictionary<string, (string Email, string? Problem)>();
        foreach (var id in tokens.Select(t => t.StaffUserId).Distinct())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var user = await users.FindByIdAsync(id);
            owners[id] = user is null ? ("(deleted account)", "no account")
                : (user.Email ?? "", await users.IsLockedOutAsync(user) ? "account locked"
                    : !await users.IsInRoleAsync(user, StaffRoles.Manager) ? "not a manager" : null);
        }
        return tokens.Select(t => new TokenSummary(
            t.Id, t.Prefix, t.Name, owners[t.StaffUserId].Email, t.CreatedAt, t.LastUsedAt, t.ExpiresAt, t.RevokedAt, t.StateAt(now),
            owners[t.StaffUserId].Problem)).ToList();
    }
}
