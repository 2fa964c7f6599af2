namespace CareConsole.Core.Agent;

/// <summary>Who reads what the agent writes.</summary>
public enum AgentAudience
{
    /// <summary>The customer, straight away: the agent runs the conversation.</summary>
    Customer,

    /// <summary>
    /// A human agent on the desk, as a draft to edit: read-only tools only, nothing is stored, and nothing reaches the
    /// customer unless the person sends it.
    /// </summary>
    DeskDraft,

    /// <summary>
    /// The customer while a person has the conversation: only the identity checks run, answered by the offline
    /// model's fixed words, so a customer handed over before verifying can still prove who they are.
    /// </summary>
    IdentityChecks,
}
