namespace CareConsole.Core.Reports;

/// <summary>A dashboard figure: its name in the API (camelCase, as the page names it), its title, and what it counts.</summary>
public sealed record KpiDefinition(string Key, string Title, string Definition);

/// <summary>
/// What every figure on the dashboard means, shown on hover, printed in the README and in the API's document. All of
/// them count the conversations <em>started</em> in the period that match the filter and in which the customer wrote
/// at least once (a chat opened and left empty is not a conversation).
/// </summary>
public static class KpiDefinitions
{
    public static IReadOnlyList<KpiDefinition> All { get; } =
    [
        new("conversations", "Conversations", "Conversations started in the period in which the customer wrote at least once."),
        new("messages", "Messages", "Messages from customers, the AI and people in those conversations; private notes and system lines are not counted."),
        new("aiInvolvement", "AI involvement", "Share of conversations in which the AI answered at least one customer message."),
        new("autonomousResolutionRate", "Autonomous resolution", "Of the conversations the AI was involved in, the share resolved with no person taking part: no hand-off, no take-over, no reply from a person."),
        new("handOffRate", "Hand-off rate", "Share of conversations handed to a person at least once; by rule, split by the rule of the first hand-off."),
        new("durableResolutionRate", "7-day durable resolution", "Of the conversations the AI resolved on its own, the share whose customer did not start another conversation within 7 days of the resolution (verified customers; the last 7 days count what has happened so far)."),
        new("reopenRate", "Reopen rate", "Of all resolved conversations, the share whose verified customer started another conversation within 7 days of the resolution."),
        new("automationRate", "Automation rate", "AI involvement × autonomous resolution: the share of all conversations the AI resolved on its own."),
        new("aiFirstResponse", "First response (AI)", "Time from the customer's first message to the AI's first answer."),
        new("humanFirstResponse", "First response (person)", "Time from the first hand-off to a person's first reply: the person's clock starts at the hand-off, not at the customer's first message."),
        new("aiWaitingTime", "Customer waiting time (AI)", "Per conversation, the mean time from a customer message nobody had answered yet to the AI's next answer."),
        new("humanWaitingTime", "Customer waiting time (person)", "Per conversation, the mean time from a customer message nobody had answered yet (or the hand-off, if later) to a person's next reply."),
        new("resolutionTime", "Resolution time", "Time from the start of a resolved conversation to its resolution."),
        new("csat", "CSAT", "Share of ratings that are 4 or 5 out of 5; response rate is rated conversations among those that ended. AI-handled: no person took part; person-handled: one did."),
        new("sentiment", "Sentiment", "Mean score of customer messages (−1 to 1); negative share is messages scored −0.2 or lower; worsened is conversations whose last customer message scored lower than their first."),
        new("verification", "Verification", "Of conversations with an identity check, the share whose customer proved who they are; locks are conversations where checks were refused after too many failures."),
        new("requests", "Requests", "Refunds, returns, replacements and cancellations asked for, approved or rejected by a person, or carried out by policy, with their amounts in rupees."),
    ];

    public static KpiDefinition Get(string key) => All.Single(d => d.Key == key);
}
