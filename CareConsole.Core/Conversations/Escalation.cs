namespace CareConsole.Core.Conversations;

/// <summary>A hand-off to a person: why (which rule fired), a summary for the agent, and how urgent it is.</summary>
public sealed class Escalation
{
    private Escalation()
    {
    }

    public long Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public EscalationReason Reason { get; private set; }

    /// <summary>The name of the rule that fired, e.g. "customer-request" or "risky-action:refund".</summary>
    public string Rule { get; private set; } = "";

    /// <summary>What the customer wants and what was tried, for the person taking over.</summary>
    public string Summary { get; private set; } = "";

    public EscalationPriority Priority { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    internal static Escalation Create(EscalationReason reason, string rule, string summary, EscalationPriority priority, DateTimeOffset now) =>
        new() { Reason = reason, Rule = rule, Summary = summary, Priority = priority, CreatedAt = now };
}
