using System.Globalization;
using System.Text;
using CareConsole.Core.Conversations;
using CareConsole.Core.Orders;
using CareConsole.Core.Sentiment;
using CareConsole.Core.Text;

namespace CareConsole.Core.Escalations;

/// <summary>
/// What the person taking over reads first: what the customer wants (their requests and their own words, the
/// orders they named), what was tried (identity, lookups, help-centre searches, failures), how they feel, and
/// why the conversation came to them. Built from the record, never by a model, so it cannot invent anything.
/// </summary>
public static class EscalationSummary
{
    private const int MaxLength = 2000;

    public static string For(Conversation conversation, EscalationDecision decision)
    {
        var customer = conversation.Messages.Where(m => m.Author == Author.Customer).OrderBy(m => m.CreatedAt).ToList();
        var summary = new StringBuilder();
        summary.Append("Wants: ").AppendLine(Wants(conversation, customer));
        summary.Append("Tried: ").AppendLine(Tried(conversation));
        summary.Append("Feeling: ").AppendLine(Feeling(conversation, customer));
        summary.Append("Handed over: ").Append(decision.Rule).Append(" — ").Append(decision.Why);
        var text = summary.ToString();
        return SafeText.Shorten(text, MaxLength, "…");
    }

    private static string Wants(Conversation conversation, List<Message> customer)
    {
        var parts = new List<string>();
        foreach (var request in conversation.ActionRequests.Where(r => r.Status == ActionRequestStatus.AwaitingApproval))
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{request.Kind.ToString().ToLowerInvariant()} on {request.OrderId} (₹{request.Amount:#,0.##}), awaiting approval"));
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

    private static string Tried(Conversation conversation)
    {
        var parts = new List<string>
        {
            conversation.IsVerified
                ? $"identity verified (customer #{conversation.VerifiedCustomerId})"
                : conversation.FailedVerifications > 0
                    ? $"identity not verified ({conversation.FailedVerifications} failed check(s))"
                    : "identity not verified",
        };
        var calls = conversation.ToolCalls.OrderBy(c => c.CreatedAt).ToList();
        var lookups = calls.Where(c => c.Name is "get_order" or "list_orders" or "get_profile" && c.Error is null).Select(c => c.Name).Distinct().ToList();
        if (lookups.Count > 0)
        {
            parts.Add("looked up " + string.Join(", ", lookups.Select(n => n.Replace('_', ' '))));
        }
        var searches = calls.Count(c => c.Name == "search_knowledge");
        if (searches > 0)
        {
            var cited = conversation.Messages.SelectMany(m => m.Citations).Select(c => c.Title).Distinct().ToList();
            parts.Add(cited.Count > 0
                ? $"help centre searched {searches}×, cited {string.Join(", ", cited.Select(t => $"\"{t}\""))}"
                : $"help centre searched {searches}×, nothing cited");
        }
        var failed = calls.Count(c => c.Error is not null);
        if (failed > 0)
        {
            parts.Add($"{failed} tool call(s) failed");
        }
        var unanswered = conversation.Messages.Count(m => m.Unanswered);
        if (unanswered > 0)
        {
            parts.Add($"{unanswered} message(s) the assistant could not help with");
        }
        return string.Join("; ", parts);
    }

    private static string Feeling(Conversation conversation, List<Message> customer)
    {
        if (conversation.Sentiment is not { } rolling)
        {
            return "unknown";
        }
        var label = SentimentScore.LabelFor(rolling).ToString().ToLowerInvariant();
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
