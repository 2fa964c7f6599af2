namespace CareConsole.Core.Reports;

/// <summary>
/// The dashboard's figures for one period and filter. Rates are fractions (0.42 is 42 %), null when there is
/// nothing to divide by; durations are seconds. Each figure is defined in <see cref="KpiDefinitions"/>.
/// </summary>
public sealed record Kpis(
    int Conversations,
    int Messages,
    double? AiInvolvement,
    double? AutonomousResolutionRate,
    double? HandOffRate,
    IReadOnlyList<RuleShare> HandOffRateByRule,
    double? DurableResolutionRate,
    double? ReopenRate,
    double? AutomationRate,
    DurationStats AiFirstResponse,
    DurationStats HumanFirstResponse,
    DurationStats AiWaitingTime,
    DurationStats HumanWaitingTime,
    DurationStats ResolutionTime,
    CsatStats Csat,
    SentimentStats Sentiment,
    VerificationStats Verification,
    RequestStats Requests);

/// <summary>Conversations first handed over by one rule, and their share of all conversations.</summary>
public sealed record RuleShare(string Rule, int Conversations, double Rate);

/// <summary>A set of durations: how many, mean, median, 90th percentile (nearest rank), and how many fell in each bucket.</summary>
public sealed record DurationStats(int Count, double? Mean, double? Median, double? P90, IReadOnlyList<BucketCount> Buckets)
{
    public static DurationStats Of(IEnumerable<double> seconds)
    {
        // Array.Sort rather than LINQ's stable Order: equal numbers need no order kept, and at 100k conversations the
        // five duration sets are a good part of the KPI set's time.
        var sorted = seconds.ToArray();
        Array.Sort(sorted);
        var buckets = DurationBucket.All.Select(b => new BucketCount(b.Name, sorted.Count(b.Holds))).ToList();
        return sorted.Length == 0
            ? new DurationStats(0, null, null, null, buckets)
            : new DurationStats(sorted.Length, sorted.Average(), NearestRank(sorted, 0.5), NearestRank(sorted, 0.9), buckets);
    }

    /// <summary>The smallest value with at least <paramref name="fraction"/> of the values at or below it.</summary>
    public static double NearestRank(double[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}

public sealed record BucketCount(string Bucket, int Count);

/// <summary>The response-time buckets every duration is counted in: under a minute up to over four hours.</summary>
public sealed record DurationBucket(string Name, double FromSeconds, double ToSeconds)
{
    public static IReadOnlyList<DurationBucket> All { get; } =
    [
        new("< 1 min", 0, 60),
        new("1–5 min", 60, 300),
        new("5–15 min", 300, 900),
        new("15–60 min", 900, 3600),
        new("1–4 h", 3600, 14400),
        new("> 4 h", 14400, double.PositiveInfinity),
    ];

    /// <summary>The bucket's key in links: its position, 0 to 5.</summary>
    public static DurationBucket? At(int index) => index >= 0 && index < All.Count ? All[index] : null;

    public bool Holds(double seconds) => seconds >= FromSeconds && seconds < ToSeconds || FromSeconds == 0 && seconds < 0;
}

/// <summary>Customer ratings: the share of 4s and 5s and how many rated, for everything and split by who handled it.</summary>
public sealed record CsatStats(CsatSide All, CsatSide AiHandled, CsatSide PersonHandled);

/// <param name="Satisfied">The share of ratings that are 4 or 5.</param>
/// <param name="ResponseRate">Rated conversations among those that ended.</param>
/// <param name="Ratings">How many ratings.</param>
/// <param name="Ended">How many conversations ended (and so were asked for a rating).</param>
public sealed record CsatSide(double? Satisfied, double? ResponseRate, int Ratings, int Ended);

/// <param name="Average">The mean score of every customer message, -1 to 1.</param>
/// <param name="NegativeShare">Customer messages scored negative, of all customer messages.</param>
/// <param name="Worsened">Conversations whose last customer message scored lower than the first.</param>
/// <param name="WorsenedShare">Of conversations with two or more customer messages.</param>
public sealed record SentimentStats(double? Average, double? NegativeShare, int Worsened, double? WorsenedShare);

/// <param name="Attempted">Conversations with at least one identity check.</param>
/// <param name="Verified">Conversations whose customer proved who they are.</param>
/// <param name="SuccessRate">Verified of attempted.</param>
/// <param name="Locks">Conversations in which identity checks were refused after too many failures.</param>
public sealed record VerificationStats(int Attempted, int Verified, double? SuccessRate, int Locks);

/// <param name="Recorded">Refunds, returns, replacements and cancellations asked for.</param>
/// <param name="Approved">Approved by a person.</param>
/// <param name="Rejected">Rejected by a person.</param>
/// <param name="AutoDone">Carried out by policy with no person needed.</param>
/// <param name="Awaiting">Still waiting for a person's decision.</param>
public sealed record RequestStats(
    int Recorded,
    double RecordedRupees,
    int Approved,
    double ApprovedRupees,
    int Rejected,
    double RejectedRupees,
    int AutoDone,
    int Awaiting);
