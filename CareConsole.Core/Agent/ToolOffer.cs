using CareConsole.Core.Conversations;

namespace CareConsole.Core.Agent;

/// <summary>
/// Which tools a model is offered, by the conversation's phase and whom the turn serves. The guard filter refuses
/// any other call, whatever a model asks for.
/// </summary>
public static class ToolOffer
{
    /// <summary>Before verification: nothing that reads an account.</summary>
    public static readonly IReadOnlyList<string> VerificationTools =
        ["find_account", "verify_identity", "search_knowledge", "escalate_to_human", "end_conversation"];

    /// <summary>After verification: the customer's own account, requests for a person to approve, the help centre.</summary>
    public static readonly IReadOnlyList<string> AssistanceTools =
        ["get_profile", "list_orders", "get_order", "get_requests", "search_knowledge", "request_refund", "request_return",
         "request_replacement", "cancel_order", "escalate_to_human", "end_conversation"];

    /// <summary>
    /// For a draft on the desk: only tools that read, so drafting can neither record a request nor hand over nor
    /// end the chat. Account tools still need a verified customer, as ever.
    /// </summary>
    public static readonly IReadOnlyList<string> DraftTools = ["search_knowledge", "get_profile", "list_orders", "get_order", "get_requests"];

    /// <summary>While a person has the chat: the customer can still prove who they are, and nothing else.</summary>
    public static readonly IReadOnlyList<string> IdentityCheckTools = ["find_account", "verify_identity"];

    /// <summary>The tools offered in <paramref name="phase"/> to <paramref name="audience"/>; none once the conversation has ended.</summary>
    public static IReadOnlyList<string> For(ConversationPhase phase, AgentAudience audience)
    {
        IReadOnlyList<string> names = phase switch
        {
            ConversationPhase.Verification => VerificationTools,
            ConversationPhase.Assistance => AssistanceTools,
            _ => [],
        };
        return audience switch
        {
            AgentAudience.DeskDraft => [.. names.Intersect(DraftTools)],
            AgentAudience.IdentityChecks => [.. names.Intersect(IdentityCheckTools)],
            _ => names,
        };
    }
}
