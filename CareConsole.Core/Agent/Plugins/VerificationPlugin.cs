using System.ComponentModel;
using CareConsole.Core.Customers;
using CareConsole.Core.Verification;
using Microsoft.SemanticKernel;

namespace CareConsole.Core.Agent.Plugins;

/// <summary>
/// Proving who the customer is: the only tools that touch identity before verification. Neither says whether a
/// phone number belongs to an account: an unknown number and a registered one with the wrong pincode read alike.
/// </summary>
public sealed class VerificationPlugin
{
    [KernelFunction("find_account")]
    [Description("Takes the mobile number the customer says is registered with MelaMart, before checking their pincode with verify_identity. It never says whether an account has that number: nobody is told that before they prove who they are.")]
    public static async Task<PhoneNoted> FindAccountAsync(
        Kernel kernel,
        [Description("The customer's mobile number as they wrote it: 10 digits, with or without +91.")] string phone,
        CancellationToken cancellationToken)
    {
        var turn = AgentTurn.Of(kernel);
        var conversation = turn.Conversation;
        if (conversation.IsVerified)
        {
            return new PhoneNoted(true, false, "The customer is already verified.");
        }
        var number = PhoneNumbers.Normalise(phone);
        if (number is null)
        {
            return new PhoneNoted(false, false, "That is not a valid 10-digit Indian mobile number; ask them to check it.");
        }
        conversation.ClaimPhone(number, turn.Now);
        if (await IdentityVerifier.LockedUntilAsync(turn.Db, number, turn.Client, turn.Now, cancellationToken) is { } lockedUntil)
        {
            return Locked(turn, lockedUntil);
        }
        return new PhoneNoted(true, false, "Ask for the 6-digit pincode of a delivery address saved on their account, and check it with verify_identity.");
    }

    [KernelFunction("verify_identity")]
    [Description("Checks the 6-digit pincode the customer gives against the delivery addresses saved for the mobile number given to find_account. Says only whether it matches; the stored addresses are never revealed. A city or street is not proof: ask for the pincode.")]
    public static async Task<IdentityCheck> VerifyIdentityAsync(
        Kernel kernel,
        [Description("The 6-digit pincode of a delivery address saved on the customer's account, as they gave it.")] string? pincode = null,
        CancellationToken cancellationToken = default)
    {
        var turn = AgentTurn.Of(kernel);
        var conversation = turn.Conversation;
        if (conversation.IsVerified)
        {
            return new IdentityCheck(true, conversation.VerificationAttemptsLeft, false, false, "The customer is already verified.");
        }
        if (conversation.ClaimedPhone is not { } phone)
        {
            return new IdentityCheck(false, conversation.VerificationAttemptsLeft, false, false, "Ask for the registered mobile number first and give it to find_account.");
        }
        if (Pincode(pincode) is not { } given)
        {
            // Not an attempt: nothing checkable was given, so no attempt is used up.
            return new IdentityCheck(false, conversation.VerificationAttemptsLeft, false, false, "Ask for the 6-digit pincode of a delivery address saved on their account; a city or street alone is not proof.");
        }

        var decision = await turn.Verifier.CheckAsync(turn.Db, conversation, phone, given, turn.Client, turn.Now, cancellationToken);
        if (!decision.Compared)
        {
            var refused = Locked(turn, decision.LockedUntil!.Value);
            return new IdentityCheck(false, conversation.VerificationAttemptsLeft, false, true, refused.Message);
        }

        var outcome = conversation.RecordVerificationAttempt(decision.CustomerId, turn.Now);
        if (outcome.Ended)
        {
            turn.Say(turn.Replies.Say("verification.locked", conversation.Register));
        }
        else if (!outcome.Verified && decision.LockedUntil is { } lockedNow)
        {
            // This failure reached a limit: the customer learns now, not after typing another pincode.
            turn.Say(turn.Replies.Say("verify.no_match", conversation.Register));
            return new IdentityCheck(false, outcome.AttemptsLeft, false, true, Locked(turn, lockedNow).Message);
        }
        return new IdentityCheck(outcome.Verified, outcome.AttemptsLeft, outcome.Ended, false,
            outcome.Verified ? "Verified: the customer's own orders and details are now available."
            : outcome.Ended ? "Three checks failed: the conversation is closed."
            : "Does not match the details saved for this number. Ask them to check the number and the pincode.");
    }

    /// <summary>
    /// Checks are paused: code says so in its own words, the same for any number, offering a person instead.
    /// </summary>
    private static PhoneNoted Locked(AgentTurn turn, DateTimeOffset lockedUntil)
    {
        var conversation = turn.Conversation;
        conversation.NoteVerificationLocked(lockedUntil, turn.Now);
        var minutes = Math.Max(1, (int)Math.Ceiling((lockedUntil - turn.Now).TotalMinutes));
        turn.Say(turn.Replies.Say("verify.paused", conversation.Register, ("minutes", minutes.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return new PhoneNoted(true, true, "Identity checks are paused after too many failed attempts. Offer a person from the team; do not ask for more pincodes.");
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
