namespace CareConsole.Core.Conversations;

/// <summary>
/// A change to an order the assistant has described to the customer and waits for them to confirm.
/// </summary>
/// <param name="NeedsPerson">Confirming records a request for a person instead of making the change.</param>
/// <param name="ExpiresAt">A "yes" after this confirms nothing: the customer is asked again.</param>
public sealed record PendingChange(ActionKind Kind, string OrderId, decimal Amount, bool NeedsPerson, DateTimeOffset ExpiresAt);

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

    /// <summary>Waiting for a person: at most one per order and kind, whatever conversation or channel it came from.</summary>
    public bool IsOpen => Status == ActionRequestStatus.AwaitingApproval;
    public Guid ConversationId { get; private set; }
    public ActionKind Kind { get; private set; }
    public int CustomerId { get; private set; }
    public string OrderId { get; private set; } = "";

    /// <summary>What could go back to the customer when it was asked for, in rupees; how the desk ranks approvals.</summary>
    public decimal Amount { get; private set; }

    /// <summary>The customer's reason, in their words.</summary>
    public string Reason { get; private set; } = "";

    public ActionRequestStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// Rupees the decision sends back to the customer: at most <see cref="Amount"/> (a partial refund is allowed),
    /// nothing for a replacement or an unpaid order.
    /// </summary>
    public decimal? ApprovedAmount { get; private set; }

    /// <summary>The person's reason for the decision, kept for audit; the customer is told the decision itself.</summary>
    public string? DecisionNote { get; private set; }

    public string? DecidedById { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    internal void Decide(bool approve, decimal amount, string note, DeskAgent agent, DateTimeOffset now)
    {
        if (Status != ActionRequestStatus.AwaitingApproval)
        {
            throw new InvalidOperationException($"This {Kind.ToString().ToLowerInvariant()} request was already {Status.ToString().ToLowerInvariant()}.");
        }
        if (approve && (amount < 0 || amount > Amount))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The amount approved must be at most the ₹{Amount:#,0.##} asked for."));
        }
        Status = approve ? ActionRequestStatus.Approved : ActionRequestStatus.Rejected;
        ApprovedAmount = approve ? amount : null;
        DecisionNote = note;
        DecidedById = agent.Id;
        DecidedByName = agent.DisplayName;
        DecidedAt = now;
    }

    /// <summary>Policy let it through without a person once the customer confirmed; <paramref name="moved"/> rupees went back.</summary>
    internal void Complete(decimal moved, DateTimeOffset now)
    {
        ApprovedAmount = moved;
        DecidedAt = now;
    }

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
