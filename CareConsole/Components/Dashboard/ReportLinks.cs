using CareConsole.Core.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace CareConsole.Components.Dashboard;

/// <summary>
/// The dashboard's state lives in its link: period, filter and, for transcripts, the drill-down. These build and read
/// those links, so a view a manager shares opens the same for a colleague.
/// </summary>
public static class ReportLinks
{
    public static string To(string path, ReportPeriod period, ReportFilter filter, IEnumerable<KeyValuePair<string, string>>? more = null) =>
        path + QueryString.Create(period.ToQuery().Concat(filter.ToQuery()).Concat(more ?? [])
            .Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value)));

    /// <summary>
    /// The conversations behind a chart's point at <paramref name="path"/>: the view's period and filter, narrowed by
    /// <paramref name="drill"/> (which wins over a filter value it repeats, such as a CSAT trace's <c>owner</c>).
    /// </summary>
    public static string DrillDown(string path, ReportView view, IReadOnlyList<KeyValuePair<string, string>> drill)
    {
        var filter = view.Filter.ToQuery().Where(f => drill.All(d => d.Key != f.Key));
        return path + QueryString.Create(view.Period.ToQuery().Concat(filter).Concat(drill)
            .Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value)));
    }

    /// <summary>A lookup of the query string of <paramref name="uri"/>: the first value of a name, or null.</summary>
    public static Func<string, string?> QueryOf(string uri)
    {
        var start = uri.IndexOf('?', StringComparison.Ordinal);
        var parsed = start < 0 ? [] : QueryHelpers.ParseQuery(uri[start..]);
        return name => parsed.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
    }

    /// <summary>The period, filter and drill-down a link names, or the first name whose value is not one offered.</summary>
    public static ReportView Read(Func<string, string?> query, DateTimeOffset now, TimeZoneInfo zone)
    {
        var period = ReportPeriod.FromQuery(query, now, zone);
        var filter = ReportFilter.FromQuery(query, out var filterProblem);
        var drill = ConversationQuery.FromQuery(query, out var drillProblem);
        var problem = period is null ? "period" : filterProblem ?? drillProblem;
        return new ReportView(
            period ?? ReportPeriod.Ending(ReportPeriodKind.Last7Days, now, zone),
            filter ?? ReportFilter.None,
            drill ?? ConversationQuery.All,
            problem);
    }
}

/// <summary>What a dashboard link shows; <see cref="Problem"/> names a value it could not read (and so left out).</summary>
public sealed record ReportView(ReportPeriod Period, ReportFilter Filter, ConversationQuery Drill, string? Problem);
