namespace CareConsole.Core.Conversations;

/// <summary>A hand-off to a person: which rule fired and why, a summary for the agent, and how urgent it is.</summary>
public sealed class Escalation
{
    private Escalation()
    {
    }

    public long Id { get; private set; }
    public Guid ConversationId { get; private set; }
    /// <summary>The escalation rule that fired.</summary>
    public EscalationReason Reason { get; private set; }

    /// <summary>What made the rule fire, e.g. "message scored -0.82 (very negative at -0.60)" or "refund on MM240115".</summary>
    public string Why { get; private set; } = "";

    /// <summary>What the customer wants and what was tried, for the person taking over.</summary>
    public string Summary { get; private set; } = "";

    public EscalationPriority Priority { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The agent who took the conversation after this hand-off, and when.</summary>
    public string? ClaimedById { get; private set; }

    public string? ClaimedByName { get; private set; }
    public DateTimeOffset? ClaimedAt { get; private set; }

    /// <summary>When the person was done with it: handed back to the AI or resolved.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    internal void Claim(DeskAgent agent, DateTimeOffset now)
    {
        ClaimedById = agent.Id;
        ClaimedByName = agent.DisplayName;
        ClaimedAt = now;
    }

    internal void Close(DateTimeOffset now) => ClosedAt ??= now;

    internal static Escalation Create(EscalationReason reason, string why, string summary, EscalationPriority priority, DateTimeOffset now) =>
        new() { Reason = reason, Why = why, Summary = summary, Priority = priority, CreatedAt = now };
}
