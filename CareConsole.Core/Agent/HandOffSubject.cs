using System.Globalization;
using CareConsole.Core.Conversations;
using CareConsole.Core.Escalations;
using CareConsole.Core.Orders;

namespace CareConsole.Core.Agent;

/// <summary>A request the hand-off is about, and where it stands.</summary>
/// <param name="Amount">Rupees: what was approved once approved, otherwise what was asked for.</param>
public sealed record HandOffRequest(ActionKind Kind, string OrderId, decimal Amount, ActionRequestStatus Status);

/// <summary>
/// What the open hand-off is about: why it came to a person, the orders it concerns and the requests recorded for
/// it. A draft for the desk speaks to this first, whatever the customer wrote last ("hello?"): the person took the
/// chat over for it. Read from the record, so the model is told facts, not the customer's words.
/// </summary>
/// <param name="Reason">Why it was handed over, in words ("needs approval").</param>
/// <param name="Orders">The requests' orders, then those the customer named before the hand-off; at most three.</param>
/// <param name="Requests">Requests still awaiting a decision, and those recorded since the previous hand-off ended.</param>
public sealed record HandOffSubject(string Reason, IReadOnlyList<string> Orders, IReadOnlyList<HandOffRequest> Requests)
{
    private const int MaxOrders = 3;

    /// <summary>The subject of the latest hand-off not yet handed back or resolved; null when there is none.</summary>
    /// <param name="conversation">The conversation, with its messages, escalations and requests loaded.</param>
    public static HandOffSubject? Of(Conversation conversation)
    {
        var open = conversation.Escalations.Where(e => e.ClosedAt is null).MaxBy(e => e.CreatedAt);
        if (open is null)
        {
            return null;
        }
        // What an earlier hand-off dealt with is settled; this one is about what came after it.
        var since = conversation.Escalations.Where(e => e.ClosedAt <= open.CreatedAt).Max(e => e.ClosedAt) ?? DateTimeOffset.MinValue;
        var requests = conversation.ActionRequests
            .Where(r => r.Status == ActionRequestStatus.AwaitingApproval || r.CreatedAt >= since)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Select(r => new HandOffRequest(r.Kind, r.OrderId, r.Status == ActionRequestStatus.Approved ? r.ApprovedAmount ?? r.Amount : r.Amount, r.Status))
            .ToList();
        var named = conversation.Messages
            .Where(m => m.Author == Author.Customer && m.CreatedAt >= since && m.CreatedAt <= open.CreatedAt)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => OrderNumbers.Normalise(m.Text))
            .OfType<string>();
        var orders = requests.Select(r => r.OrderId).Concat(named).Distinct().Take(MaxOrders).ToList();
        return new HandOffSubject(EscalationSummary.InWords(open.Reason), orders, requests);
    }

    /// <summary>The subject as lines of the conversation state block, which every model reads.</summary>
    internal IEnumerable<string> Lines() =>
    [
        $"handoff_reason: {Reason}",
        $"handoff_orders: {(Orders.Count == 0 ? "none" : string.Join(", ", Orders))}",
        $"handoff_requests: {(Requests.Count == 0 ? "none" : string.Join("; ", Requests.Select(Line)))}",
    ];

    /// <summary>Reads the subject back from the state block's values; null when the block has none.</summary>
    internal static HandOffSubject? From(IReadOnlyDictionary<string, string> values)
    {
        if (values.GetValueOrDefault("handoff_reason") is not { } reason)
        {
            return null;
        }
        var orders = (values.GetValueOrDefault("handoff_orders") ?? "none")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(OrderNumbers.Normalise)
            .OfType<string>()
            .ToList();
        var requests = (values.GetValueOrDefault("handoff_requests") ?? "none")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Parse)
            .OfType<HandOffRequest>()
            .ToList();
        return new HandOffSubject(reason, orders, requests);
    }

    /// <summary>"refund MM240115 ₹591 awaiting_approval".</summary>
    private static string Line(HandOffRequest request) => string.Create(CultureInfo.InvariantCulture,
        $"{request.Kind.ToString().ToLowerInvariant()} {request.OrderId} ₹{request.Amount:0.##} {StatusWords[request.Status]}");

    private static HandOffRequest? Parse(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 4
            && Enum.TryParse<ActionKind>(parts[0], ignoreCase: true, out var kind)
            && OrderNumbers.Normalise(parts[1]) is { } order
            && decimal.TryParse(parts[2].TrimStart('₹'), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
            && StatusWords.FirstOrDefault(s => s.Value == parts[3]) is { Value: not null } status
                ? new HandOffRequest(kind, order, amount, status.Key)
                : null;
    }

    private static readonly Dictionary<ActionRequestStatus, string> StatusWords = new()
    {
        [ActionRequestStatus.AwaitingApproval] = "awaiting_approval",
        [ActionRequestStatus.Approved] = "approved",
        [ActionRequestStatus.Rejected] = "rejected",
        [ActionRequestStatus.Done] = "done",
    };
}
