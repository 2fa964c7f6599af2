using CareConsole.Core.Conversations;

namespace CareConsole.Core.Escalations;

/// <summary>
/// The escalation policy (<c>Escalation:*</c> in configuration): one section per named rule, each of which can be
/// switched off and given its own priority in the desk's queue.
/// </summary>
public sealed record EscalationSettings
{
    /// <summary>The customer asks for a person, in any language.</summary>
    public RuleSettings CustomerRequest { get; init; } = new();

    public NegativeSentimentSettings NegativeSentiment { get; init; } = new();

    /// <summary>A refund, return, replacement or late cancellation a person must approve (see Agent:ApprovalRequired).</summary>
    public RiskyActionSettings RiskyAction { get; init; } = new();

    public RepeatedFailureSettings RepeatedFailure { get; init; } = new();

    /// <summary>No model could answer (after the retry and the offline fallback), or the agent itself failed.</summary>
    public RuleSettings ProviderFailure { get; init; } = new() { Priority = EscalationPriority.High };

    /// <summary>What is wrong with the settings, or null when they make sense.</summary>
    public string? Problem()
    {
        var sentiment = NegativeSentiment;
        var failure = RepeatedFailure;
        return sentiment.VeryNegativeAtOrBelow is < -1 or > 1 || sentiment.NegativeAtOrBelow is < -1 or > 1 || sentiment.RearmAtOrAbove is < -1 or > 1
                ? "Escalation:NegativeSentiment thresholds must lie between -1 and 1."
            : sentiment.VeryNegativeAtOrBelow > sentiment.NegativeAtOrBelow
                ? "Escalation:NegativeSentiment:VeryNegativeAtOrBelow must not be above NegativeAtOrBelow."
            : sentiment.RearmAtOrAbove <= sentiment.NegativeAtOrBelow
                ? "Escalation:NegativeSentiment:RearmAtOrAbove must be above NegativeAtOrBelow, or the rule could never calm down."
            : sentiment.NegativeInARow is < 1 or > 10
                ? "Escalation:NegativeSentiment:NegativeInARow must be 1 to 10."
            : failure.FailuresInARow is < 1 or > 10
                ? "Escalation:RepeatedFailure:FailuresInARow must be 1 to 10."
            : failure.RepeatLookback is < 1 or > 20
                ? "Escalation:RepeatedFailure:RepeatLookback must be 1 to 20."
            : failure.RepeatSimilarity is <= 0 or > 1
                ? "Escalation:RepeatedFailure:RepeatSimilarity must be above 0 and at most 1."
            : RiskyAction.HighPriorityFromAmount < 0
                ? "Escalation:RiskyAction:HighPriorityFromAmount must not be negative."
            : null;
    }
}

public sealed record RuleSettings
{
    public bool Enabled { get; init; } = true;
    public EscalationPriority Priority { get; init; } = EscalationPriority.Normal;
}

/// <summary>
/// Fires on one very negative message, or on negative messages in a row. Once fired it stays quiet until the
/// customer's rolling sentiment recovers to <see cref="RearmAtOrAbove"/>: after a person hands the conversation
/// back, the AI does not hand it straight over again while the customer is still cross.
/// </summary>
public sealed record NegativeSentimentSettings
{
    public bool Enabled { get; init; } = true;
    public EscalationPriority Priority { get; init; } = EscalationPriority.High;

    /// <summary>One message scoring this or lower is enough ("worst service ever, I'm going to consumer court").</summary>
    public double VeryNegativeAtOrBelow { get; init; } = -0.75;

    /// <summary>A message scoring this or lower counts towards <see cref="NegativeInARow"/>.</summary>
    public double NegativeAtOrBelow { get; init; } = -0.3;

    public int NegativeInARow { get; init; } = 2;

    public double RearmAtOrAbove { get; init; }
}

public sealed record RiskyActionSettings
{
    public bool Enabled { get; init; } = true;
    public EscalationPriority Priority { get; init; } = EscalationPriority.Normal;

    /// <summary>Orders worth this much or more (₹) go to the queue with high priority.</summary>
    public decimal HighPriorityFromAmount { get; init; } = 10_000m;
}

/// <summary>
/// Fires when the AI could not help twice in a row: nothing found in the help centre, tools failing, or the
/// customer asking again what an earlier answer did not settle.
/// </summary>
public sealed record RepeatedFailureSettings
{
    public bool Enabled { get; init; } = true;
    public EscalationPriority Priority { get; init; } = EscalationPriority.Normal;
    public int FailuresInARow { get; init; } = 2;

    /// <summary>How many earlier customer messages a new one is compared with to tell that it asks again.</summary>
    public int RepeatLookback { get; init; } = 4;

    /// <summary>Share of the shorter message's words the two must have in common to count as the same question.</summary>
    public double RepeatSimilarity { get; init; } = 0.5;
}
