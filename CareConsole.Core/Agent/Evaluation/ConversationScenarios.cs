using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CareConsole.Core.Text;

namespace CareConsole.Core.Agent.Evaluation;

/// <summary>A fact a marked reply must state, as the customer would read it in their language.</summary>
public enum FactKind
{
    /// <summary>The order's number.</summary>
    Order,

    /// <summary>The other order's number.</summary>
    Other,

    /// <summary>The order's total, "29,749".</summary>
    Amount,

    /// <summary>The rupees approved to go back for the order.</summary>
    Refund,

    /// <summary>The day the refund should have arrived by.</summary>
    RefundDue,

    /// <summary>How long a refund takes for the way the order was paid, as the help centre states it: "1–3", "24".</summary>
    RefundTime,

    /// <summary>The day the order was delivered.</summary>
    DeliveredOn,

    /// <summary>The last day of its return window.</summary>
    WindowEnds,

    /// <summary>How many days its return window lasts.</summary>
    WindowDays,

    /// <summary>The order's status now.</summary>
    Status,

    /// <summary>The day its latest request was made.</summary>
    RequestedOn,

    /// <summary>The day the courier collects it.</summary>
    Pickup,

    /// <summary>The order value above which a person decides, "10,000".</summary>
    Limit,

    /// <summary>The customer's first name.</summary>
    Name,

    /// <summary>A help-centre article is cited (by the start of its id).</summary>
    Cites,

    /// <summary>No help-centre article is cited: the message needed none.</summary>
    CitesNothing,
}

/// <summary>A fact to check, written in a scenario as "order", "refund-due", "cites:returns-policy" or "cites:none".</summary>
public sealed record ScenarioFact(FactKind Kind, string? Article = null)
{
    private static readonly JsonNamingPolicy Names = JsonNamingPolicy.KebabCaseLower;

    public static ScenarioFact? Parse(string text)
    {
        if (text == "cites:none")
        {
            return new ScenarioFact(FactKind.CitesNothing);
        }
        if (text.StartsWith("cites:", StringComparison.Ordinal) && text.Length > "cites:".Length)
        {
            return new ScenarioFact(FactKind.Cites, text["cites:".Length..]);
        }
        var kind = Enum.GetValues<FactKind>().Where(k => k is not (FactKind.Cites or FactKind.CitesNothing))
            .Select(k => (FactKind?)k).FirstOrDefault(k => Names.ConvertName(k!.Value.ToString()) == text);
        return kind is { } known ? new ScenarioFact(known) : null;
    }

    /// <summary>Whether the fact is about the scenario's order (so the scenario must have one).</summary>
    public bool NeedsOrder => Kind is not (FactKind.Other or FactKind.Limit or FactKind.Name or FactKind.Cites or FactKind.CitesNothing);

    public override string ToString() => Kind switch
    {
        FactKind.Cites => $"cites:{Article}",
        FactKind.CitesNothing => "cites:none",
        _ => Names.ConvertName(Kind.ToString()),
    };
}

/// <summary>
/// The scored conversations in <c>conversation-scenarios.json</c>, embedded beside this class: loading them, and
/// checking that everything they name (selectors, placeholders, facts) exists.
/// </summary>
public static partial class ConversationScenarios
{
    public const string FileName = "conversation-scenarios.json";

    /// <summary>What a customer's message may leave for the runner to fill in.</summary>
    public static IReadOnlySet<string> Placeholders { get; } = new HashSet<string>(StringComparer.Ordinal) { "order", "other", "amount", "phone", "pincode" };

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
        // A misspelt key would otherwise be dropped quietly and the scenario would check less than it says.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static IReadOnlyList<ConversationScenario> Load() => Parse(EmbeddedText.Read(typeof(ConversationScenarios), FileName));

    /// <exception cref="JsonException">The text is not a scenario file.</exception>
    public static IReadOnlyList<ConversationScenario> Parse(string json) =>
        JsonSerializer.Deserialize<ScenarioFile>(json, Options)?.Scenarios ?? throw new JsonException("The scenario file is empty.");

    /// <summary>The placeholders <paramref name="text"/> uses, without braces.</summary>
    public static IEnumerable<string> PlaceholdersIn(string text) => Placeholder().Matches(text).Select(m => m.Groups["name"].Value);

    /// <summary>
    /// Everything wrong with the scenarios that loading alone does not catch, one line each: duplicate ids, unknown
    /// selectors, placeholders and facts, and facts or changes about an order the scenario does not pick.
    /// </summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<ConversationScenario> scenarios)
    {
        var problems = new List<string>();
        var selectors = ScenarioCasting.Selectors(new AgentSettings().PersonDecidesAbove).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(scenarios.GroupBy(s => s.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{g.Key}: id used {g.Count()} times"));
        foreach (var scenario in scenarios)
        {
            void Problem(string what) => problems.Add($"{scenario.Id}: {what}");

            if (string.IsNullOrWhiteSpace(scenario.Id) || string.IsNullOrWhiteSpace(scenario.Description))
            {
                Problem("needs an id and a description");
            }
            foreach (var name in new[] { scenario.Order, scenario.Other }.OfType<string>().Where(n => !selectors.Contains(n)))
            {
                Problem($"unknown selector \"{name}\"");
            }
            if (scenario.Other is not null && scenario.Order is null)
            {
                Problem("picks another order but no order");
            }
            if (scenario.Order is null && (scenario.Setup is not null || scenario.Expect is { Order: not null } or { Payment: not null } or { Refunded: true }
                || scenario.Expect.Requests is { Count: > 0 }))
            {
                Problem("sets up or expects a change to an order it does not pick");
            }
            if (scenario.Other is null && scenario.Expect.Requests?.Any(r => r.OnOther) == true)
            {
                Problem("expects a request on another order it does not pick");
            }
            if (scenario.Turns.Count == 0)
            {
                Problem("has no turns");
            }
            foreach (var (turn, number) in scenario.Turns.Select((t, i) => (t, i + 1)))
            {
                if ((turn.Say is null) == (turn.Desk is null))
                {
                    Problem($"turn {number} must either say something or be a desk step");
                }
                if (turn.Desk is not null && turn.Marked)
                {
                    Problem($"turn {number} is a desk step; only replies are checked");
                }
                foreach (var name in PlaceholdersIn(turn.Say ?? ""))
                {
                    if (!Placeholders.Contains(name))
                    {
                        Problem($"turn {number} uses unknown placeholder {{{name}}}");
                    }
                    else if ((name is "order" or "amount" && scenario.Order is null) || (name == "other" && scenario.Other is null))
                    {
                        Problem($"turn {number} uses {{{name}}} but the scenario picks no such order");
                    }
                }
                foreach (var text in turn.Check ?? [])
                {
                    var fact = ScenarioFact.Parse(text);
                    if (fact is null)
                    {
                        Problem($"turn {number} checks unknown fact \"{text}\"");
                    }
                    else if ((fact.NeedsOrder && scenario.Order is null) || (fact.Kind == FactKind.Other && scenario.Other is null)
                        || (fact.Kind == FactKind.Name && !scenario.NeedsCustomer))
                    {
                        Problem($"turn {number} checks \"{text}\" but the scenario picks no such order or customer");
                    }
                }
            }
        }
        return problems;
    }

    [GeneratedRegex(@"\{(?<name>[^{}]*)\}")]
    private static partial Regex Placeholder();

    private sealed record ScenarioFile(IReadOnlyList<ConversationScenario> Scenarios);
}
