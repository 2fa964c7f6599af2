using System.Globalization;
using System.Text;
using CareConsole.Core.Conversations;

namespace CareConsole.Core.Reports;

/// <summary>One conversation as the transcripts list, the CSV export and the API show it.</summary>
/// <param name="OwnerAtEnd">"ai" or "person": who had it at the end (or has it now).</param>
/// <param name="Outcome">"ai", "person", "waiting" or "abandoned", as the outcome filter names them.</param>
/// <param name="Rule">The rule of the first hand-off, lower case, or null.</param>
/// <param name="SentimentShift">The last customer message's score less the first's.</param>
/// <param name="Trackers">The names of the trackers it hit.</param>
/// <param name="Agent">The last person who took it.</param>
public sealed record ConversationRow(
    Guid Id,
    DateTimeOffset Started,
    string Channel,
    string Language,
    bool Verified,
    string OwnerAtEnd,
    string Outcome,
    string? Rule,
    double? FirstResponseSeconds,
    double? ResolutionSeconds,
    int? Csat,
    double? AverageSentiment,
    double? SentimentShift,
    IReadOnlyList<string> Trackers,
    int Messages,
    string? Agent)
{
    public static ConversationRow From(ConversationFacts facts, ReportSnapshot snapshot, IReadOnlyDictionary<string, string> staffNames) => new(
        facts.ConversationId,
        TimeZoneInfo.ConvertTime(facts.StartedAt, snapshot.Zone),
        LowerNames.Of(facts.Channel),
        LowerNames.Of(facts.Language),
        facts.CustomerId is not null,
        facts.OwnerAtEnd == ConversationOwner.Human ? "person" : "ai",
        ConversationQuery.OutcomeNames[facts.OutcomeAt(snapshot.Now)],
        facts.Rule is { } rule ? LowerNames.Of(rule) : null,
        facts.AiFirstResponseSeconds ?? facts.HumanFirstResponseSeconds,
        facts.ResolutionSeconds,
        facts.Rating,
        facts.AverageSentiment,
        facts.SentimentShift,
        snapshot.TrackersHitBy(facts.ConversationId).Select(id => snapshot.Trackers.FirstOrDefault(t => t.Id == id)?.Name).OfType<string>().Order().ToList(),
        facts.Messages,
        facts.AgentId is { } agent ? staffNames.GetValueOrDefault(agent, agent) : null);
}

/// <summary>
/// Writes report data as CSV (RFC 4180: commas, CRLF, quotes doubled), times in ISO 8601 with the staff's offset. A
/// cell that starts like a formula is prefixed with an apostrophe, so a name typed by someone cannot run in a
/// spreadsheet.
/// </summary>
public static class ReportCsv
{
    public static readonly IReadOnlyList<string> ConversationColumns =
    [
        "id", "started", "channel", "language", "verified", "owner_at_end", "outcome", "rule", "first_response_s",
        "resolution_s", "csat", "average_sentiment", "sentiment_shift", "trackers", "messages", "agent",
    ];

    public static string Conversations(IEnumerable<ConversationRow> rows)
    {
        var csv = new StringBuilder();
        Line(csv, ConversationColumns);
        foreach (var row in rows)
        {
            Line(csv,
            [
                row.Id.ToString("D"),
                row.Started.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                row.Channel,
                row.Language,
                row.Verified ? "yes" : "no",
                row.OwnerAtEnd,
                row.Outcome,
                row.Rule ?? "",
                Number(row.FirstResponseSeconds, "0.#"),
                Number(row.ResolutionSeconds, "0.#"),
                row.Csat?.ToString(CultureInfo.InvariantCulture) ?? "",
                Number(row.AverageSentiment, "0.###"),
                Number(row.SentimentShift, "0.###"),
                string.Join("; ", row.Trackers),
                row.Messages.ToString(CultureInfo.InvariantCulture),
                row.Agent ?? "",
            ]);
        }
        return csv.ToString();
    }

    /// <summary>A chart's data as the chart groups it: its x values down the first column, a column per trace.</summary>
    public static string Series(ChartSeries series)
    {
        var csv = new StringBuilder();
        Line(csv, [series.XQuery, .. series.Traces.Select(t => t.Name)]);
        for (var i = 0; i < series.X.Count; i++)
        {
            Line(csv, [series.XQueryValues[i], .. series.Traces.Select(t => Number(t.Y[i], "0.####"))]);
        }
        return csv.ToString();
    }

    private static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";

    private static void Line(StringBuilder csv, IEnumerable<string> cells)
    {
        csv.AppendJoin(',', cells.Select(Cell));
        csv.Append("\r\n");
    }

    private static string Cell(string value)
    {
        // A minus starts a formula too ("-2+3", "-1+cmd|..."), unless the whole cell is a number this writer wrote.
        if (value.Length > 0 && value[0] is '=' or '+' or '@' or '\t' or '\r'
            || value.Length > 1 && value[0] == '-' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
