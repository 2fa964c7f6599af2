using System.Globalization;
using CareConsole.Components.Dashboard;
using CareConsole.Core.Conversations;
using CareConsole.Core.Reports;
using CareConsole.Core.Transcripts;
using CareConsole.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace CareConsole.Api;

/// <summary>
/// The reporting API: the dashboard's figures, charts and conversation lists as JSON, for a manager's scripts and BI
/// tools. Authorised by a manager's personal access token alone (<see cref="PersonalAccessTokenAuthentication"/>).
/// Every call takes the dashboard's link parameters, so a view on the page and a call here count the same
/// conversations; a value the dashboard does not offer, or a name it does not know, is refused rather than ignored.
/// </summary>
public static class ReportEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    private const string ConversationsPath = "/api/reports/conversations";

    /// <summary>The period and filter names every call takes, with what each accepts.</summary>
    private static readonly IReadOnlyList<(string Name, string Accepts)> ViewParameters =
    [
        ("period", "today, 7d (the default), 30d, or custom with from and to"),
        ("from", "with period=custom: the first day, yyyy-MM-dd"),
        ("to", "with period=custom: the last day, yyyy-MM-dd, at most 366 days after from"),
        ("channel", Names<Channel>()),
        ("language", Names<Register>()),
        ("owner", "ai (no person took part) or person"),
        ("agent", "a staff account's id: the last person who took the conversation"),
        ("rule", Names<EscalationReason>() + ": the first hand-off's rule"),
        ("tracker", "a tracker's id: conversations with a hit"),
    ];

    /// <summary>The drill-down names the conversation list takes besides, as a chart's point or the explorer sets them.</summary>
    private static readonly IReadOnlyList<(string Name, string Accepts)> DrillParameters =
    [
        ("day", "yyyy-MM-dd: the day the conversation started, on the staff's clock"),
        ("outcome", "ai, person, waiting or abandoned"),
        ("responder", "ai or person, with bucket"),
        ("bucket", "0 to 5: first response < 1 min, 1–5 min, 5–15 min, 15–60 min, 1–4 h, > 4 h"),
        ("rating", "1 to 5"),
        ("weekday", "0 (Monday) to 6"),
        ("hour", "0 to 23, on the staff's clock"),
        ("sentiment", "negative, neutral or positive: the band of the conversation's average"),
        ("shift", "worse, same or better: the last customer message against the first"),
        ("verified", "yes or no"),
        ("q", $"full-text search over the messages, up to {TranscriptQuery.MaxLength} characters: words and \"quoted phrases\""),
        ("match", "all (the default: every word and phrase in the conversation) or any"),
    ];

    private static readonly IReadOnlyList<(string Name, string Accepts)> PagingParameters =
    [
        ("limit", $"conversations per page, 1 to {MaxLimit}; {DefaultLimit} when not given"),
        ("offset", "conversations to skip, newest first; 0 when not given"),
    ];

    /// <summary>The days a report covers, on the staff's clock (<see cref="TimeZone"/>), and the instants they span.</summary>
    /// <param name="Period">today, 7d, 30d or custom.</param>
    /// <param name="From">The first day, inclusive.</param>
    /// <param name="To">The last day, inclusive.</param>
    /// <param name="TimeZone">The staff's time zone (<c>Desk:TimeZone</c>), whose calendar the days are.</param>
    /// <param name="Start">The first instant of <paramref name="From"/>.</param>
    /// <param name="End">The first instant after <paramref name="To"/>.</param>
    public sealed record PeriodResponse(string Period, DateOnly From, DateOnly To, string TimeZone, DateTimeOffset Start, DateTimeOffset End);

    /// <param name="Filter">The filter's link values, only those set.</param>
    public sealed record KpisResponse(PeriodResponse Period, IReadOnlyDictionary<string, string> Filter, Kpis Kpis);

    /// <summary>One chart's data: x values, and a trace per stacked part or line.</summary>
    /// <param name="X">The x axis as the chart labels it.</param>
    /// <param name="XQuery">The link parameter the x axis sets when a point is followed, e.g. <c>day</c>.</param>
    /// <param name="XValues">That parameter's value at each x.</param>
    public sealed record SeriesResponse(
        string Key, string Title, string XTitle, string YTitle, string XQuery, IReadOnlyList<string> X, IReadOnlyList<string> XValues,
        IReadOnlyList<TraceResponse> Traces);

    /// <param name="Y">One value per x; null where there is nothing to show.</param>
    /// <param name="IsShare">Values are fractions (0.42 is 42 %), not counts.</param>
    /// <param name="Query">What the trace adds to a drill-down, e.g. <c>{"outcome": "ai"}</c>.</param>
    /// <param name="Conversations">For each x, the conversation list behind that point (this API's link).</param>
    public sealed record TraceResponse(string Name, IReadOnlyList<double?> Y, bool IsShare, IReadOnlyDictionary<string, string> Query, IReadOnlyList<string> Conversations);

    public sealed record SeriesListResponse(PeriodResponse Period, IReadOnlyDictionary<string, string> Filter, IReadOnlyList<SeriesResponse> Series);

    public sealed record OneSeriesResponse(PeriodResponse Period, IReadOnlyDictionary<string, string> Filter, SeriesResponse Series);

    /// <param name="Drill">The drill-down's link values, only those set.</param>
    /// <param name="Total">How many conversations match, on every page.</param>
    /// <param name="Next">The next page, or null on the last.</param>
    public sealed record ConversationsResponse(
        PeriodResponse Period, IReadOnlyDictionary<string, string> Filter, IReadOnlyDictionary<string, string> Drill,
        int Total, int Offset, int Limit, IReadOnlyList<ConversationRow> Conversations, string? Next);

    public static void MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var reports = endpoints.MapGroup("/api/reports")
            .RequireAuthorization(PersonalAccessTokenAuthentication.ManagersPolicy)
            .RequireRateLimiting(RateLimiting.Reports)
            .RequiresTokenInDocument(ApiDocument.PersonalAccessTokenScheme)
            .WithTags("Reports")
            // Reports are about customers: no cache, shared or private, keeps a copy.
            .AddEndpointFilter((context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return next(context);
            });

        reports.MapGet("/kpis", KpisAsync)
            .WithSummary("The dashboard's figures for a period and filter")
            .WithDescription("Every figure of the dashboard, named as in GET /api/reports/definitions. Rates are fractions, null when there is nothing to divide by; durations are seconds.")
            .Produces<KpisResponse>()
            .WithReportProblems()
            .WithQueryParameters(ViewParameters);
        reports.MapGet("/series", AllSeriesAsync)
            .WithSummary("Every chart's data for a period and filter")
            .WithDescription("The seven charts of the dashboard, in its order: outcomes, handoffs, sentiment, trackers, first-response, csat, traffic.")
            .Produces<SeriesListResponse>()
            .WithReportProblems()
            .WithQueryParameters(ViewParameters);
        reports.MapGet("/series/{key}", OneSeriesAsync)
            .WithSummary("One chart's data for a period and filter")
            .WithDescription("key is outcomes, handoffs, sentiment, trackers, first-response, csat or traffic; another is 404.")
            .Produces<OneSeriesResponse>()
            .WithReportProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithQueryParameters(ViewParameters);
        reports.MapGet("/conversations", ConversationsAsync)
            .WithSummary("The conversations behind a period, filter and drill-down, newest first")
            .WithDescription($"The rows of the dashboard's transcripts list and CSV export, a page at a time (limit 1–{MaxLimit}, default {DefaultLimit}); total counts every match.")
            .Produces<ConversationsResponse>()
            .WithReportProblems()
            .WithQueryParameters([.. ViewParameters, .. DrillParameters, .. PagingParameters]);
        reports.MapGet("/definitions", () => TypedResults.Ok(KpiDefinitions.All))
            .WithSummary("What every figure counts")
            .WithDescription("Each figure's key (its name in GET /api/reports/kpis), title and definition, as the dashboard shows them.")
            .WithProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests);
    }

    private static async Task<IResult> KpisAsync(HttpRequest request, ReportService reports, CancellationToken cancellationToken)
    {
        var (view, problem) = ReadView(request, reports, ViewParameters);
        if (problem is not null)
        {
            return problem;
        }
        var snapshot = await reports.LoadAsync(view!.Period, view.Filter, cancellationToken);
        return TypedResults.Ok(new KpisResponse(Period(view, reports), Values(view.Filter.ToQuery()), snapshot.Kpis()));
    }

    private static async Task<IResult> AllSeriesAsync(HttpRequest request, ReportService reports, CancellationToken cancellationToken)
    {
        var (view, problem) = ReadView(request, reports, ViewParameters);
        if (problem is not null)
        {
            return problem;
        }
        var snapshot = await reports.LoadAsync(view!.Period, view.Filter, cancellationToken);
        return TypedResults.Ok(new SeriesListResponse(Period(view, reports), Values(view.Filter.ToQuery()),
            snapshot.Charts().Select(series => Series(series, view)).ToList()));
    }

    private static async Task<IResult> OneSeriesAsync(string key, HttpRequest request, ReportService reports, CancellationToken cancellationToken)
    {
        var (view, problem) = ReadView(request, reports, ViewParameters);
        if (problem is not null)
        {
            return problem;
        }
        var snapshot = await reports.LoadAsync(view!.Period, view.Filter, cancellationToken);
        var charts = snapshot.Charts();
        if (charts.FirstOrDefault(c => c.Key == key) is not { } series)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, "Not found",
                $"There is no series named \"{key}\"; the series are {string.Join(", ", charts.Select(c => c.Key))}.");
        }
        return TypedResults.Ok(new OneSeriesResponse(Period(view, reports), Values(view.Filter.ToQuery()), Series(series, view)));
    }

    private static async Task<IResult> ConversationsAsync(HttpRequest request, ReportService reports, CancellationToken cancellationToken)
    {
        var (view, problem) = ReadView(request, reports, [.. ViewParameters, .. DrillParameters, .. PagingParameters]);
        if (problem is not null)
        {
            return problem;
        }
        if (!Whole(request, "limit", 1, MaxLimit, DefaultLimit, out var limit))
        {
            return Invalid("limit", $"\"limit\" must be a whole number from 1 to {MaxLimit}.");
        }
        if (!Whole(request, "offset", 0, int.MaxValue, 0, out var offset))
        {
            return Invalid("offset", "\"offset\" must be a whole number, 0 or more.");
        }
        var snapshot = await reports.LoadAsync(view!.Period, view.Filter, cancellationToken);
        var matching = await reports.ConversationsAsync(snapshot, view.Drill, cancellationToken);
        var names = (await reports.StaffAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.DisplayName);
        var page = matching.Skip(offset).Take(limit).Select(f => ConversationRow.From(f, snapshot, names)).ToList();
        var next = offset + page.Count < matching.Count
            ? ConversationsPath + QueryString.Create(request.Query
                .Where(pair => !string.Equals(pair.Key, "offset", StringComparison.OrdinalIgnoreCase))
                .Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value.ToString()))
                .Append(new("offset", (offset + page.Count).ToString(CultureInfo.InvariantCulture))))
            : null;
        return TypedResults.Ok(new ConversationsResponse(Period(view, reports), Values(view.Filter.ToQuery()), Values(view.Drill.ToQuery()),
            matching.Count, offset, limit, page, next));
    }

    /// <summary>
    /// The period, filter and drill-down the query names, or a 400 naming the first parameter that is unknown here,
    /// given twice, or has a value the dashboard does not offer. Nothing is silently left out: a report that quietly
    /// widened to everything would show the wrong figures under the right heading.
    /// </summary>
    private static (ReportView? View, ProblemHttpResult? Problem) ReadView(HttpRequest request, ReportService reports, IReadOnlyList<(string Name, string Accepts)> accepted)
    {
        foreach (var (name, values) in request.Query)
        {
            if (!accepted.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                var hint = DrillParameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                    ? $"\"{name}\" narrows the conversation list only ({ConversationsPath})."
                    : $"\"{name}\" is not a parameter of this call; it takes {string.Join(", ", accepted.Select(p => p.Name))}.";
                return (null, Invalid(name, hint));
            }
            if (values.Count > 1)
            {
                return (null, Invalid(name, $"\"{name}\" is given more than once."));
            }
        }
        if (request.Query["period"] != "custom" && (request.Query.ContainsKey("from") || request.Query.ContainsKey("to")))
        {
            return (null, Invalid("period", "\"period\" must be custom when \"from\" or \"to\" is given."));
        }
        var view = ReportLinks.Read(name => request.Query[name].FirstOrDefault(), reports.Now, reports.Zone);
        if (view.Problem is { } bad)
        {
            var accepts = bad == "period"
                ? "today, 7d, 30d, or custom with from and to (yyyy-MM-dd, at most 366 days)"
                : accepted.First(p => p.Name == bad).Accepts;
            return (null, Invalid(bad, $"\"{bad}\" has a value the dashboard does not offer; it takes {accepts}."));
        }
        return (view, null);
    }

    private static bool Whole(HttpRequest request, string name, int min, int max, int fallback, out int value)
    {
        value = fallback;
        var text = request.Query[name].FirstOrDefault();
        return string.IsNullOrEmpty(text)
            || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    private static ProblemHttpResult Invalid(string parameter, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request",
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    private static PeriodResponse Period(ReportView view, ReportService reports) => new(
        view.Period.ToQuery().First().Value, view.Period.From, view.Period.To, reports.Zone.Id,
        view.Period.Start(reports.Zone), view.Period.End(reports.Zone));

    private static SeriesResponse Series(ChartSeries series, ReportView view) => new(
        series.Key, series.Title, series.XTitle, series.YTitle, series.XQuery, series.X, series.XQueryValues,
        series.Traces.Select((trace, t) => new TraceResponse(trace.Name, trace.Y, trace.IsShare, Values(trace.Query),
            series.XQueryValues.Select((_, point) => ReportLinks.DrillDown(ConversationsPath, view, series.DrillDown(t, point)!)).ToList())).ToList());

    private static Dictionary<string, string> Values(IEnumerable<KeyValuePair<string, string>> pairs) => pairs.ToDictionary();

    private static string Names<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));

    /// <summary>The refusals every report call can give, for the API document.</summary>
    private static RouteHandlerBuilder WithReportProblems(this RouteHandlerBuilder builder) => builder.WithProblems(
        StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests);

    /// <summary>
    /// Names the query parameters in the API document. The handlers read the query themselves (to refuse unknown
    /// names and repeated ones), so nothing binds them for the document to find.
    /// </summary>
    private static RouteHandlerBuilder WithQueryParameters(this RouteHandlerBuilder builder, IReadOnlyList<(string Name, string Accepts)> parameters) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var (name, accepts) in parameters)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Query,
                    Description = accepts,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }
            return Task.CompletedTask;
        });
}
