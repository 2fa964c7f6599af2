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
}
