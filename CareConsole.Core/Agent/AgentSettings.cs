using CareConsole.Core.Conversations;

namespace CareConsole.Core.Agent;

/// <summary>How the support agent behaves (<c>Agent:*</c> in configuration).</summary>
public sealed record AgentSettings
{
    /// <summary>Model calls one customer turn may take before the agent gives a safe fallback reply.</summary>
    public int MaxModelCallsPerTurn { get; init; } = 6;

    /// <summary>How many earlier messages the model sees.</summary>
    public int HistoryMessages { get; init; } = 20;

    /// <summary>Longest a single model call may take before it counts as a failure.</summary>
    public TimeSpan ModelTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Requests a person must approve; the agent only records them and hands over. Cancelling before shipping is
    /// always done at once, as store policy allows; <see cref="ActionKind.Cancellation"/> here means after shipping.
    /// </summary>
    public IReadOnlySet<ActionKind> ApprovalRequired { get; init; } =
        new HashSet<ActionKind> { ActionKind.Refund, ActionKind.Return, ActionKind.Replacement, ActionKind.Cancellation };
}
