using System.Globalization;
using CareConsole.Core.Conversations;
using CareConsole.Core.Desk;
using CareConsole.Core.Orders;
using CareConsole.Core.Sentiment;
using MudBlazor;

namespace CareConsole.Components.Desk;

/// <summary>How the desk writes scores, waits and rules, the same everywhere on it.</summary>
internal static class DeskFormat
{
    /// <summary>Urgent and high stand out in the error colour; the rest stay quiet.</summary>
    public static Color PriorityColor(EscalationPriority priority) => priority switch
    {
        EscalationPriority.Urgent or EscalationPriority.High => Color.Error,
        EscalationPriority.Normal => Color.Info,
        _ => Color.Default,
    };

    public static string Sentiment(double? score) => score is { } s
        ? $"{s.ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture)} {SentimentScore.Of(s).LabelName}"
        : "no messages yet";

    public static string SentimentClass(double? score) => score is { } s ? "mood-" + SentimentScore.Of(s).LabelName : "mood-none";

    public static string Waiting(DateTimeOffset since, DateTimeOffset now)
    {
        var waited = now - since;
        return waited.TotalMinutes < 1 ? $"{Math.Max(0, (int)waited.TotalSeconds)} s"
            : waited.TotalHours < 1 ? $"{(int)waited.TotalMinutes} min"
            : waited.TotalDays < 1 ? $"{(int)waited.TotalHours} h {waited.Minutes} min"
            : $"{(int)waited.TotalDays} d";
    }

    /// <summary>
    /// Why a person has the conversation. A request that needed approval is labelled so only while one still waits:
    /// once every request is decided the label says how, so nobody opens it to approve what is already done.
    /// </summary>
    public static string Rule(EscalationReason? rule, int awaitingApproval, int approved, int rejected) => rule switch
    {
        EscalationReason.CustomerRequest => "Asked for a person",
        EscalationReason.NegativeSentiment => "Upset customer",
        EscalationReason.RiskyAction when awaitingApproval > 0 => "Needs approval",
        EscalationReason.RiskyAction when approved > 0 && rejected == 0 => "Approved",
        EscalationReason.RiskyAction when rejected > 0 && approved == 0 => "Rejected",
        EscalationReason.RiskyAction => "Request decided",
        EscalationReason.RepeatedFailure => "AI could not help",
        EscalationReason.ProviderFailure => "AI unavailable",
        EscalationReason.AgentDecision => "AI handed over",
        _ => "Taken over",
    };

    /// <summary>The label for a hand-off, counted from the conversation's requests as they stand now.</summary>
    public static string Rule(EscalationReason? rule, IReadOnlyCollection<ActionRequest> requests) =>
        Rule(rule,
            requests.Count(r => r.Status == ActionRequestStatus.AwaitingApproval),
            requests.Count(r => r.Status == ActionRequestStatus.Approved),
            requests.Count(r => r.Status == ActionRequestStatus.Rejected));

    public static string Language(Register register) => register switch
    {
        Register.Hindi => "हिन्दी",
        Register.Hinglish => "Hinglish",
        _ => "English",
    };

    /// <summary>What approving a request does to the order, so the person deciding knows before they click.</summary>
    public static string WhatApprovingDoes(ActionKind kind) => kind switch
    {
        ActionKind.Refund => "Approving starts the refund of the amount below to how the customer paid.",
        ActionKind.Return => "Approving books the courier's pickup; the amount below is refunded once the item passes its check.",
        ActionKind.Replacement => "Approving books the courier's pickup and creates a replacement order for the same items.",
        _ => "Approving cancels the order and refunds whatever was paid for it.",
    };

    public static string Method(PaymentMethod method) => method switch
    {
        PaymentMethod.Upi => "UPI",
        PaymentMethod.Cod => "Cash on delivery",
        PaymentMethod.Emi => "EMI",
        _ => method.ToString(),
    };

    /// <summary>"Approved for ₹591 by Asha Verma at 14:02:11: photo shows a cracked case".</summary>
    public static string Decision(ActionRequest request, DeskSettings desk)
    {
        var text = request.Status.ToString();
        if (request.ApprovedAmount is { } approved)
        {
            text += $" for {Rupees(approved)}";
        }
        if (request.DecidedByName is { } by)
        {
            text += $" by {by}";
        }
        else if (request.Status == ActionRequestStatus.Done)
        {
            text += " on the customer's confirmation";
        }
        if (request.DecidedAt is { } at)
        {
            text += $" at {Time(at, desk)}";
        }
        return request.DecisionNote is { } note ? $"{text}: {note}" : text;
    }

    public static string Rupees(decimal amount) => "₹" + amount.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>"12:00:05" on the staff's clock (<c>Desk:TimeZone</c>), whatever zone the server runs in.</summary>
    public static string Time(DateTimeOffset at, DeskSettings desk) =>
        desk.OnStaffClock(at).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>When a wait began on the staff's clock: "12:00" today, "2 Dec 12:00" before.</summary>
    public static string Since(DateTimeOffset since, DateTimeOffset now, DeskSettings desk)
    {
        var local = desk.OnStaffClock(since);
        var format = local.Date == desk.OnStaffClock(now).Date ? "HH:mm" : "d MMM HH:mm";
        return local.ToString(format, CultureInfo.InvariantCulture);
    }
}
