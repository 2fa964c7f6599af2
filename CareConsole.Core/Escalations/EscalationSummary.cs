using System.Globalization;
using System.Text;
using System.Text.Json;
using CareConsole.Core.Conversations;
using CareConsole.Core.Orders;
using CareConsole.Core.Sentiment;
using CareConsole.Core.Text;

namespace CareConsole.Core.Escalations;

/// <summary>
/// What the person taking over reads first: what the customer wants (their requests and their own words, the
/// orders they named), what was tried (identity, lookups, help-centre searches, failures), how they feel, and
/// why the conversation came to them. Built from the record, never by a model, so it cannot invent anything; and
/// written as a colleague would write it, so it names no rule, tool or account number only the software knows.
/// </summary>
public static class EscalationSummary
{
    private const int MaxLength = 2000;

    /// <param name="conversation">The conversation, with its tool calls and requests loaded.</param>
    /// <param name="decision">The rule that hands it over, and why.</param>
    /// <param name="customerName">The verified customer's name from their account; null when not verified.</param>
    public static string For(Conversation conversation, EscalationDecision decision, string? customerName)
    {
        var customer = conversation.Messages.Where(m => m.Author == Author.Customer).OrderBy(m => m.CreatedAt).ToList();
        var summary = new StringBuilder();
        summary.Append("Wants: ").AppendLine(Wants(conversation, customer));
        summary.Append("Tried: ").AppendLine(Tried(conversation, customerName));
        summary.Append("Feeling: ").AppendLine(Feeling(conversation, customer));
        summary.Append("Handed over: ").Append(HandedOver(decision));
        var text = summary.ToString();
        return SafeText.Shorten(text, MaxLength, "…");
    }

    /// <summary>Why a rule hands a conversation over, in a support agent's words: "needs approval", "asked for a person".</summary>
    public static string InWords(EscalationReason rule) => rule switch
    {
        EscalationReason.CustomerRequest => "asked for a person",
        EscalationReason.RiskyAction => "needs approval",
        EscalationReason.NegativeSentiment => "customer upset",
        EscalationReason.RepeatedFailure => "the assistant could not help",
        EscalationReason.ProviderFailure => "the assistant was unavailable",
        EscalationReason.AgentDecision => "the assistant handed over",
        _ => "handed over",
    };

    /// <summary>"needs approval — refund on MM240115 (₹591)": the rule in words, then what made it fire, saying the rule once.</summary>
    private static string HandedOver(EscalationDecision decision)
    {
        var words = InWords(decision.Rule);
        var why = decision.Why.StartsWith(words + ":", StringComparison.OrdinalIgnoreCase)
            ? decision.Why[(words.Length + 1)..].TrimStart()
            : decision.Why;
        return why.Length == 0 ? words : $"{words} — {why}";
    }

    private static string Wants(Conversation conversation, List<Message> customer)
    {
        var parts = new List<string>();
        foreach (var request in conversation.ActionRequests.Where(r => r.Status == ActionRequestStatus.AwaitingApproval))
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"a {KindInWords(request.Kind)} on {request.OrderId} (₹{request.Amount:#,0.##}), awaiting approval"));
        }
        var orders = customer.Select(m => OrderNumbers.Normalise(m.Text)).OfType<string>().Distinct().ToList();
        if (orders.Count > 0)
        {
            parts.Add("orders named: " + string.Join(", ", orders));
        }
        // Their own words: the latest message long enough to say something (not a phone number or "ok").
        var said = customer.LastOrDefault(m => m.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 4) ?? customer.LastOrDefault();
        if (said is not null)
        {
            parts.Add($"in their words: \"{EscalationPolicy.Quote(said.Text)}\"");
        }
        return parts.Count == 0 ? "not said yet" : string.Join("; ", parts);
    }

    private static string Tried(Conversation conversation, string? customerName)
    {
        var parts = new List<string>
        {
            conversation.IsVerified
                ? customerName is null ? "identity verified" : $"identity verified: {customerName}"
                : conversation.FailedVerifications > 0
                    ? $"identity not verified ({Count(conversation.FailedVerifications, "failed check")})"
                    : "identity not verified",
        };
        var calls = conversation.ToolCalls.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => (c.Name, Order: ToolCallWords.OrderIn(c.ArgumentsJson), Ok: Succeeded(c)))
            .ToList();
        var lookedUp = calls.Where(c => c.Name == "get_order" && c.Ok && c.Order is not null).Select(c => c.Order!).Distinct().ToList();
        if (lookedUp.Count > 0)
        {
            parts.Add((lookedUp.Count == 1 ? "looked up order " : "looked up orders ") + string.Join(", ", lookedUp));
        }
        // Everything else looked at or asked for, each once, in the order it happened; help-centre searches that ran
        // are counted below, with what they found.
        parts.AddRange(calls
            .Where(c => !(c.Name == "get_order" && c.Ok && c.Order is not null) && !(c.Name == "search_knowledge" && c.Ok))
            .Select(c => ToolCallWords.Describe(c.Name, c.Order, c.Ok))
            .OfType<string>()
            .Distinct());
        var searches = calls.Count(c => c.Name == "search_knowledge" && c.Ok);
        if (searches > 0)
        {
            var cited = conversation.Messages.SelectMany(m => m.Citations).Select(c => c.Title).Distinct().ToList();
            parts.Add(cited.Count > 0
                ? $"searched the help centre {searches}×, cited {string.Join(", ", cited.Select(t => $"\"{t}\""))}"
                : $"searched the help centre {searches}×, nothing cited");
        }
        var failed = calls.Count(c => !c.Ok && ToolCallWords.Describe(c.Name, null, false) is null);
        if (failed > 0)
        {
            parts.Add($"{Count(failed, "other step")} failed");
        }
        var unanswered = conversation.Messages.Count(m => m.Unanswered);
        if (unanswered > 0)
        {
            parts.Add($"{Count(unanswered, "message")} the assistant could not help with");
        }
        return string.Join("; ", parts);
    }

    /// <summary>
    /// Whether a call got what it went for: it ran, the tool did not refuse it, and a request tool recorded the request.
    /// </summary>
    private static bool Succeeded(ToolCall call)
    {
        if (call.Error is not null)
        {
            return false;
        }
        try
        {
            using var result = JsonDocument.Parse(call.ResultJson);
            var root = result.RootElement;
            return root.ValueKind != JsonValueKind.Object
                || (!root.TryGetProperty("error", out _) && !(root.TryGetProperty("recorded", out var recorded) && recorded.ValueKind == JsonValueKind.False));
        }
        catch (JsonException)
        {
            return true;
        }
    }

    internal static string KindInWords(ActionKind kind) => kind switch
    {
        ActionKind.Refund => "refund",
        ActionKind.Return => "return",
        ActionKind.Replacement => "replacement",
        _ => "cancellation",
    };

    private static string Count(int count, string thing) => count == 1 ? $"1 {thing}" : $"{count} {thing}s";

    private static string Feeling(Conversation conversation, List<Message> customer)
    {
        if (conversation.Sentiment is not { } rolling)
        {
            return "unknown";
        }
        var label = SentimentScore.Of(rolling).LabelName;
        var trend = conversation.SentimentTrend switch
        {
            <= -0.1 => ", worsening",
            >= 0.1 => ", improving",
            _ => "",
        };
        var last = customer.LastOrDefault()?.Sentiment;
        return string.Create(CultureInfo.InvariantCulture, $"{label} ({rolling:0.00}{trend}; last message {last:0.00})");
    }
}
