using CareConsole.Core.Clients;
using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Verification;

/// <summary>What an identity check came to.</summary>
/// <param name="Compared">The pincode was compared; false when checks were already locked.</param>
/// <param name="CustomerId">The account proven, when the pincode matched a saved address of the number.</param>
/// <param name="LockedUntil">Checks are paused until then: they were already, or this failure reached a limit.</param>
public sealed record VerificationDecision(bool Compared, int? CustomerId, DateTimeOffset? LockedUntil);

/// <summary>
/// Decides identity checks: a pincode against the saved addresses of the phone number the customer gave, with
/// failures counted in the database per number (across every conversation and channel) and per client, so neither
/// a new chat nor a restart nor another app instance gives an attacker fresh guesses. Registered and unknown
/// numbers take exactly the same path, so neither the answer nor its timing says which a number is.
/// </summary>
public sealed class IdentityVerifier(VerificationSettings settings)
{
    // Lock classes for CareDbContext.TakeTurnsAsync.
    private const int PhoneLockClass = 11;
    private const int ClientLockClass = 12;

    /// <summary>When checks of <paramref name="phone"/> or from <paramref name="client"/> may resume; null if they may now.</summary>
    public static async Task<DateTimeOffset?> LockedUntilAsync(CareDbContext db, string phone, ClientKey client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var subjects = new[] { VerificationLock.ForPhone(phone), VerificationLock.ForClient(client.Value) };
        return await db.VerificationLocks.AsNoTracking()
            .Where(l => subjects.Contains(l.Subject) && l.LockedUntil > now)
            .MaxAsync(l => (DateTimeOffset?)l.LockedUntil, cancellationToken);
    }

    /// <summary>
    /// Checks <paramref name="pincode"/> against the addresses saved for <paramref name="phone"/>, unless checks are
    /// locked, and records the attempt. The failure that reaches a limit locks the number or the client.
    /// </summary>
    public async Task<VerificationDecision> CheckAsync(
        CareDbContext db, Conversation conversation, string phone, string pincode, ClientKey client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Checks of one number, or from one client, take turns until this transaction ends: a burst of guesses in
        // parallel conversations cannot all slip in before the count that locks them is written.
        await db.TakeTurnsAsync([(PhoneLockClass, StableHash(phone)), (ClientLockClass, StableHash(client.Value))], cancellationToken);

        if (await LockedUntilAsync(db, phone, client, now, cancellationToken) is { } lockedUntil)
        {
            await transaction.CommitAsync(cancellationToken);
            return new VerificationDecision(Compared: false, null, lockedUntil);
        }

        // One query whether or not the number is registered: an unknown number simply matches no address.
        var customerId = await db.Addresses.AsNoTracking()
            .Where(a => a.Pincode == pincode && db.Customers.Any(c => c.Id == a.CustomerId && c.Phone == phone))
            .Select(a => (int?)a.CustomerId)
            .FirstOrDefaultAsync(cancellationToken);
        var succeeded = customerId is not null;
        var channel = conversation.Channel.ToString();
        var at = db.StoredTime(now);
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "VerificationAttempts" ("Phone", "Client", "ConversationId", "Channel", "Succeeded", "At")
            VALUES ({phone}, {client.Value}, {conversation.Id}, {channel}, {succeeded}, {at})
            """,
            cancellationToken);

        DateTimeOffset? locked = null;
        if (!succeeded)
        {
            var since = now - settings.Window;
            var failures = db.VerificationAttempts.Where(a => !a.Succeeded && a.At > since);
            if (await failures.CountAsync(a => a.Phone == phone, cancellationToken) >= settings.MaxFailuresPerNumber)
            {
                locked = await LockAsync(db, VerificationLock.ForPhone(phone), now, cancellationToken);
            }
            if (await failures.CountAsync(a => a.Client == client.Value, cancellationToken) >= settings.MaxFailuresPerClient)
            {
                locked = await LockAsync(db, VerificationLock.ForClient(client.Value), now, cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return new VerificationDecision(Compared: true, customerId, locked);
    }

    private async Task<DateTimeOffset> LockAsync(CareDbContext db, string subject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var until = now + settings.LockDuration;
        var (lockedAt, lockedUntil) = (db.StoredTime(now), db.StoredTime(until));
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "VerificationLocks" ("Subject", "LockedAt", "LockedUntil") VALUES ({subject}, {lockedAt}, {lockedUntil})
            ON CONFLICT ("Subject") DO UPDATE SET "LockedAt" = EXCLUDED."LockedAt", "LockedUntil" = EXCLUDED."LockedUntil"
            """,
            cancellationToken);
        return until;
    }

    /// <summary>FNV-1a: the same number in every process, unlike string.GetHashCode.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return unchecked((int)hash);
    }
}
