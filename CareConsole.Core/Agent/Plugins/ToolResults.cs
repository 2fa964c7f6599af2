namespace CareConsole.Core.Agent.Plugins;

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

/// <summary>get_order: the order, its requests' states and what the customer can still do, in their language.</summary>
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
    string ShipToCity,
    string? ReturnWindowEndsOn,
    bool ReplacementOnly,
    IReadOnlyList<string> Requests,
    string? Options);

public sealed record OrderLine(string Product, int Quantity, decimal UnitPrice);

/// <summary>request_* and cancel_order: what became of the request (see <see cref="RequestResult"/>).</summary>
public sealed record RequestOutcome(string Kind, string OrderId, string Result, string OrderStatus, string Message);

/// <summary>
/// get_requests: the customer's requests, newest first; the order's status when one order was asked about; and where
/// refunds stand that no request here explains (a cancellation or return the store made), in the customer's words.
/// </summary>
public sealed record RequestList(string? OrderStatus, IReadOnlyList<RequestView> Requests, IReadOnlyList<string> Refunds);

/// <summary>One request as it stands, from the records.</summary>
/// <param name="State">The whole state in one sentence, in the customer's language; safe to say as it is.</param>
public sealed record RequestView(
    string Kind,
    string OrderId,
    string Status,
    string RequestedOn,
    decimal Amount,
    decimal? ApprovedAmount,
    string? DecidedOn,
    string OrderStatus,
    string PaymentMethod,
    string? RefundStartedOn,
    string? RefundExpectedBy,
    string RefundTakes,
    string? PickupOn,
    string? ReplacementOrderId,
    string State);

/// <summary>search_knowledge: the best sections, and the store's own figures when the question asks for them.</summary>
/// <param name="Facts">Refund times or return windows from the store's rules, in the customer's language; state them as they are.</param>
/// <param name="FactsFrom">The title of the help article that states <paramref name="Facts"/>.</param>
public sealed record KnowledgeResult(IReadOnlyList<KnowledgeArticleHit> Results, string? Facts = null, string? FactsFrom = null);

public sealed record KnowledgeArticleHit(string ArticleId, string Title, string Section, string Snippet, string Url);

public sealed record EscalationResult(bool Escalated, string Message);

public sealed record EndResult(bool Ended);
