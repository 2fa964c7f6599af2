using System.Globalization;
using CareConsole.Core.Conversations;
using CareConsole.Core.Text;

namespace CareConsole.Core.Escalations;

/// <summary>A request from this turn that a person has to approve.</summary>
public sealed record PendingApproval(ActionKind Kind, string OrderId, decimal Amount);

/// <summary>How one AI turn went, as far as the escalation rules care.</summary>
/// <param name="Helped">False when the AI found nothing, its tools failed, or it had to fall back.</param>
/// <param name="Trouble">What went wrong when it did not help, for the person taking over.</param>
/// <param name="ProviderFailed">No model could answer at all.</param>
/// <param name="Approvals">Requests recorded this turn that wait for a person.</param>
public sealed record TurnOutcome(bool Helped, string? Trouble, bool ProviderFailed, IReadOnlyList<PendingApproval> Approvals)
{
    public static TurnOutcome Fine { get; } = new(true, null, false, []);

    /// <summary>The model asked to hand over (escalate_to_human).</summary>
    public EscalationDecision? HandOver { get; init; }

    /// <summary>No model answered; <paramref name="error"/> says why.</summary>
    public static TurnOutcome ProviderDown(string error) => new(false, error, true, []);
}

/// <summary>A rule's decision to hand the conversation to a person, and why.</summary>
public sealed record EscalationDecision(EscalationReason Rule, string Why, EscalationPriority Priority);

/// <summary>
/// The escalation policy: named rules, configured in <see cref="EscalationSettings"/>, that decide when the AI
/// must hand a conversation to a person. They run in code on every message, before and after verification, so
/// a hand-off never depends on a model choosing to call a tool. Rules are asked in a fixed order and the first
/// that fires wins: the customer's own request, their sentiment, asking again; then, after the AI's turn, a
/// failed model, the model's own hand-over, repeated failure, and a request needing approval.
/// </summary>
public sealed class EscalationPolicy(EscalationSettings settings)
{
    public EscalationSettings Settings => settings;

    /// <summary>Rules that look at the customer's new message, before the AI answers it.</summary>
    public EscalationDecision? OnCustomerMessage(Conversation conversation, Message message)
    {
        var sentiment = settings.NegativeSentiment;
        if (conversation.SentimentAlarmRaised && conversation.Sentiment >= sentiment.RearmAtOrAbove)
        {
            conversation.RearmSentimentAlarm();
        }

        if (settings.CustomerRequest.Enabled && HumanRequestDetector.IsAskingForPerson(message.Text))
        {
            return new(EscalationReason.CustomerRequest, $"asked for a person: \"{Quote(message.Text)}\"", settings.CustomerRequest.Priority);
        }

        if (sentiment.Enabled && !conversation.SentimentAlarmRaised && NegativeSentiment(conversation, message) is { } why)
        {
            return new(EscalationReason.NegativeSentiment, why, sentiment.Priority);
        }

        var failure = settings.RepeatedFailure;
        if (failure.Enabled && AskedBefore(conversation, message) is { } earlier)
        {
            if (WentUnansweredSince(conversation, earlier, message))
            {
                return new(EscalationReason.RepeatedFailure,
                    $"asked again what went unanswered: \"{Quote(earlier.Text)}\"", failure.Priority);
            }
            conversation.RecordAskedAgain();
            if (conversation.UnhelpedTurnsInARow >= failure.FailuresInARow)
            {
                return new(EscalationReason.RepeatedFailure,
                    $"asked the same again after {conversation.UnhelpedTurnsInARow - 1} unhelpful answer(s): \"{Quote(earlier.Text)}\"", failure.Priority);
            }
        }
        return null;
    }

    /// <summary>Rules that look at how the AI's turn went. Also keeps the count of turns that did not help.</summary>
    public EscalationDecision? AfterTurn(Conversation conversation, Message message, TurnOutcome outcome)
    {
        if (outcome.ProviderFailed && settings.ProviderFailure.Enabled)
        {
            return new(EscalationReason.ProviderFailure, $"no model could answer: {outcome.Trouble ?? "unknown error"}", settings.ProviderFailure.Priority);
        }

        conversation.RecordTurnOutcome(message, outcome.Helped && !outcome.ProviderFailed);
        if (outcome.HandOver is { } asked)
        {
            return asked;
        }
        var failure = settings.RepeatedFailure;
        if (failure.Enabled && conversation.UnhelpedTurnsInARow >= failure.FailuresInARow)
        {
            return new(EscalationReason.RepeatedFailure,
                $"could not help {conversation.UnhelpedTurnsInARow} times in a row; last: {outcome.Trouble ?? "no answer"}", failure.Priority);
        }

        var risky = settings.RiskyAction;
        if (risky.Enabled && outcome.Approvals.Count > 0)
        {
            var what = string.Join("; ", outcome.Approvals.Select(a =>
                string.Create(CultureInfo.InvariantCulture, $"{EscalationSummary.KindInWords(a.Kind)} on {a.OrderId} (₹{a.Amount:#,0.##})")));
            var priority = outcome.Approvals.Any(a => a.Amount >= risky.HighPriorityFromAmount) && risky.Priority < EscalationPriority.High
                ? EscalationPriority.High
                : risky.Priority;
            // The rule says it needs approval; the reason is what waits for it, which stays true once it is decided.
            return new(EscalationReason.RiskyAction, what, priority);
        }
        return null;
    }

    /// <summary>Hands over as decided, with a summary for the person who takes it.</summary>
    /// <param name="conversation">The conversation, with its tool calls and requests loaded.</param>
    /// <param name="decision">The rule that fired, and why.</param>
    /// <param name="customerName">The verified customer's name from their account, for the summary; null when not verified.</param>
    /// <param name="now">The time of the hand-off.</param>
    public static Escalation Escalate(Conversation conversation, EscalationDecision decision, string? customerName, DateTimeOffset now) =>
        conversation.HandOffToHuman(decision.Rule, decision.Why, EscalationSummary.For(conversation, decision, customerName), decision.Priority, now);

    private string? NegativeSentiment(Conversation conversation, Message message)
    {
        var rule = settings.NegativeSentiment;
        if (message.Sentiment is not { } score)
        {
            return null;
        }
        if (score <= rule.VeryNegativeAtOrBelow)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"message scored {score:0.00}, very negative (at or below {rule.VeryNegativeAtOrBelow:0.00})");
        }
        var recent = CustomerMessages(conversation).TakeLast(rule.NegativeInARow).ToList();
        if (recent.Count == rule.NegativeInARow && recent[^1] == message && recent.All(m => m.Sentiment <= rule.NegativeAtOrBelow))
        {
            var scores = string.Join(", ", recent.Select(m => m.Sentiment!.Value.ToString("0.00", CultureInfo.InvariantCulture)));
            return string.Create(CultureInfo.InvariantCulture,
                $"{rule.NegativeInARow} negative messages in a row ({scores}; negative at or below {rule.NegativeAtOrBelow:0.00})");
        }
        return null;
    }

    /// <summary>The earlier customer message this one asks again, if any.</summary>
    private Message? AskedBefore(Conversation conversation, Message message)
    {
        var rule = settings.RepeatedFailure;
        return CustomerMessages(conversation)
            .Where(m => m != message)
            .TakeLast(rule.RepeatLookback)
            .Reverse()
            .FirstOrDefault(earlier => RepeatDetector.IsRepeat(message.Text, earlier.Text, rule.RepeatSimilarity));
    }

    /// <summary>Whether any customer message from <paramref name="earlier"/> up to the new one went unanswered.</summary>
    private static bool WentUnansweredSince(Conversation conversation, Message earlier, Message message) =>
        CustomerMessages(conversation)
            .SkipWhile(m => m != earlier)
            .TakeWhile(m => m != message)
            .Any(m => m.Unanswered);

    private static IEnumerable<Message> CustomerMessages(Conversation conversation) =>
        conversation.Messages.Where(m => m.Author == Author.Customer).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id);

    internal static string Quote(string text) => SafeText.Shorten(text, 120, "…");
}
