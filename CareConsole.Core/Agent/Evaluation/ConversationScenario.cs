using CareConsole.Core.Conversations;
using CareConsole.Core.Orders;

namespace CareConsole.Core.Agent.Evaluation;

/// <summary>How the customer of a scenario writes.</summary>
public enum ScenarioLanguage
{
    En,
    Hi,
    Hinglish,
}

/// <summary>
/// What a scenario is about. Money and account changes are the ones the console must never get wrong: every
/// scenario in them has to pass.
/// </summary>
public enum ScenarioCategory
{
    /// <summary>Refunds, returns, cancelling a paid order, and questions about them.</summary>
    Money,

    /// <summary>Changes to an order that move no money (a cash-on-delivery cancellation, a replacement), and complaints.</summary>
    Account,

    /// <summary>Questions the help centre answers, and asking for a person.</summary>
    Help,

    /// <summary>Thanks and goodbyes.</summary>
    Smalltalk,

    /// <summary>Proving who one is, and what was asked before it.</summary>
    Identity,
}

/// <summary>What has happened to the scenario's order in another chat before the customer writes.</summary>
public enum ScenarioSetup
{
    /// <summary>A refund was asked for in another chat and waits for a person.</summary>
    RefundOpen,

    /// <summary>A refund was asked for in another chat and a person approved all of it.</summary>
    RefundApproved,

    /// <summary>A refund was asked for in another chat and a person turned it down.</summary>
    RefundRejected,

    /// <summary>A return was asked for in another chat and a person approved it.</summary>
    ReturnApproved,
}

/// <summary>What a person on the desk does in the middle of a scenario.</summary>
public enum DeskStep
{
    /// <summary>Takes the chat and approves its open request, for everything it asked.</summary>
    Approve,

    /// <summary>Takes the chat and turns its open request down.</summary>
    Reject,

    /// <summary>Gives the chat back to the assistant.</summary>
    HandBack,
}

/// <summary>
/// One whole customer conversation and what a support team expects of it, resolved against the demo database
/// when it is played: <see cref="Order"/> and <see cref="Other"/> name order selectors (see
/// <see cref="ScenarioCasting"/>), and the turns' {placeholders} are filled from what they pick.
/// </summary>
/// <param name="Id">Unique, stable, used in reports.</param>
/// <param name="Language">How the customer writes; the marked replies must come back the same way.</param>
/// <param name="Category">Money and account changes must all pass.</param>
/// <param name="Description">What the customer does and what should happen, in a sentence.</param>
/// <param name="Turns">What the customer says (and what a person on the desk does), in order.</param>
/// <param name="Expect">What the conversation must change, and so everything it must not.</param>
/// <param name="Order">The selector of the order the scenario is about; none for a question without an order.</param>
/// <param name="Other">The selector of a second order of the same customer, for {other}.</param>
/// <param name="Verify">Whether the customer proves who they are (number, then pincode) before the turns.</param>
/// <param name="Setup">What happened to the order in another chat first.</param>
public sealed record ConversationScenario(
    string Id,
    ScenarioLanguage Language,
    ScenarioCategory Category,
    string Description,
    IReadOnlyList<ScenarioTurn> Turns,
    ScenarioExpectation Expect,
    string? Order = null,
    string? Other = null,
    bool Verify = false,
    ScenarioSetup? Setup = null)
{
    /// <summary>The register the marked replies must be in.</summary>
    public Register Register => Language switch
    {
        ScenarioLanguage.Hi => Register.Hindi,
        ScenarioLanguage.Hinglish => Register.Hinglish,
        _ => Register.English,
    };

    /// <summary>Money and account changes: a failure here fails the whole evaluation.</summary>
    public bool MustPass => Category is ScenarioCategory.Money or ScenarioCategory.Account;

    /// <summary>
    /// Talks about its order without ever giving its number ("when will my refund come?"), so the answer draws on
    /// everything the customer has: no other scenario may play with that customer.
    /// </summary>
    public bool NeedsCustomerAlone => Order is not null && !Turns.Any(t => t.Say?.Contains("{order}", StringComparison.Ordinal) == true);

    /// <summary>Whether a demo customer has to be picked: to prove who they are, or to talk about their order.</summary>
    public bool NeedsCustomer => Verify || Order is not null || Turns.Any(t => t.Say is { } say
        && (say.Contains("{phone}", StringComparison.Ordinal) || say.Contains("{pincode}", StringComparison.Ordinal)));
}

/// <summary>
/// A customer message, or a desk step. A turn with <see cref="Check"/>, <see cref="Says"/> or <see cref="Never"/>
/// is marked: its reply is scored for facts and language.
/// </summary>
/// <param name="Say">What the customer writes, with {placeholders}.</param>
/// <param name="Desk">What a person on the desk does instead.</param>
/// <param name="Check">Facts the reply must state (see <see cref="ScenarioFact"/>).</param>
/// <param name="Says">Words the reply must contain, as written (case aside).</param>
/// <param name="Never">Words the reply must not contain: a wrong reason, a wrong promise.</param>
public sealed record ScenarioTurn(
    string? Say = null,
    DeskStep? Desk = null,
    IReadOnlyList<string>? Check = null,
    IReadOnlyList<string>? Says = null,
    IReadOnlyList<string>? Never = null)
{
    public bool Marked => Check is not null || Says is not null || Never is not null;
}

/// <summary>
/// What the scenario must change, checked against the database after the last turn. Anything not named here must
/// stay as it was: other orders, payments, requests, hand-offs.
/// </summary>
/// <param name="Order">The order's status at the end; null when it must not change.</param>
/// <param name="Payment">The payment's status at the end; null when it must not change.</param>
/// <param name="Refunded">Everything paid for the order has been approved to go back, exactly once.</param>
/// <param name="Requests">The requests recorded during the scenario, with their state at the end; none when not given.</param>
/// <param name="Handoff">The reason the chat went to a person; null when it must stay with the assistant.</param>
/// <param name="Ended">The chat ended.</param>
public sealed record ScenarioExpectation(
    OrderStatus? Order = null,
    PaymentStatus? Payment = null,
    bool Refunded = false,
    IReadOnlyList<ExpectedRequest>? Requests = null,
    EscalationReason? Handoff = null,
    bool Ended = false)
{
    /// <summary>Whether the scenario asks for any change at all (if not, right action holds by doing nothing).</summary>
    public bool ChangesSomething => Order is not null || Payment is not null || Refunded || Requests is { Count: > 0 } || Handoff is not null || Ended;
}

/// <summary>A request the scenario must record, on its order (or on its other order), in this state at the end.</summary>
public sealed record ExpectedRequest(ActionKind Kind, ActionRequestStatus Status, bool OnOther = false);
