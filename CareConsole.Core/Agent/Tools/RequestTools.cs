using System.ComponentModel;
using CareConsole.Core.Conversations;
using CareConsole.Core.Escalations;
using CareConsole.Core.Orders;
using CareConsole.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Agent.Tools;

/// <summary>
/// Refunds, returns, replacements and cancellations. Those that move money or cannot be undone are never
/// carried out here: the request is recorded, the conversation goes to a person, and code (not the model) tells
/// the customer so. Which kinds need a person is <see cref="AgentSettings.ApprovalRequired"/>.
/// </summary>
public sealed class RequestTools(AgentTurn turn)
{
    private const int ReasonLength = 500;

    [Description("Records the customer's request for a refund on one of their orders. A person approves refunds; this does not refund anything by itself.")]
    public Task<object> RequestRefundAsync(
        [Description("The order number, e.g. MM240115.")] string orderId,
        [Description("Why they want the refund, in their words.")] string reason,
        CancellationToken cancellationToken) =>
        RequestAsync(ActionKind.Refund, orderId, reason, cancellationToken);

    [Description("Records the customer's request to return a delivered order. A person approves returns.")]
    public Task<object> RequestReturnAsync(
        [Description("The order number, e.g. MM240115.")] string orderId,
        [Description("Why they want to return it, in their words.")] string reason,
        CancellationToken cancellationToken) =>
        RequestAsync(ActionKind.Return, orderId, reason, cancellationToken);

    [Description("Records the customer's request to replace a delivered item that is damaged, defective or wrong. A person approves replacements.")]
    public Task<object> RequestReplacementAsync(
        [Description("The order number, e.g. MM240115.")] string orderId,
        [Description("What is wrong with the item, in their words.")] string reason,
        CancellationToken cancellationToken) =>
        RequestAsync(ActionKind.Replacement, orderId, reason, cancellationToken);

    [Description("Cancels an order. Before it ships, cancellation is immediate; after it ships, a person must approve it.")]
    public Task<object> CancelOrderAsync(
        [Description("The order number, e.g. MM240115.")] string orderId,
        [Description("Why they want to cancel, in their words.")] string reason,
        CancellationToken cancellationToken) =>
        RequestAsync(ActionKind.Cancellation, orderId, reason, cancellationToken);

    private async Task<object> RequestAsync(ActionKind kind, string orderId, string reason, CancellationToken cancellationToken)
    {
        var conversation = turn.Conversation;
        if (conversation.VerifiedCustomerId is not { } customerId)
        {
            return new ToolRefusal(OrderTools.NotVerified);
        }
        var id = OrderNumbers.Normalise(orderId);
        var order = id is null ? null : await turn.Db.Orders
            .Include(o => o.Payment)
            .Include(o => o.Items).ThenInclude(i => i.Product)
            .SingleOrDefaultAsync(o => o.Id == id && o.CustomerId == customerId, cancellationToken);
        if (order is null)
        {
            return new ToolRefusal($"No order {orderId} on this customer's account.");
        }

        var refusal = Ineligible(kind, order);
        if (refusal is not null)
        {
            return Outcome(kind, order, recorded: false, awaiting: false, done: false, refusal);
        }

        reason = SafeText.Shorten(reason, ReasonLength, "…");
        // Cancelling before the parcel leaves is store policy for everyone, so it never waits for a person.
        var shipped = order.Status is OrderStatus.Shipped or OrderStatus.InTransit or OrderStatus.OutForDelivery;
        var needsApproval = turn.Settings.ApprovalRequired.Contains(kind) && (kind != ActionKind.Cancellation || shipped);
        conversation.RequestAction(kind, order.Id, order.Total, reason, needsApproval, turn.Now);

        if (needsApproval)
        {
            // The escalation policy hands the conversation over once the turn is done (rule RiskyAction).
            turn.Approvals.Add(new PendingApproval(kind, order.Id, order.Total));
            var kindName = turn.Replies.Say($"kind.{kind.ToString().ToLowerInvariant()}", conversation.Register);
            turn.Say(turn.Replies.Say("action.awaiting_approval", conversation.Register, ("kind", kindName), ("order", order.Id)));
            return Outcome(kind, order, recorded: true, awaiting: true, done: false,
                "Recorded and handed to a person for approval. Nothing has been refunded, returned, replaced or cancelled yet.");
        }

        CarryOut(kind, order);
        return Outcome(kind, order, recorded: true, awaiting: false, done: true, $"Done: the order is now {order.Status.Describe()}.");
    }

    /// <summary>Why the request makes no sense for this order, or null when it does.</summary>
    private static string? Ineligible(ActionKind kind, Order order) => kind switch
    {
        ActionKind.Cancellation when order.Status is not (OrderStatus.Placed or OrderStatus.Packed or OrderStatus.Shipped or OrderStatus.InTransit or OrderStatus.OutForDelivery)
            => $"The order is {order.Status.Describe()}, so it cannot be cancelled. A delivered order can be returned instead.",
        ActionKind.Return or ActionKind.Replacement when order.Status != OrderStatus.Delivered
            => order.Status is OrderStatus.ReturnRequested
                ? "A return has already been requested for this order."
                : $"The order is {order.Status.Describe()}; only delivered orders can be returned or replaced.",
        ActionKind.Refund when order.Payment.Status is PaymentStatus.Refunded or PaymentStatus.RefundPending
            => $"The payment is already {(order.Payment.Status == PaymentStatus.Refunded ? "refunded" : "being refunded")}.",
        ActionKind.Refund when order.Payment.Status is PaymentStatus.DueOnDelivery or PaymentStatus.Voided
            => "Nothing was paid for this order (cash on delivery not collected), so there is nothing to refund.",
        _ => null,
    };

    /// <summary>What the store does when policy lets a request through without a person.</summary>
    private static void CarryOut(ActionKind kind, Order order)
    {
        switch (kind)
        {
            case ActionKind.Cancellation:
                order.Status = OrderStatus.Cancelled;
                order.Payment.Status = order.Payment.Status == PaymentStatus.Paid ? PaymentStatus.RefundPending : PaymentStatus.Voided;
                break;
            case ActionKind.Return or ActionKind.Replacement:
                order.Status = OrderStatus.ReturnRequested;
                break;
            case ActionKind.Refund:
                order.Status = OrderStatus.RefundPending;
                order.Payment.Status = PaymentStatus.RefundPending;
                break;
        }
    }

    private static RequestOutcome Outcome(ActionKind kind, Order order, bool recorded, bool awaiting, bool done, string message) =>
        new(kind.ToString().ToLowerInvariant(), order.Id, recorded, awaiting, done, order.Status.Describe(),
            RefundStarted: done && order.Payment.Status == PaymentStatus.RefundPending, message);
}
