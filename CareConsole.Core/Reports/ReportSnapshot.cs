using System.Globalization;
using CareConsole.Core.Conversations;
using CareConsole.Core.Sentiment;

namespace CareConsole.Core.Reports;

/// <summary>
/// The conversations one period and filter cover, read once, and every figure, chart and list computed from them in
/// memory: the page's panels cannot disagree with each other, and a drill-down lists exactly the conversations a bar
/// counted because both use <see cref="ConversationQuery.Matches"/>.
/// </summary>
public sealed class ReportSnapshot(
    ReportPeriod period,
    ReportFilter filter,
    IReadOnlyList<ConversationFacts> rows,
    ILookup<Guid, int> trackerHits,
    IReadOnlyList<TrackerName> trackers,
    IReadOnlyList<CustomerStart> customerStarts,
    TimeZoneInfo zone,
    DateTimeOffset now)
{
    public ReportPeriod Period => period;

    public ReportFilter Filter => filter;

    public IReadOnlyList<ConversationFacts> Rows => rows;

    public IReadOnlyList<TrackerName> Trackers => trackers;

    public TimeZoneInfo Zone => zone;

    public DateTimeOffset Now => now;

    /// <summary>The trackers conversation <paramref name="id"/> hit.</summary>
    public IEnumerable<int> TrackersHitBy(Guid id) => trackerHits[id];

    public IEnumerable<ConversationFacts> Select(ConversationQuery query) => rows.Where(r => query.Matches(r, zone, now));

    public Kpis Kpis()
    {
        var count = rows.Count;
        var involved = rows.Where(r => r.AiReplied).ToList();
        var autonomous = involved.Count(r => r.ResolvedByAi);
        var handedOff = rows.Where(r => r.Rule is not null).ToList();
        var resolved = rows.Where(r => r.Resolved).ToList();
        var aiResolved = resolved.Where(r => r.ResolvedByAi).ToList();
        var ended = rows.Where(r => r.Ended).ToList();
        var customerMessages = rows.Sum(r => r.CustomerMessages);
        var twoOrMore = rows.Where(r => r.SentimentShift is not null).ToList();
        var attempted = rows.Where(r => r.VerificationAttempted).ToList();
        var involvement = Share(involved.Count, count);
        var autonomousRate = Share(autonomous, involved.Count);
        return new Kpis(
            Conversations: count,
            Messages: rows.Sum(r => r.Messages),
            AiInvolvement: involvement,
            AutonomousResolutionRate: autonomousRate,
            HandOffRate: Share(handedOff.Count, count),
            HandOffRateByRule: handedOff.GroupBy(r => r.Rule!.Value).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
                .Select(g => new RuleShare(LowerNames.Of(g.Key), g.Count(), (double)g.Count() / count)).ToList(),
            DurableResolutionRate: Share(aiResolved.Count(r => !Reopened(r)), aiResolved.Count),
            ReopenRate: Share(resolved.Count(Reopened), resolved.Count),
            AutomationRate: involvement * autonomousRate,
            AiFirstResponse: DurationStats.Of(rows.Where(r => r.AiFirstResponseSeconds is not null).Select(r => r.AiFirstResponseSeconds!.Value)),
            HumanFirstResponse: DurationStats.Of(rows.Where(r => r.HumanFirstResponseSeconds is not null).Select(r => r.HumanFirstResponseSeconds!.Value)),
            AiWaitingTime: DurationStats.Of(rows.Where(r => r.AiWaitSeconds is not null).Select(r => r.AiWaitSeconds!.Value)),
            HumanWaitingTime: DurationStats.Of(rows.Where(r => r.HumanWaitSeconds is not null).Select(r => r.HumanWaitSeconds!.Value)),
            ResolutionTime: DurationStats.Of(resolved.Where(r => r.ResolutionSeconds is not null).Select(r => r.ResolutionSeconds!.Value)),
            Csat: new CsatStats(Csat(ended), Csat(ended.Where(r => !r.PersonInvolved)), Csat(ended.Where(r => r.PersonInvolved))),
            Sentiment: new SentimentStats(
                customerMessages == 0 ? null : rows.Sum(r => r.SentimentSum) / customerMessages,
                Share(rows.Sum(r => r.NegativeMessages), customerMessages),
                twoOrMore.Count(r => ConversationQuery.ShiftOf(r.SentimentShift!.Value) == SentimentShift.Worse),
                Share(twoOrMore.Count(r => ConversationQuery.ShiftOf(r.SentimentShift!.Value) == SentimentShift.Worse), twoOrMore.Count)),
            Verification: new VerificationStats(
                attempted.Count,
                attempted.Count(r => r.CustomerId is not null),
                Share(attempted.Count(r => r.CustomerId is not null), attempted.Count),
                rows.Count(r => r.VerificationLocked)),
            Requests: new RequestStats(
                rows.Sum(r => r.Requests),
                rows.Sum(r => r.RequestedRupees),
                rows.Sum(r => r.ApprovedRequests),
                rows.Sum(r => r.ApprovedRupees),
                rows.Sum(r => r.RejectedRequests),
                rows.Sum(r => r.RejectedRupees),
                rows.Sum(r => r.AutoDoneRequests),
                rows.Sum(r => r.Requests - r.ApprovedRequests - r.RejectedRequests - r.AutoDoneRequests)));
    }

    /// <summary>
    /// The overview's figures and charts, worked out side by side: they read the same rows and share nothing they
    /// write, and a manager waits for both.
    /// </summary>
    public async Task<(Kpis Kpis, IReadOnlyList<ChartSeries> Charts)> OverviewAsync()
    {
        var charts = Task.Run(Charts);
        var kpis = Kpis();
        return (kpis, await charts);
    }

    /// <summary>Every chart on the dashboard, in the order the page shows them.</summary>
    public IReadOnlyList<ChartSeries> Charts() =>
        [Outcomes(), HandOffs(), SentimentTrend(), TrackerHits(), FirstResponse(), CsatDistribution(), Traffic()];

    /// <summary>Conversations per day, stacked by where they ended up.</summary>
    public ChartSeries Outcomes() => PerDay(
        "outcomes",
        "Conversations per day by outcome",
        "Conversations",
        [
            ("Resolved by AI", [new("outcome", "ai")], r => r.OutcomeAt(now) == Outcome.ResolvedByAi),
            ("Resolved with a person", [new("outcome", "person")], r => r.OutcomeAt(now) == Outcome.ResolvedByPerson),
            ("Waiting", [new("outcome", "waiting")], r => r.OutcomeAt(now) == Outcome.Waiting),
            ("Abandoned", [new("outcome", "abandoned")], r => r.OutcomeAt(now) == Outcome.Abandoned),
        ]);

    /// <summary>Conversations handed over per day, by the rule of their first hand-off.</summary>
    public ChartSeries HandOffs() => PerDay(
        "handoffs",
        "Hand-offs by rule",
        "Conversations handed over",
        Enum.GetValues<EscalationReason>()
            .Where(rule => rows.Any(r => r.Rule == rule))
            .Select(rule => (Label(rule), (IReadOnlyList<KeyValuePair<string, string>>)[new("rule", LowerNames.Of(rule))], (Func<ConversationFacts, bool>)(r => r.Rule == rule)))
            .ToList());

    /// <summary>The day's average customer sentiment, and the share of its customer messages scored negative.</summary>
    public ChartSeries SentimentTrend()
    {
        var days = Days();
        var byDay = days.Select(day => ByDay[day].ToList()).ToList();
        return DaySeries(
            "sentiment",
            "Sentiment trend",
            "Average sentiment",
            [
                new("Average sentiment", byDay.Select(d => d.Sum(r => r.CustomerMessages) is > 0 and var n ? d.Sum(r => r.SentimentSum) / n : (double?)null).ToList(), []),
                new("Negative messages", byDay.Select(d => Share(d.Sum(r => r.NegativeMessages), d.Sum(r => r.CustomerMessages))).ToList(), [], IsShare: true),
            ]);
    }

    /// <summary>Conversations per day that hit each tracker.</summary>
    public ChartSeries TrackerHits() => PerDay(
        "trackers",
        "Tracker hits",
        "Conversations with a hit",
        trackers.Select(t => (t.Name, (IReadOnlyList<KeyValuePair<string, string>>)[new("tracker", t.Id.ToString(CultureInfo.InvariantCulture))], (Func<ConversationFacts, bool>)(r => trackerHits[r.ConversationId].Contains(t.Id))))
            .ToList());

    /// <summary>How many conversations had their first response in each time bucket, the AI's and a person's.</summary>
    public ChartSeries FirstResponse() => new(
        "first-response",
        "First response time",
        "First response",
        "Conversations",
        "bucket",
        DurationBucket.All.Select(b => b.Name).ToList(),
        DurationBucket.All.Select((_, i) => i.ToString(CultureInfo.InvariantCulture)).ToList(),
        [
            new("AI", DurationBucket.All.Select(b => (double?)rows.Count(r => r.AiFirstResponseSeconds is { } s && b.Holds(s))).ToList(), [new("responder", "ai")]),
            new("Person", DurationBucket.All.Select(b => (double?)rows.Count(r => r.HumanFirstResponseSeconds is { } s && b.Holds(s))).ToList(), [new("responder", "person")]),
        ]);

    /// <summary>Ratings 1 to 5, AI-handled and person-handled side by side.</summary>
    public ChartSeries CsatDistribution()
    {
        var ratings = Enumerable.Range(1, 5).ToList();
        return new(
            "csat",
            "CSAT distribution",
            "Rating",
            "Conversations",
            "rating",
            ratings.Select(r => $"{r} ★").ToList(),
            ratings.Select(r => r.ToString(CultureInfo.InvariantCulture)).ToList(),
            [
                new("AI-handled", ratings.Select(n => (double?)rows.Count(r => r.Rating == n && !r.PersonInvolved)).ToList(), [new("owner", "ai")]),
                new("Person-handled", ratings.Select(n => (double?)rows.Count(r => r.Rating == n && r.PersonInvolved)).ToList(), [new("owner", "person")]),
            ]);
    }

    /// <summary>Conversations started in each hour of each weekday, on the staff's clock: one trace per weekday.</summary>
    public ChartSeries Traffic()
    {
        var hours = Enumerable.Range(0, 24).ToList();
        var cells = new int[7, 24];
        foreach (var row in rows)
        {
            var start = TimeZoneInfo.ConvertTime(row.StartedAt, zone);
            cells[ConversationQuery.WeekdayOf(start), start.Hour]++;
        }
        return new(
            "traffic",
            "Traffic by hour and weekday",
            "Hour",
            "Weekday",
            "hour",
            hours.Select(h => h.ToString("00", CultureInfo.InvariantCulture) + ":00").ToList(),
            hours.Select(h => h.ToString(CultureInfo.InvariantCulture)).ToList(),
            WeekdayNames.Select((name, weekday) => new ChartTrace(
                name,
                hours.Select(h => (double?)cells[weekday, h]).ToList(),
                [new("weekday", weekday.ToString(CultureInfo.InvariantCulture))])).ToList());
    }

    public static IReadOnlyList<string> WeekdayNames { get; } = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    /// <summary>A rule's name as people read it.</summary>
    public static string Label(EscalationReason rule) => rule switch
    {
        EscalationReason.CustomerRequest => "Customer asked",
        EscalationReason.RiskyAction => "Money or order change",
        EscalationReason.NegativeSentiment => "Negative sentiment",
        EscalationReason.RepeatedFailure => "Repeated failure",
        EscalationReason.ProviderFailure => "Model unavailable",
        _ => "AI's own decision",
    };

    /// <summary>Each customer's conversation starts, in order: a regular customer can have thousands in a month.</summary>
    private readonly Lazy<Dictionary<int, DateTimeOffset[]>> _startsByCustomer = new(() => customerStarts
        .GroupBy(s => s.CustomerId)
        .ToDictionary(g => g.Key, g => g.Select(s => s.StartedAt).Order().ToArray()));

    /// <summary>Whether the customer started another conversation within the reopen window after this one ended.</summary>
    private bool Reopened(ConversationFacts resolved)
    {
        if (resolved.CustomerId is not { } customer || resolved.EndedAt is not { } endedAt || !_startsByCustomer.Value.TryGetValue(customer, out var starts))
        {
            return false;
        }
        // The first start after the end (a binary search), and whether it falls inside the window.
        var at = Array.BinarySearch(starts, endedAt);
        var next = at < 0 ? ~at : at + 1;
        while (next < starts.Length && starts[next] == endedAt)
        {
            next++;
        }
        return next < starts.Length && starts[next] <= endedAt + ReportService.ReopenWindow;
    }

    private static CsatSide Csat(IEnumerable<ConversationFacts> ended)
    {
        var list = ended.ToList();
        var rated = list.Where(r => r.Rating is not null).ToList();
        return new CsatSide(Share(rated.Count(r => r.Rating >= 4), rated.Count), Share(rated.Count, list.Count), rated.Count, list.Count);
    }

    private ChartSeries PerDay(string key, string title, string yTitle, IReadOnlyList<(string Name, IReadOnlyList<KeyValuePair<string, string>> Query, Func<ConversationFacts, bool> Counts)> traces)
    {
        var days = Days();
        return DaySeries(key, title, yTitle, traces.Select(t => new ChartTrace(t.Name, days.Select(day => (double?)ByDay[day].Count(t.Counts)).ToList(), t.Query)).ToList());
    }

    private ChartSeries DaySeries(string key, string title, string yTitle, IReadOnlyList<ChartTrace> traces)
    {
        var days = Days();
        return new ChartSeries(
            key,
            title,
            "Day",
            yTitle,
            "day",
            days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
            days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
            traces);
    }

    private List<DateOnly> Days() => period.Days.ToList();

    /// <summary>The conversations of each day, grouped once: every per-day chart reads them.</summary>
    private ILookup<DateOnly, ConversationFacts> ByDay => _byDay.Value;

    private readonly Lazy<ILookup<DateOnly, ConversationFacts>> _byDay = new(() => rows.ToLookup(r => ReportPeriod.DayOf(r.StartedAt, zone)));

    private static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;
}
