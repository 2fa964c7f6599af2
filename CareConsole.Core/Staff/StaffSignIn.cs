using CareConsole.Core.Clients;
using CareConsole.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Staff;

/// <summary>How staff sign-in resists guessing (<c>Staff:SignIn:*</c> in configuration).</summary>
public sealed record StaffSignInSettings
{
    /// <summary>Wrong passwords for one account from one client, within the window, before that client must wait.</summary>
    public int MaxFailuresPerAccountAndClient { get; init; } = 5;

    /// <summary>Wrong passwords for one account from anywhere, within the window, after which every attempt is slowed.</summary>
    public int SlowDownAfterFailures { get; init; } = 10;

    /// <summary>The longest an attempt is held back once an account is under attack.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(8);

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);
}

/// <summary>The outcome of a staff sign-in attempt. Only a right password ever learns more than "no".</summary>
public sealed record StaffSignInResult(StaffUser? User, StaffSignInRefusal? Refusal, TimeSpan? RetryAfter = null)
{
    public bool Succeeded => User is not null && Refusal is null;
}

public enum StaffSignInRefusal
{
    /// <summary>Wrong e-mail or password; the two are never told apart.</summary>
    WrongCredentials,

    /// <summary>Too many wrong passwords for this account from this client lately; it must wait.</summary>
    TooManyAttempts,

    /// <summary>The password was right but a manager has locked the account.</summary>
    AccountLocked,
}

/// <summary>
/// Checks staff passwords without giving strangers a lever: failures count per account and client, so someone
/// guessing from elsewhere cannot lock a colleague out; an account guessed at from many places is slowed down,
/// not locked; an e-mail that belongs to no one costs the same password hash as a real one, so timing does not
/// tell them apart; and a locked account says so only to someone who knows its password.
/// </summary>
public sealed class StaffSignIn(
    CareDbContext db,
    UserManager<StaffUser> users,
    IPasswordHasher<StaffUser> hasher,
    StaffSignInSettings settings,
    TimeProvider clock)
{
    private static readonly StaffUser Decoy = new() { DisplayName = "" };

    // A hash of a random password, made once: checking against it costs what checking a real account costs.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<StaffUser>().HashPassword(Decoy, StaffPasswords.Generate()));

    /// <summary>How long this attempt is held back before its password is checked, given failures on the account.</summary>
    public TimeSpan DelayFor(int recentFailures)
    {
        var over = recentFailures - settings.SlowDownAfterFailures;
        if (over < 0)
        {
            return TimeSpan.Zero;
        }
        var seconds = Math.Min(Math.Pow(2, Math.Min(over, 10)) * 0.25, settings.MaxDelay.TotalSeconds);
        return TimeSpan.FromSeconds(seconds);
    }

    public async Task<StaffSignInResult> CheckAsync(string email, string password, ClientKey client, CancellationToken cancellationToken)
    {
        var normalised = users.NormalizeEmail(email.Trim()) ?? "";
        var now = clock.GetUtcNow();
        var since = now - settings.Window;
        var failures = db.SignInAttempts.AsNoTracking().Where(a => a.Email == normalised && !a.Succeeded && a.At > since);

        var fromHere = await failures.Where(a => a.Client == client.Value).OrderBy(a => a.At).Select(a => a.At).ToListAsync(cancellationToken);
        if (fromHere.Count >= settings.MaxFailuresPerAccountAndClient)
        {
            // Counted whether or not the e-mail is staff, so this refusal says nothing about who has an account.
            var retryAfter = fromHere[^settings.MaxFailuresPerAccountAndClient] + settings.Window - now;
            return new StaffSignInResult(null, StaffSignInRefusal.TooManyAttempts, retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1));
        }
        var delay = DelayFor(await failures.CountAsync(cancellationToken));
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, clock, cancellationToken);
        }

        var user = await users.FindByEmailAsync(email.Trim());
        // One hash check either way: against the account's hash, or against a decoy whose answer is ignored.
        var verdict = hasher.VerifyHashedPassword(user ?? Decoy, user?.PasswordHash ?? DecoyHash.Value, password);
        var passwordRight = user?.PasswordHash is not null && verdict != PasswordVerificationResult.Failed;

        db.SignInAttempts.Add(SignInAttempt.Create(normalised, client.Value, passwordRight, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);

        if (!passwordRight)
        {
            return new StaffSignInResult(null, StaffSignInRefusal.WrongCredentials);
        }
        return await users.IsLockedOutAsync(user!)
            ? new StaffSignInResult(null, StaffSignInRefusal.AccountLocked)
            : new StaffSignInResult(user, null);
    }
}
