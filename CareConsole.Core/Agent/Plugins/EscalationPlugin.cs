using System.ComponentModel;
using CareConsole.Core.Agent.Replies;
using CareConsole.Core.Conversations;
using CareConsole.Core.Escalations;
using CareConsole.Core.Orders;
using CareConsole.Core.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel;

namespace CareConsole.Core.Agent.Plugins;

/// <summary>
/// What only a person, or the customer's own yes, may settle: handing over, ending the chat, and refunds, returns,
/// replacements and cancellations, decided in code whatever a model asks:
/// <list type="bullet">
/// <item>a request that is already open (or done) for the order is never recorded again — the customer is told its state;</item>
/// <item>a request the store's rules refuse is refused with the true reason, in code's words;</item>
/// <item>a change the assistant may make itself (cancelling before shipping) is only described and asked about: it
/// happens when the customer's next message confirms it (<see cref="OrderChanges.CarryOutConfirmedAsync"/>);</item>
/// <item>anything else is recorded for a person to approve, and the conversation goes to the desk.</item>
/// </list>
/// </summary>
public sealed class EscalationPlugin
{
    [KernelFunction("request_refund")]
    [Description("Records the customer's request for a refund on one of their orders, for a person to approve; it refunds nothing itself. Use get_requests, not this, when they ask about a refund they already asked for.")]
    public static Task<object> RequestRefundAsync(
        Kernel kernel,
        [Description("The order number, e.g. MM240115.")] string orderId,
        [Description("Why they want the refund, in their words.")] string reason,
        CancellationToken cancellationToken) =>
        new OrderChanges(AgentTurn.Of(kernel)).RequestAsync(ActionKind.Refund, orderId, reason, cancellationToken);

    [KernelFunction("request_return")]
    [Description("Records the customer's request to return a delivered order, for a person to approve.")]
    public static Task<object> RequestReturnAsync(
        Kernel kernel,
        [Description("The order number, e.g. MM240115.")] string orderId,
        [Description("Why they want to return it, in their words.")] string reason,
        CancellationToken cancellationToken) =>
        new OrderChanges(AgentTurn.Of(kernel)).RequestAsync(ActionKind.Return, orderId, reason, cancellationToken);

    [KernelFunction("request_replacement")]
    [Description("Records the customer's request to replace a delivered item that is damaged, defective or wrong, for a person to approve.")]
    public static Task<object> RequestReplacementAsync(
        Kernel kernel,
        [Description("The order number, e.g. MM240115.")] string orderId,
        [Description("What is wrong with the item, in their words.")] string reason,
        CancellationToken cancellationToken) =>
        new OrderChanges(AgentTurn.Of(kernel)).RequestAsync(ActionKind.Replacement, orderId, reason, cancellationToken);

    [KernelFunction("cancel_order")]
    [Description("Starts cancelling an order the customer clearly asked to cancel. It changes nothing: it tells the customer what cancelling would do and asks them to confirm; only their next message saying yes cancels it. Do not call it for a question about cancelling.")]
    public static Task<object> CancelOrderAsync(
        Kernel kernel,
        [Description("The order number, e.g. MM240115.")] string orderId,
        [Description("Why they want to cancel, in their words.")] string reason,
        CancellationToken cancellationToken) =>
        new OrderChanges(AgentTurn.Of(kernel)).RequestAsync(ActionKind.Cancellation, orderId, reason, cancellationToken);

    [KernelFunction("escalate_to_human")]
    [Description("Hands the conversation to a person from the support team. Use it when the customer asks for a person or when you cannot help.")]
    public static EscalationResult EscalateToHuman(
        Kernel kernel,
        [Description("\"customer_request\" if the customer asked for a person; otherwise a few words on why you cannot help.")] string reason,
        [Description("For the person taking over: what the customer wants and what has been tried.")] string summary,
        [Description("\"low\", \"normal\", \"high\" or \"urgent\"; \"normal\" if unsure.")] string priority = "normal")
    {
        var turn = AgentTurn.Of(kernel);
        var byCustomer = reason.Trim().Equals("customer_request", StringComparison.OrdinalIgnoreCase);
        var note = summary.Trim().Length > 0 ? $" (assistant's note: {SafeText.Shorten(summary.Trim(), 300, "…")})" : "";
        // Applied after the turn by the escalation policy, with the summary built from the record.
        turn.HandOver = new EscalationDecision(
            byCustomer ? EscalationReason.CustomerRequest : EscalationReason.AgentDecision,
            SafeText.Shorten(byCustomer ? "the assistant heard a request for a person" : $"the assistant could not help: {reason.Trim()}", 150, "…") + note,
            Enum.TryParse<EscalationPriority>(priority, ignoreCase: true, out var parsed) ? parsed : EscalationPriority.Normal);
        return new EscalationResult(true, "A person will take over; tell the customer they will reply here.");
    }

    [KernelFunction("end_conversation")]
    [Description("Ends the conversation when the customer is done. The customer is then asked to rate it.")]
    public static EndResult EndConversation(
        Kernel kernel,
        [Description("True if the customer's question was resolved.")] bool resolved = true)
    {
        var turn = AgentTurn.Of(kernel);
        turn.Conversation.End(resolved, turn.Now);
        return new EndResult(true);
    }

}

/// <summary>
/// The order changes behind <see cref="EscalationPlugin"/>, for one turn: requests checked against the store's rules
/// and what is already open, changes described and asked about, and carrying out the one the customer confirmed.
/// </summary>
internal sealed class OrderChanges(AgentTurn turn)
{
    private const int ReasonLength = 500;

    /// <summary>
    /// Carries out a change the customer has just confirmed, re-checking everything, since the order may have moved
    /// on since it was proposed. The words are code's: the customer is told exactly what happened.
    /// </summary>
    internal async Task CarryOutConfirmedAsync(PendingChange change, CancellationToken cancellationToken)
    {
        var conversation = turn.Conversation;
        if (conversation.VerifiedCustomerId is not { } customerId || await OrderAsync(customerId, change.OrderId, cancellationToken) is not { } order)
        {
            turn.Say(turn.Wording.Say("claim.unsupported"));
            return;
        }
        if (await ExistingAsync(change.Kind, order, cancellationToken) || Refused(change.Kind, order))
        {
            return;
        }
        if (change.NeedsPerson || NeedsPerson(change.Kind, order))
        {
            RecordForPerson(change.Kind, order, "confirmed in chat");
            return;
        }

        var back = await StoreActions.CarryOutAsync(turn.Db, change.Kind, order, null, turn.Policy, turn.Now, cancellationToken);
        var request = conversation.RequestAction(change.Kind, order.Id, change.Amount, "confirmed in chat", needsApproval: false, turn.Now);
        request.Complete(back, turn.Now);
        turn.Say(change.Kind == ActionKind.Cancellation && back == 0
            ? turn.Wording.Say("cancel.done_cod", ("order", order.Id))
            : change.Kind == ActionKind.Cancellation
                ? turn.Wording.Say("cancel.done_refund", ("order", order.Id), ("amount", Wording.Amount(back)), ("method", turn.Wording.RefundsTo(order.Payment.Method)),
                    ("time", turn.Wording.Time(turn.Policy.RefundTime(order.Payment.Method))), ("date", turn.Wording.Date(RequestState.DueBy(turn.Policy, order.Payment)!.Value)))
                : RequestState.Describe(turn.Wording, turn.Policy, request, order));
    }

    /// <summary>Describes a change again and asks again, as if the customer had just asked for it.</summary>
    internal Task ProposeAgainAsync(PendingChange change, CancellationToken cancellationToken) =>
        RequestAsync(change.Kind, change.OrderId, "asked again", cancellationToken);

    internal async Task<object> RequestAsync(ActionKind kind, string orderId, string reason, CancellationToken cancellationToken)
    {
        var conversation = turn.Conversation;
        if (conversation.VerifiedCustomerId is not { } customerId)
        {
            return new ToolRefusal(AccountPlugin.NotVerified);
        }
        var id = OrderNumbers.Normalise(orderId);
        var order = id is null ? null : await OrderAsync(customerId, id, cancellationToken);
        if (order is null)
        {
            return new ToolRefusal($"No order {orderId} on this customer's account.");
        }

        if (await ExistingAsync(kind, order, cancellationToken))
        {
            return Outcome(kind, order, RequestResult.AlreadyRequested, "A request of this kind exists already; the customer has been told its state. Nothing new was recorded.");
        }
        if (Refused(kind, order))
        {
            return Outcome(kind, order, RequestResult.Refused, "Not possible for this order; the customer has been told why. Nothing was recorded or changed.");
        }

        var needsPerson = NeedsPerson(kind, order);
        if ((kind == ActionKind.Cancellation || !needsPerson) && turn.ProposedChange is { } earlier && earlier.OrderId != order.Id)
        {
            // One yes confirms one change: a second order waits until the first is settled.
            turn.Say(turn.Wording.Say("change.one_at_a_time", ("order", order.Id), ("first", earlier.OrderId)));
            return Outcome(kind, order, RequestResult.Refused, "Only one change can wait for the customer's yes at a time; ask about this order after the first is settled.");
        }
        if (kind == ActionKind.Cancellation || !needsPerson)
        {
            // A change is only ever described here; the customer's next message decides, checked by code.
            turn.ProposedChange = new PendingChange(kind, order.Id, order.Total, needsPerson, turn.Now + turn.Settings.ConfirmationWindow);
            conversation.ProposeChange(turn.ProposedChange, turn.Now);
            turn.Say(Proposal(kind, order, needsPerson));
            return Outcome(kind, order, RequestResult.AwaitingConfirmation,
                "Nothing has changed. The customer was asked to confirm; only their next message saying yes goes ahead. Do not say it is done.");
        }

        RecordForPerson(kind, order, SafeText.Shorten(reason, ReasonLength, "…"));
        return Outcome(kind, order, RequestResult.AwaitingApproval,
            "Recorded and handed to a person for approval. Nothing has been refunded, returned, replaced or cancelled yet.");
    }

    private Task<Order?> OrderAsync(int customerId, string orderId, CancellationToken cancellationToken) =>
        turn.Db.Orders
            .Include(o => o.Payment)
            .Include(o => o.Items).ThenInclude(i => i.Product)
            // The customer filter is the guardrail: another account's order reads as not found.
            .SingleOrDefaultAsync(o => o.Id == orderId && o.CustomerId == customerId, cancellationToken);

    /// <summary>
    /// Whether the order already has this kind of request open, or carried out: if so the customer hears its state
    /// and nothing is recorded. Any conversation or channel counts, not only this one.
    /// </summary>
    private async Task<bool> ExistingAsync(ActionKind kind, Order order, CancellationToken cancellationToken)
    {
        // A refund asked for on an order being returned or cancelled is that same money: its state answers it.
        ActionKind[] kinds = kind == ActionKind.Refund ? [ActionKind.Refund, ActionKind.Return, ActionKind.Cancellation] : [kind];
        var existing = await turn.Db.ActionRequests.AsNoTracking()
            .Where(r => r.OrderId == order.Id && kinds.Contains(r.Kind)
                && (r.Status == ActionRequestStatus.AwaitingApproval || r.Status == ActionRequestStatus.Approved || r.Status == ActionRequestStatus.Done))
            .OrderByDescending(r => r.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken)
            // Recorded earlier in this same turn, not yet saved.
            ?? turn.Conversation.ActionRequests.LastOrDefault(r => r.OrderId == order.Id && kinds.Contains(r.Kind) && r.Status != ActionRequestStatus.Rejected);
        if (existing is null)
        {
            return false;
        }
        turn.Say(RequestState.Describe(turn.Wording, turn.Policy, existing, order) + (existing.IsOpen ? " " + turn.Wording.Say("state.not_opened_again") : ""));
        return true;
    }

    /// <summary>Says why the store's rules do not allow <paramref name="kind"/> on this order, and what is possible instead.</summary>
    private bool Refused(ActionKind kind, Order order)
    {
        if (RequestRules.Refusal(turn.Wording, turn.Policy, kind, order, turn.Today) is not { } refusal)
        {
            return false;
        }
        turn.Say(refusal);
        return true;
    }

    private bool NeedsPerson(ActionKind kind, Order order) =>
        order.Total > turn.Settings.PersonDecidesAbove
        || (turn.Settings.ApprovalRequired.Contains(kind) && (kind != ActionKind.Cancellation || order.HasShipped));

    private void RecordForPerson(ActionKind kind, Order order, string reason)
    {
        var amount = kind == ActionKind.Replacement ? order.Total : order.Payment.Refundable;
        turn.Conversation.RequestAction(kind, order.Id, amount, reason, needsApproval: true, turn.Now);
        // The escalation policy hands the conversation over once the turn is done (rule RiskyAction).
        turn.Approvals.Add(new PendingApproval(kind, order.Id, amount));
        turn.Say(turn.Wording.Say("action.awaiting_approval", ("kind", turn.Wording.Kind(kind)), ("order", order.Id)));
    }

    private string Proposal(ActionKind kind, Order order, bool needsPerson)
    {
        var w = turn.Wording;
        var items = AccountPlugin.Items(order.Items.Select(i => i.Product?.Name ?? "item").ToList());
        if (needsPerson)
        {
            var why = order.Total > turn.Settings.PersonDecidesAbove
                ? w.Say("cancel.why_value", ("limit", Wording.Amount(turn.Settings.PersonDecidesAbove)))
                : w.Say("cancel.why_shipped");
            return w.Say("cancel.confirm_person", ("order", order.Id), ("items", items), ("amount", Wording.Amount(order.Total)), ("why", why));
        }
        var money = order.Payment.Paid > 0
            ? w.Say("money.refund_back", ("amount", Wording.Amount(order.Payment.Refundable)), ("method", w.RefundsTo(order.Payment.Method)),
                ("time", w.Time(turn.Policy.RefundTime(order.Payment.Method))))
            : w.Say("money.nothing_charged");
        return kind == ActionKind.Cancellation
            ? w.Say("cancel.confirm", ("order", order.Id), ("items", items), ("amount", Wording.Amount(order.Total)), ("money", money))
            : w.Say("change.confirm", ("kind", w.Kind(kind)), ("order", order.Id), ("items", items), ("amount", Wording.Amount(order.Total)));
    }

    private static RequestOutcome Outcome(ActionKind kind, Order order, RequestResult result, string message) =>
        new(kind.ToString().ToLowerInvariant(), order.Id, result.ToString(), order.Status.Describe(), message);
}

/// <summary>What became of a request tool call; the customer has already been told, in code's words.</summary>
public enum RequestResult
{
    /// <summary>Described and asked about; nothing changes unless the customer's next message says yes.</summary>
    AwaitingConfirmation,

    /// <summary>Recorded for a person to decide.</summary>
    AwaitingApproval,

    /// <summary>The order already has this kind of request, open or carried out.</summary>
    AlreadyRequested,

    /// <summary>The store's rules do not allow it for this order.</summary>
    Refused,
}
