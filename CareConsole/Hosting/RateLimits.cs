using System.Diagnostics;
using System.Globalization;
using System.Threading.RateLimiting;
using CareConsole.Core.Clients;
using Microsoft.AspNetCore.RateLimiting;

namespace CareConsole.Hosting;

/// <summary>The limits on what strangers may do, each counted per client address or per conversation.</summary>
public enum RateLimit
{
    /// <summary>New conversations, per client.</summary>
    StartConversation,

    /// <summary>Customer messages, per conversation.</summary>
    Message,

    /// <summary>Customer messages, per client, across all of its conversations.</summary>
    MessagePerClient,

    /// <summary>Ratings, per conversation.</summary>
    Feedback,

    /// <summary>Transcript reads, per client.</summary>
    Transcript,

    /// <summary><c>POST /api/analyze</c>, per client.</summary>
    Analyze,

    /// <summary><c>GET /api/knowledge/search</c>, per client.</summary>
    KnowledgeSearch,

    /// <summary>The reporting API (<c>/api/reports</c>), per client; counted before the token is checked, so guesses count too.</summary>
    Reports,

    /// <summary>Staff sign-in posts, per client.</summary>
    StaffSignIn,

    /// <summary>Page loads, per client.</summary>
    Pages,

    /// <summary>Everything else public (health, demo accounts, sign-out, the API document), per client.</summary>
    Other,
}

/// <summary>
/// How many requests a limit lets through per window: a bucket of <see cref="PermitLimit"/> that refills evenly over
/// <see cref="Window"/>, so a burst up to the limit is fine and the steady rate is the limit per window.
/// </summary>
public sealed record RateLimitSettings(int PermitLimit, TimeSpan Window)
{
    /// <summary>Defaults sized for a real shop: generous for people and integrations, tight for scripts.</summary>
    public static IReadOnlyDictionary<RateLimit, RateLimitSettings> Defaults { get; } = new Dictionary<RateLimit, RateLimitSettings>
    {
        [RateLimit.StartConversation] = new(30, TimeSpan.FromMinutes(10)),
        [RateLimit.Message] = new(20, TimeSpan.FromMinutes(1)),
        [RateLimit.MessagePerClient] = new(120, TimeSpan.FromMinutes(1)),
        [RateLimit.Feedback] = new(10, TimeSpan.FromMinutes(10)),
        [RateLimit.Transcript] = new(240, TimeSpan.FromMinutes(1)),
        [RateLimit.Analyze] = new(600, TimeSpan.FromMinutes(1)),
        [RateLimit.KnowledgeSearch] = new(120, TimeSpan.FromMinutes(1)),
        [RateLimit.Reports] = new(120, TimeSpan.FromMinutes(1)),
        [RateLimit.StaffSignIn] = new(20, TimeSpan.FromMinutes(15)),
        [RateLimit.Pages] = new(300, TimeSpan.FromMinutes(1)),
        [RateLimit.Other] = new(300, TimeSpan.FromMinutes(1)),
    };

    /// <summary>
    /// <c>RateLimits:&lt;Name&gt;:PermitLimit</c> and <c>:Window</c> over the defaults; a one-line problem for a bad value.
    /// </summary>
    public static (IReadOnlyDictionary<RateLimit, RateLimitSettings> Limits, string? Problem) From(IConfiguration configuration)
    {
        var limits = new Dictionary<RateLimit, RateLimitSettings>();
        foreach (var (limit, defaults) in Defaults)
        {
            var section = configuration.GetSection($"RateLimits:{limit}");
            var permits = defaults.PermitLimit;
            var window = defaults.Window;
            if (section["PermitLimit"] is { } permitText && (!int.TryParse(permitText, CultureInfo.InvariantCulture, out permits) || permits < 1))
            {
                return (limits, $"RateLimits:{limit}:PermitLimit must be a whole number of at least 1.");
            }
            if (section["Window"] is { } windowText
                && (!TimeSpan.TryParse(windowText, CultureInfo.InvariantCulture, out window) || window < TimeSpan.FromSeconds(1) || window > TimeSpan.FromDays(1)))
            {
                return (limits, $"RateLimits:{limit}:Window must be a time from 00:00:01 to 1.00:00:00.");
            }
            limits[limit] = new RateLimitSettings(permits, window);
        }
        return (limits, null);
    }
}

/// <summary>
/// One set of counters for the whole app, so the HTTP API (through ASP.NET Core's rate-limiting middleware) and the
/// chat widget (which talks over its live connection, not HTTP) draw on the same allowance: a client cannot double
/// its rate by using both.
/// </summary>
public sealed class RateLimits(IReadOnlyDictionary<RateLimit, RateLimitSettings> settings) : IAsyncDisposable
{
    private readonly Dictionary<RateLimit, PartitionedRateLimiter<string>> _limiters = settings.ToDictionary(
            pair => pair.Key,
            pair => PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ =>
                new TokenBucketRateLimiterOptions
                {
                    TokenLimit = pair.Value.PermitLimit,
                    TokensPerPeriod = 1,
                    ReplenishmentPeriod = pair.Value.Window / pair.Value.PermitLimit,
                    QueueLimit = 0,
                    // The partitioned limiter refills every bucket from one timer, rather than a timer per client.
                    AutoReplenishment = false,
                })));

    /// <summary>
    /// Takes one permit from each named counter, or none: when one refuses, the answer is the longest wait any of
    /// them asks for.
    /// </summary>
    public RateLimitLease Acquire(params ReadOnlySpan<(RateLimit Limit, string Key)> counters)
    {
        var leases = new List<RateLimitLease>(counters.Length);
        foreach (var (limit, key) in counters)
        {
            var lease = _limiters[limit].AttemptAcquire(key);
            if (!lease.IsAcquired)
            {
                foreach (var taken in leases)
                {
                    taken.Dispose();
                }
                return lease;
            }
            leases.Add(lease);
        }
        return new CombinedLease(leases);
    }

    /// <summary>For the widget: whether the action may go ahead, and if not, when to try again.</summary>
    public bool TryAcquire(out TimeSpan retryAfter, params ReadOnlySpan<(RateLimit Limit, string Key)> counters)
    {
        using var lease = Acquire(counters);
        retryAfter = RetryAfter(lease);
        return lease.IsAcquired;
    }

    public static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);

    public async ValueTask DisposeAsync()
    {
        foreach (var limiter in _limiters.Values)
        {
            await limiter.DisposeAsync();
        }
    }

    private sealed class CombinedLease(List<RateLimitLease> leases) : RateLimitLease
    {
        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                foreach (var lease in leases)
                {
                    lease.Dispose();
                }
            }
            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// An ASP.NET Core rate-limiter policy drawing on <see cref="RateLimits"/>: it names the counters a request uses
/// (the client's, the conversation's) and lets the middleware do the rest, refusals included.
/// </summary>
internal sealed class SharedRateLimitPolicy(RateLimits limits, Func<HttpContext, (RateLimit Limit, string Key)[]> counters) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var named = counters(httpContext);
        if (named.Length == 0)
        {
            return RateLimitPartition.GetNoLimiter("");
        }
        return RateLimitPartition.Get(string.Join('|', named.Select(c => $"{c.Limit}:{c.Key}")), _ => new View(limits, named));
    }

    /// <summary>
    /// What the middleware holds per partition: a view onto the shared counters. It counts nothing itself, so the
    /// middleware may drop it when idle; the counters live on in <see cref="RateLimits"/>.
    /// </summary>
    private sealed class View(RateLimits limits, (RateLimit Limit, string Key)[] counters) : RateLimiter
    {
        private long _lastUsed = Stopwatch.GetTimestamp();

        public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
            return limits.Acquire(counters);
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AttemptAcquireCore(permitCount));
    }
}

/// <summary>Rate limiting for the whole app: the policies of each endpoint and the answer to a refusal.</summary>
public static class RateLimiting
{
    public const string StartConversation = "start-conversation";
    public const string Message = "message";
    public const string Feedback = "feedback";
    public const string Transcript = "transcript";
    public const string Analyze = "analyze";
    public const string KnowledgeSearch = "knowledge-search";
    public const string Reports = "reports";
    public const string Pages = "pages";
    public const string Other = "other";

    private const string SignInPath = "/account/sign-in";

    public static void AddCareConsoleRateLimits(this IServiceCollection services, IReadOnlyDictionary<RateLimit, RateLimitSettings> settings)
    {
        var limits = new RateLimits(settings);
        services.AddSingleton(limits);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = OnRejectedAsync;
            Add(options, limits, StartConversation, http => [(RateLimit.StartConversation, Client(http))]);
            Add(options, limits, Message, http => [(RateLimit.MessagePerClient, Client(http)), (RateLimit.Message, Conversation(http))]);
            Add(options, limits, Feedback, http => [(RateLimit.Feedback, Conversation(http))]);
            Add(options, limits, Transcript, http => [(RateLimit.Transcript, Client(http))]);
            Add(options, limits, Analyze, http => [(RateLimit.Analyze, Client(http))]);
            Add(options, limits, KnowledgeSearch, http => [(RateLimit.KnowledgeSearch, Client(http))]);
            Add(options, limits, Reports, http => [(RateLimit.Reports, Client(http))]);
            // A post of the sign-in form tries a password, and counts as that too.
            Add(options, limits, Pages, http => HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments(SignInPath)
                ? [(RateLimit.StaffSignIn, Client(http)), (RateLimit.Pages, Client(http))]
                : [(RateLimit.Pages, Client(http))]);
            Add(options, limits, Other, http => [(RateLimit.Other, Client(http))]);
        });
    }

    /// <summary>The client's key for limits: its address (IPv6 by /64).</summary>
    public static string Client(HttpContext http) => ClientKey.From(http.Connection.RemoteIpAddress).Value;

    private static string Conversation(HttpContext http) =>
        http.Request.RouteValues.TryGetValue("id", out var id) && id is not null ? id.ToString()! : "";

    private static void Add(RateLimiterOptions options, RateLimits limits, string name, Func<HttpContext, (RateLimit, string)[]> counters) =>
        options.AddPolicy(name, new SharedRateLimitPolicy(limits, counters));

    /// <summary>429 as problem details, with Retry-After in whole seconds, for callers and people alike.</summary>
    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var wait = RateLimits.RetryAfter(rejected.Lease);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ProblemResponses.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"Too many requests from here in a short time. Try again in {seconds} second{(seconds == 1 ? "" : "s")}.");
    }
}
