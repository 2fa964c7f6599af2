using System.ComponentModel;
using CareConsole.Core.Conversations;
using CareConsole.Core.Escalations;
using CareConsole.Core.Text;

namespace CareConsole.Core.Agent.Tools;

/// <summary>Handing over to a person, and closing the conversation.</summary>
public sealed class ConversationTools(AgentTurn turn)
{
    [Description("Hands the conversation to a person from the support team. Use it when the customer asks for a person or when you cannot help.")]
    public EscalationResult EscalateToHuman(
        [Description("\"customer_request\" if the customer asked for a person; otherwise a few words on why you cannot help.")] string reason,
        [Description("For the person taking over: what the customer wants and what has been tried.")] string summary,
        [Description("\"low\", \"normal\", \"high\" or \"urgent\"; \"normal\" if unsure.")] string priority = "normal")
    {
        var byCustomer = reason.Trim().Equals("customer_request", StringComparison.OrdinalIgnoreCase);
        var note = summary.Trim().Length > 0 ? $" (assistant's note: {SafeText.Shorten(summary.Trim(), 300, "…")})" : "";
        // Applied after the turn by the escalation policy, with the summary built from the record.
        turn.HandOver = new EscalationDecision(
            byCustomer ? EscalationReason.CustomerRequest : EscalationReason.AgentDecision,
            SafeText.Shorten(byCustomer ? "the assistant heard a request for a person" : $"the assistant could not help: {reason.Trim()}", 150, "…") + note,
            Enum.TryParse<EscalationPriority>(priority, ignoreCase: true, out var parsed) ? parsed : EscalationPriority.Normal);
        return new EscalationResult(true, "A person will take over; tell the customer they will reply here.");
    }

    [Description("Ends the conversation when the customer is done. The customer is then asked to rate it.")]
    public EndResult EndConversation(
        [Description("True if the customer's question was resolved.")] bool resolved = true)
    {
        turn.Conversation.End(resolved, turn.Now);
        return new EndResult(true);
    }

}
