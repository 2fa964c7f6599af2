namespace CareConsole.Core.Conversations;

/// <summary>Where the customer is talking from.</summary>
public enum Channel
{
    Web,
    Api,
    Voice,
}

/// <summary>Open while someone is helping; pending while it waits for a person; resolved when done.</summary>
public enum ConversationStatus
{
    Open,
    Pending,
    Resolved,
}

/// <summary>Who answers the customer: the AI agent or a person.</summary>
public enum ConversationOwner
{
    Ai,
    Human,
}

/// <summary>
/// Verification: nothing about the account is reachable until the customer proves who they are.
/// Assistance: the verified customer's own data only. Ended: no further messages are accepted.
/// </summary>
public enum ConversationPhase
{
    Verification,
    Assistance,
    Ended,
}

/// <summary>Who wrote a message.</summary>
public enum Author
{
    Customer,
    Assistant,
    Agent,
    System,
}

/// <summary>
/// Why a conversation went to a person: the rules of the escalation policy (see <c>Escalations/</c>), and the
/// model's own decision for cases none of them covers.
/// </summary>
public enum EscalationReason
{
    CustomerRequest,
    RiskyAction,
    NegativeSentiment,
    RepeatedFailure,
    ProviderFailure,

    /// <summary>The model chose to hand over for a reason none of the coded rules covers.</summary>
    AgentDecision,
}

public enum EscalationPriority
{
    Low,
    Normal,
    High,
    Urgent,
}

/// <summary>Money-moving or hard-to-undo things a customer can ask for; see <see cref="ActionRequest"/>.</summary>
public enum ActionKind
{
    Refund,
    Return,
    Replacement,
    Cancellation,
}

public enum ActionRequestStatus
{
    /// <summary>Waiting for a person to approve or reject it.</summary>
    AwaitingApproval,

    /// <summary>Policy allowed it without a person, and it was carried out.</summary>
    Done,

    Approved,
    Rejected,
}
