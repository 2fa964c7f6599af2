using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareConsole.Core.Agent.Plugins;
using CareConsole.Core.Conversations;
using CareConsole.Core.Orders;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Agent.Guardrails;

/// <summary>What a reply says happened to an order or its money.</summary>
public enum Claim
{
    MoneyMoved,
    Approved,
    Cancelled,
    PickupBooked,
}

/// <summary>
/// Checks a model's reply against the records before the customer sees it. A reply may say that money moved, that
/// a request was approved, that an order was cancelled or a pickup booked only when the stored orders say so; any
/// such claim the records do not back is replaced by the true state, in code's words. Whatever the model wrote,
/// a customer is never told a refund is on its way when it is not.
/// </summary>
public static partial class ReplyCheck
{
    private const int OrdersChecked = 3;

    /// <summary>The reply to send: <paramref name="reply"/> itself when every claim in it holds.</summary>
    public static async Task<string> CheckAsync(AgentTurn turn, string reply, CancellationToken cancellationToken)
    {
        var claims = Claims(reply);
        if (claims.Count == 0)
        {
            return reply;
        }
        var clock = Stopwatch.StartNew();
        var conversation = turn.Conversation;
        var named = OrderNumbers.All(reply).ToList();
        var orderIds = named.Count > 0 ? named : OrdersTalkedAbout(conversation);
        List<Order> orders = [];
        List<ActionRequest> requests = [];
        if (conversation.VerifiedCustomerId is { } customerId)
        {
            var query = turn.Db.Orders.AsNoTracking().Include(o => o.Payment).Where(o => o.CustomerId == customerId);
            // Nothing named at all: a claim stands if it holds for any of the customer's recent orders.
            orders = orderIds.Count > 0
                ? await query.Where(o => orderIds.Contains(o.Id)).ToListAsync(cancellationToken)
                : await query.OrderByDescending(o => o.PlacedAt).Take(OrdersChecked).ToListAsync(cancellationToken);
            var ids = orders.Select(o => o.Id).ToList();
            requests = await turn.Db.ActionRequests.AsNoTracking().Where(r => ids.Contains(r.OrderId)).OrderByDescending(r => r.CreatedAt).ToListAsync(cancellationToken);
            // Carried out this very turn, not yet saved.
            requests.AddRange(conversation.ActionRequests.Where(r => r.Id == 0 && ids.Contains(r.OrderId)));
        }

        if (claims.All(claim => orders.Any(order => Holds(claim, order, requests))))
        {
            return reply;
        }
        var w = turn.Wording;
        var corrected = orders.Count == 0 || (named.Count == 0 && orderIds.Count == 0)
            ? w.Say("claim.unsupported")
            : string.Join("\n\n", orders.Take(OrdersChecked).Select(order => w.Say("claim.corrected", ("order", order.Id), ("state", StateOf(turn, order, requests)))));
        conversation.RecordToolCall(ToolCall.Create(
            "reply_check",
            JsonSerializer.Serialize(new { claims = claims.Select(c => c.ToString()), orders = orderIds }),
            JsonSerializer.Serialize(new { replaced = reply, with = corrected }),
            "the reply claimed what the records do not show",
            clock.Elapsed,
            "rules",
            turn.Now));
        return corrected;
    }

    /// <summary>The claims <paramref name="reply"/> makes, ignoring those it denies ("nothing has been refunded yet").</summary>
    public static HashSet<Claim> Claims(string reply)
    {
        var lower = reply.ToLowerInvariant();
        var claims = new HashSet<Claim>();
        foreach (var (pattern, claim) in new[] { (MoneyMoved(), Claim.MoneyMoved), (Approved(), Claim.Approved), (Cancelled(), Claim.Cancelled), (Pickup(), Claim.PickupBooked) })
        {
            if (pattern.Matches(lower).Any(match => !Denied(lower, match.Index)))
            {
                claims.Add(claim);
            }
        }
        return claims;
    }

    private static bool Holds(Claim claim, Order order, List<ActionRequest> requests) => claim switch
    {
        Claim.MoneyMoved => order.Payment.Status is PaymentStatus.RefundPending or PaymentStatus.Refunded,
        Claim.Approved => requests.Any(r => r.OrderId == order.Id && r.Status is ActionRequestStatus.Approved or ActionRequestStatus.Done),
        Claim.Cancelled => order.Status == OrderStatus.Cancelled,
        _ => order.PickupOn is not null || order.ReplacementOrderId is not null,
    };

    private static string StateOf(AgentTurn turn, Order order, List<ActionRequest> requests) =>
        requests.FirstOrDefault(r => r.OrderId == order.Id) is { } latest
            ? RequestState.Describe(turn.Wording, turn.Policy, latest, order)
            : RequestState.Money(turn.Wording, turn.Policy, order) ?? turn.Wording.Say("state.none", ("order", order.Id), ("status", turn.Wording.Status(order.Status)));

    /// <summary>A denial just before the claim: "nothing has been refunded", "not yet approved", "नहीं हुआ".</summary>
    private static bool Denied(string text, int at)
    {
        var before = text[Math.Max(0, at - 40)..at];
        var sentenceStart = Math.Max(before.LastIndexOf('.'), Math.Max(before.LastIndexOf('!'), before.LastIndexOf('।')));
        return Negation().IsMatch(sentenceStart >= 0 ? before[(sentenceStart + 1)..] : before)
            || NegationAfter().IsMatch(text[at..Math.Min(text.Length, at + 60)]);
    }


    /// <summary>Orders the customer named, or the tools looked at, in this conversation: newest first.</summary>
    private static List<string> OrdersTalkedAbout(Conversation conversation) =>
        conversation.Messages.Where(m => m.Author == Author.Customer).OrderByDescending(m => m.CreatedAt)
            .SelectMany(m => OrderNumbers.All(m.Text))
            .Concat(conversation.ToolCalls.OrderByDescending(c => c.CreatedAt).SelectMany(c => OrderNumbers.All(c.ArgumentsJson)))
            .Distinct()
            .Take(OrdersChecked)
            .ToList();


    [GeneratedRegex(@"\b(not|n't|nothing|never|no|cannot|can't|unable|isn't|hasn't|haven't|wasn't|yet to|nahi|nahin|na)\b|नहीं|न ")]
    private static partial Regex Negation();

    [GeneratedRegex(@"^[^.!?।]{0,30}\b(yet|nahi|nahin)\b|^[^.!?।]{0,30}नहीं")]
    private static partial Regex NegationAfter();

    // Claims are statements that something has happened ("has been refunded", "is on its way", "ho gaya"), not the
    // rules the help centre states in the present tense ("a refund is credited in 1–3 days").
    [GeneratedRegex(@"(?:\b(refund|money|amount|payment|paisa|paise)\b|₹\s?[\d,.]*\d)[^.!?।]{0,40}\b((has|have) been|was|were|is now|got) (processed|initiated|issued|credited|sent|transferred|refunded|reversed|started)\b|(?:\b(refund|money|amount|paisa|paise)\b|₹\s?[\d,.]*\d)[^.!?।]{0,40}\bis on (its|the) way\b|\b(i|we)('ve| have)? (refunded|processed (a|the|your) refund|initiated (a|the|your) refund|issued (a|the|your) refund|credited)\b|\brefund\b[^.!?।]{0,30}\b(ho gaya|ho gaye|kar diya|kar diye|process ho gaya|shuru ho gaya)\b|\bpaise\b[^.!?।]{0,30}\b(bhej diye|bhej diya|aa gaye|wapas kar diye)\b|रिफंड (हो गया|कर दिया|शुरू हो गया|भेज दिया)|पैसे[^।]{0,20}(भेज दिए|लौटा दिए|वापस कर दिए)")]
    private static partial Regex MoneyMoved();

    [GeneratedRegex(@"\b((has|have) been|was|is now|got) approved\b|\b(i|we)('ve| have)? approved\b|\bapprove (ho gaya|ho gayi|ho gai|kar diya|kar di)\b|मंज़ूर (हो गया|हो गई|कर दिया|कर दी)|मंजूर (हो गया|हो गई|कर दिया)")]
    private static partial Regex Approved();

    [GeneratedRegex(@"\b((has|have) been|was|is now|got) cancell?ed\b|\b(i|we)('ve| have)? cancell?ed\b|\bcancel (ho gaya|kar diya|kar diye|ho chuka)\b|रद्द (हो गया|कर दिया|हो चुका)")]
    private static partial Regex Cancelled();

    [GeneratedRegex(@"\b(pickup|pick-up|replacement)\b[^.!?।]{0,40}\b((has|have) been|was|is now) (scheduled|booked|arranged|shipped|dispatched)\b|पिकअप[^।]{0,20}(तय हो गया|बुक हो गया)")]
    private static partial Regex Pickup();
}
