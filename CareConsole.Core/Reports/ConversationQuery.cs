using System.Globalization;
using CareConsole.Core.Sentiment;
using CareConsole.Core.Transcripts;

namespace CareConsole.Core.Reports;

/// <summary>Who answered, for the first-response drill-down.</summary>
public enum Responder
{
    Ai,
    Person,
}

/// <summary>Whether the customer left happier or less happy than they came.</summary>
public enum SentimentShift
{
    Worse,
    Same,
    Better,
}

/// <summary>
/// Narrows the conversations of a period and filter to the ones behind one bar, point or cell of a chart, or to what
/// the transcripts explorer asks for. <see cref="Search"/> is the explorer's full-text search (words and "quoted
/// phrases", all or any of them), which only the database can answer: <see cref="ReportService.ConversationsAsync"/>
/// applies it, <see cref="Matches"/> does not. Every field is optional; each has a lower-case query-string name, so the chart's
/// click, the explorer's form and the API all speak the same link.
/// </summary>
public sealed record ConversationQuery(
    DateOnly? Day = null,
    Outcome? Outcome = null,
    Responder? Responder = null,
    int? Bucket = null,
    int? Rating = null,
    int? Weekday = null,
    int? Hour = null,
    SentimentLabel? Sentiment = null,
    SentimentShift? Shift = null,
    bool? Verified = null,
    string? Search = null,
    SearchMatch Match = SearchMatch.All)
{
    public static ConversationQuery All { get; } = new();

    /// <summary>A change of at most this much between first and last message counts as the same.</summary>
    public const double SameShift = 0.2;

    public static readonly IReadOnlyDictionary<Outcome, string> OutcomeNames = new Dictionary<Outcome, string>
    {
        [Reports.Outcome.ResolvedByAi] = "ai",
        [Reports.Outcome.ResolvedByPerson] = "person",
        [Reports.Outcome.Waiting] = "waiting",
        [Reports.Outcome.Abandoned] = "abandoned",
    };

    /// <summary>The terms of <see cref="Search"/>; null when nothing is searched for.</summary>
    public TranscriptQuery? SearchTerms => Search is { } text ? TranscriptQuery.Parse(text, Match, out _) : null;

    /// <summary>Whether <paramref name="facts"/> is one of the conversations asked for (the search aside), in <paramref name="zone"/>'s calendar.</summary>
    public bool Matches(ConversationFacts facts, TimeZoneInfo zone, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(facts.StartedAt, zone);
        return (Day is not { } day || DateOnly.FromDateTime(local.DateTime) == day)
            && (Outcome is not { } outcome || facts.OutcomeAt(now) == outcome)
            && (Bucket is not { } bucket || FirstResponse(facts) is { } seconds && DurationBucket.At(bucket)!.Holds(seconds))
            && (Rating is not { } rating || facts.Rating == rating)
            && (Weekday is not { } weekday || WeekdayOf(local) == weekday)
            && (Hour is not { } hour || local.Hour == hour)
            && (Sentiment is not { } label || facts.AverageSentiment is { } average && SentimentScore.LabelFor(average) == label)
            && (Shift is not { } shift || facts.SentimentShift is { } moved && ShiftOf(moved) == shift)
            && (Verified is not { } verified || facts.CustomerId is not null == verified);
    }

    /// <summary>Monday is 0, Sunday 6: the week as Indian and European calendars lay it out.</summary>
    public static int WeekdayOf(DateTimeOffset local) => ((int)local.DayOfWeek + 6) % 7;

    public static SentimentShift ShiftOf(double moved) =>
        moved < -SameShift ? SentimentShift.Worse : moved > SameShift ? SentimentShift.Better : SentimentShift.Same;

    private double? FirstResponse(ConversationFacts facts) =>
        Responder == Reports.Responder.Person ? facts.HumanFirstResponseSeconds : facts.AiFirstResponseSeconds;

    public IEnumerable<KeyValuePair<string, string>> ToQuery()
    {
        if (Day is { } day)
        {
            yield return new("day", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        if (Outcome is { } outcome)
        {
            yield return new("outcome", OutcomeNames[outcome]);
        }
        if (Responder is { } responder)
        {
            yield return new("responder", responder == Reports.Responder.Ai ? "ai" : "person");
        }
        foreach (var (name, value) in new[] { ("bucket", Bucket), ("rating", Rating), ("weekday", Weekday), ("hour", Hour) })
        {
            if (value is { } number)
            {
                yield return new(name, number.ToString(CultureInfo.InvariantCulture));
            }
        }
        if (Sentiment is { } label)
        {
            yield return new("sentiment", LowerNames.Of(label));
        }
        if (Shift is { } shift)
        {
            yield return new("shift", LowerNames.Of(shift));
        }
        if (Verified is { } verified)
        {
            yield return new("verified", verified ? "yes" : "no");
        }
        if (Search is { } search)
        {
            yield return new("q", search);
            if (Match == SearchMatch.Any)
            {
                yield return new("match", "any");
            }
        }
    }

    /// <summary>The query a link names; null with the offending name in <paramref name="problem"/> when a value is not one offered.</summary>
    public static ConversationQuery? FromQuery(Func<string, string?> query, out string? problem)
    {
        problem = null;
        var result = All;
        if (query("day") is { Length: > 0 } dayText)
        {
            if (!DateOnly.TryParseExact(dayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                problem = "day";
                return null;
            }
            result = result with { Day = day };
        }
        if (query("outcome") is { Length: > 0 } outcomeText)
        {
            if (OutcomeNames.FirstOrDefault(pair => pair.Value == outcomeText) is not { Value: not null } named)
            {
                problem = "outcome";
                return null;
            }
            result = result with { Outcome = named.Key };
        }
        if (query("responder") is { Length: > 0 } responderText)
        {
            Responder? responder = responderText switch { "ai" => Reports.Responder.Ai, "person" => Reports.Responder.Person, _ => null };
            if (responder is null)
            {
                problem = "responder";
                return null;
            }
            result = result with { Responder = responder };
        }
        if (!Number(query, "bucket", 0, DurationBucket.All.Count - 1, ref problem, out var bucket)
            || !Number(query, "rating", 1, 5, ref problem, out var rating)
            || !Number(query, "weekday", 0, 6, ref problem, out var weekday)
            || !Number(query, "hour", 0, 23, ref problem, out var hour))
        {
            return null;
        }
        result = result with { Bucket = bucket, Rating = rating, Weekday = weekday, Hour = hour };
        if (query("sentiment") is { Length: > 0 } sentimentText)
        {
            if (!LowerNames.TryParse<SentimentLabel>(sentimentText, out var label))
            {
                problem = "sentiment";
                return null;
            }
            result = result with { Sentiment = label };
        }
        if (query("shift") is { Length: > 0 } shiftText)
        {
            if (!LowerNames.TryParse<SentimentShift>(shiftText, out var shift))
            {
                problem = "shift";
                return null;
            }
            result = result with { Shift = shift };
        }
        if (query("verified") is { Length: > 0 } verifiedText)
        {
            if (verifiedText is not ("yes" or "no"))
            {
                problem = "verified";
                return null;
            }
            result = result with { Verified = verifiedText == "yes" };
        }
        if (query("match") is { Length: > 0 } matchText)
        {
            if (!LowerNames.TryParse<SearchMatch>(matchText, out var match))
            {
                problem = "match";
                return null;
            }
            result = result with { Match = match!.Value };
        }
        if (query("q") is { } searchText && !string.IsNullOrWhiteSpace(searchText))
        {
            if (TranscriptQuery.Parse(searchText, result.Match, out _) is null)
            {
                problem = "q";
                return null;
            }
            result = result with { Search = searchText.Trim() };
        }
        return result;
    }

    private static bool Number(Func<string, string?> query, string name, int min, int max, ref string? problem, out int? value)
    {
        value = null;
        if (query(name) is not { Length: > 0 } text)
        {
            return true;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            value = number;
            return true;
        }
        problem = name;
        return false;
    }
}
