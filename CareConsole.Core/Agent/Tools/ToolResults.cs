namespace CareConsole.Core.Agent.Tools;

// What the tools return, serialised to JSON for the model. Small on purpose: a model only needs what it may say.

/// <summary>find_account: whether the number was taken (it is a mobile number), and whether checks are paused.
/// Never whether an account has it.</summary>
public sealed record PhoneNoted(bool Accepted, bool ChecksPaused, string Message);

/// <summary>verify_identity: whether the given pincode matched; never what the stored one is.</summary>
public sealed record IdentityCheck(bool Verified, int AttemptsLeft, bool ConversationEnded, bool ChecksPaused, string? Message);

/// <summary>The answer of an account tool asked before the customer is verified, or about a missing order.</summary>
public sealed record ToolRefusal(string Error);

public sealed record ProfileView(string Name, string Email, string Phone, string Membership, string? MembershipRenewsOn, IReadOnlyList<AddressView> Addresses);

public sealed record AddressView(string Label, string City, string State, bool IsDefault);

public sealed record OrderSummary(string OrderId, string Status, string PlacedOn, decimal Total, string Items, string? EstimatedDelivery, string? DeliveredOn);

public sealed record OrderList(int TotalOrders, IReadOnlyList<OrderSummary> Orders);

public sealed record OrderDetails(
    string OrderId,
    string Status,
    string PlacedOn,
    decimal Total,
    IReadOnlyList<OrderLine> Items,
    string PaymentMethod,
    string PaymentStatus,
    string? EstimatedDelivery,
    string? DeliveredOn,
    string? LastLocation,
    string? Courier,
    string ShipToCity);

public sealed record OrderLine(string Product, int Quantity, decimal UnitPrice);

/// <summary>request_* and cancel_order: what happened to the request.</summary>
/// <param name="Recorded">The request was stored.</param>
/// <param name="AwaitingApproval">A person has to approve it; nothing has been done yet.</param>
/// <param name="Done">Policy allowed it and it was carried out.</param>
/// <param name="RefundStarted">Carrying it out started a refund of money the customer paid.</param>
public sealed record RequestOutcome(string Kind, string OrderId, bool Recorded, bool AwaitingApproval, bool Done, string OrderStatus, bool RefundStarted, string Message);

public sealed record KnowledgeResult(IReadOnlyList<KnowledgeArticleHit> Results);

public sealed record KnowledgeArticleHit(string ArticleId, string Title, string Section, string Snippet, string Url);

public sealed record EscalationResult(bool Escalated, string Message);

public sealed record EndResult(bool Ended);
