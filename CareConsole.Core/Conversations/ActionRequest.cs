namespace CareConsole.Core.Conversations;

/// <summary>
/// A refund, return, replacement or cancellation a verified customer asked for. Money-moving requests are never
/// carried out by the AI: they wait here for a person to approve or reject them.
/// </summary>
public sealed class ActionRequest
{
    private ActionRequest()
    {
    }

    public long Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public ActionKind Kind { get; private set; }
    public int CustomerId { get; private set; }
    public string OrderId { get; private set; } = "";

    /// <summary>The order's value in rupees: what a refund would move, and how the desk ranks approvals.</summary>
    public decimal Amount { get; private set; }

    /// <summary>The customer's reason, in their words.</summary>
    public string Reason { get; private set; } = "";

    public ActionRequestStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    internal static ActionRequest Create(ActionKind kind, int customerId, string orderId, decimal amount, string reason, bool needsApproval, DateTimeOffset now) =>
        new()
        {
            Kind = kind,
            CustomerId = customerId,
            OrderId = orderId,
            Amount = amount,
            Reason = reason,
            Status = needsApproval ? ActionRequestStatus.AwaitingApproval : ActionRequestStatus.Done,
            CreatedAt = now,
        };
}
