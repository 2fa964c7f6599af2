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

    /// <summary>Calls in a row the configured provider may fail (each after its retry) before it is left alone for a while.</summary>
    public int ProviderFailuresBeforePause { get; init; } = 3;

    /// <summary>How long a provider that kept failing is left alone: turns go straight to the offline model, then one turn tries it again.</summary>
    public TimeSpan ProviderPause { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Requests a person must approve; the agent only records them and hands over. Kinds not listed are carried out
    /// by code once the customer confirms. Cancelling before shipping never needs a person (store policy);
    /// <see cref="ActionKind.Cancellation"/> here means after shipping.
    /// </summary>
    public IReadOnlySet<ActionKind> ApprovalRequired { get; init; } =
        new HashSet<ActionKind> { ActionKind.Refund, ActionKind.Return, ActionKind.Replacement, ActionKind.Cancellation };

    /// <summary>How long the customer has to confirm a change the assistant described; a later "yes" changes nothing.</summary>
    public TimeSpan ConfirmationWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Orders worth more than this (in rupees) are never changed by the assistant, even when policy would allow it:
    /// a confirmed change becomes a request for a person to approve.
    /// </summary>
    public decimal PersonDecidesAbove { get; init; } = 10_000m;
}
