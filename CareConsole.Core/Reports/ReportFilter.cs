using System.Globalization;
using CareConsole.Core.Conversations;

namespace CareConsole.Core.Reports;

/// <summary>Whether a person took part in a conversation.</summary>
public enum OwnerFilter
{
    /// <summary>The AI alone, start to end: never handed to a person.</summary>
    AiOnly,

    /// <summary>Handed to a person at some point.</summary>
    WithPerson,
}

/// <summary>
/// Which conversations a report counts, beside its period: every panel of the dashboard obeys the same filter, and a
/// shared link carries it in its query string. A null field does not filter.
/// </summary>
public sealed record ReportFilter(
    Channel? Channel = null,
    Register? Language = null,
    OwnerFilter? Owner = null,
    string? AgentId = null,
    EscalationReason? Rule = null,
    int? TrackerId = null)
{
    /// <summary>The longest staff id a link may carry; Identity's ids are GUIDs, the column allows 450.</summary>
    public const int MaxAgentIdLength = 450;

    public static ReportFilter None { get; } = new();

    public bool IsEmpty => this == None;

    /// <summary>The filter as query-string values, only those set, with the names the page and the API use.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToQuery()
    {
        if (Channel is { } channel)
        {
            yield return new("channel", Lower(channel));
        }
        if (Language is { } language)
        {
            yield return new("language", Lower(language));
        }
        if (Owner is { } owner)
        {
            yield return new("owner", owner == OwnerFilter.AiOnly ? "ai" : "person");
        }
        if (AgentId is { } agent)
        {
            yield return new("agent", agent);
        }
        if (Rule is { } rule)
        {
            yield return new("rule", Lower(rule));
        }
        if (TrackerId is { } tracker)
        {
            yield return new("tracker", tracker.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// The filter a link names, read back from <see cref="ToQuery"/>'s values. Null, with the offending name in
    /// <paramref name="problem"/>, when a value is not one the dashboard offers: a shared link that silently widened
    /// to everything would show the wrong figures under the right heading.
    /// </summary>
    public static ReportFilter? FromQuery(Func<string, string?> query, out string? problem)
    {
        problem = null;
        Channel? channel = null;
        Register? language = null;
        EscalationReason? rule = null;
        OwnerFilter? owner = null;
        int? tracker = null;
        if (query("channel") is { Length: > 0 } channelText && !TryEnum(channelText, out channel))
        {
            problem = "channel";
        }
        else if (query("language") is { Length: > 0 } languageText && !TryEnum(languageText, out language))
        {
            problem = "language";
        }
        else if (query("rule") is { Length: > 0 } ruleText && !TryEnum(ruleText, out rule))
        {
            problem = "rule";
        }
        else if (query("owner") is { Length: > 0 } ownerText && (owner = ownerText switch { "ai" => OwnerFilter.AiOnly, "person" => OwnerFilter.WithPerson, _ => null }) is null)
        {
            problem = "owner";
        }
        else if (query("tracker") is { Length: > 0 } trackerText)
        {
            if (int.TryParse(trackerText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                tracker = id;
            }
            else
            {
                problem = "tracker";
            }
        }
        var agent = query("agent") is { Length: > 0 } agentText ? agentText : null;
        if (problem is null && agent is { Length: > MaxAgentIdLength })
        {
            problem = "agent";
        }
        return problem is null ? new ReportFilter(channel, language, owner, agent, rule, tracker) : null;
    }

    private static string Lower<T>(T value) where T : struct, Enum => LowerNames.Of(value);

    private static bool TryEnum<T>(string text, out T? value) where T : struct, Enum => LowerNames.TryParse(text, out value);
}
