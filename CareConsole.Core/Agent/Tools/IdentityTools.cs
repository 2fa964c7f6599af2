using System.ComponentModel;
using CareConsole.Core.Customers;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Agent.Tools;

/// <summary>Proving who the customer is: the only tools that touch an account before verification.</summary>
public sealed class IdentityTools(AgentTurn turn)
{
    [Description("Looks up a MelaMart account by the mobile number the customer gives. Returns only whether an account exists and the customer's first name.")]
    public async Task<AccountLookup> FindAccountAsync(
        [Description("The customer's mobile number as they wrote it: 10 digits, with or without +91.")] string phone,
        CancellationToken cancellationToken)
    {
        if (turn.Conversation.IsVerified)
        {
            return new AccountLookup(true, null, "The customer is already verified.");
        }
        var number = PhoneNumbers.Normalise(phone);
        if (number is null)
        {
            return new AccountLookup(false, null, "That is not a valid 10-digit Indian mobile number.");
        }
        var customer = await turn.Db.Customers.AsNoTracking()
            .Where(c => c.Phone == number)
            .Select(c => new { c.Id, c.FullName })
            .SingleOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return new AccountLookup(false, null, "No account has this mobile number.");
        }
        turn.Conversation.NoteAccountCandidate(customer.Id, turn.Now);
        return new AccountLookup(true, customer.FullName.Split(' ')[0], "Ask for the pincode or city of their delivery address and check it with verify_identity.");
    }

    [Description("Checks the pincode or city the customer gives against the addresses of the account found with find_account. Says only whether it matches; the stored pincode and city are never revealed.")]
    public async Task<IdentityCheck> VerifyIdentityAsync(
        [Description("The 6-digit pincode of the customer's delivery address, as they gave it.")] string? pincode = null,
        [Description("The city of the customer's delivery address, as they gave it.")] string? city = null,
        CancellationToken cancellationToken = default)
    {
        var conversation = turn.Conversation;
        if (conversation.IsVerified)
        {
            return new IdentityCheck(true, conversation.VerificationAttemptsLeft, false, "The customer is already verified.");
        }
        if (conversation.CandidateCustomerId is not { } candidate)
        {
            return new IdentityCheck(false, conversation.VerificationAttemptsLeft, false, "Ask for the registered mobile number first and look it up with find_account.");
        }
        var givenPincode = Pincode(pincode);
        var givenCity = IndianCities.CanonicalOf(city);
        if (givenPincode is null && givenCity is null)
        {
            // Not an attempt: nothing checkable was given, so no attempt is used up.
            return new IdentityCheck(false, conversation.VerificationAttemptsLeft, false, "Ask for the 6-digit pincode or the city of their delivery address.");
        }

        var addresses = await turn.Db.Addresses.AsNoTracking()
            .Where(a => a.CustomerId == candidate)
            .Select(a => new { a.Pincode, a.City })
            .ToListAsync(cancellationToken);
        // A pincode, when given, decides: it is the stronger proof.
        var matched = givenPincode is not null
            ? addresses.Any(a => a.Pincode == givenPincode)
            : addresses.Any(a => IndianCities.Same(a.City, givenCity));

        var outcome = conversation.RecordVerificationAttempt(matched, turn.Now);
        if (outcome.Ended)
        {
            turn.Say(turn.Replies.Say("verification.locked", conversation.Register));
        }
        return new IdentityCheck(outcome.Verified, outcome.AttemptsLeft, outcome.Ended,
            outcome.Verified ? "Verified: the customer's own orders and details are now available."
            : outcome.Ended ? "Three checks failed: the conversation is closed."
            : "Does not match. Ask them to try again.");
    }

    /// <summary>Six digits (ASCII or Devanagari) with spaces allowed between; anything else is not a pincode.</summary>
    private static string? Pincode(string? written)
    {
        if (string.IsNullOrWhiteSpace(written))
        {
            return null;
        }
        var digits = written.Where(c => !char.IsWhiteSpace(c)).Select(PhoneNumbers.DigitValue).ToList();
        return digits.Count == 6 && digits.All(d => d is not null) && digits[0] != 0
            ? string.Concat(digits.Select(d => d!.Value))
            : null;
    }
}
