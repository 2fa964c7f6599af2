using System.Text;
using CareConsole.Api;
using CareConsole.Core.Reports;
using CareConsole.Core.Staff;
using Microsoft.AspNetCore.Authorization;

namespace CareConsole.Components.Dashboard;

/// <summary>
/// The dashboard's CSV exports, for a signed-in manager: the filtered conversation list, one row each, and each chart's
/// data as the chart groups it. The link carries the same period, filter and drill-down as the page it came from.
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapDashboardExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboard/export/{name}.csv", ExportAsync)
            .RequireAuthorization(new AuthorizeAttribute { Roles = StaffRoles.Manager })
            .RequireRateLimiting(Hosting.RateLimiting.Pages)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExportAsync(string name, HttpContext http, ReportService reports, CancellationToken cancellationToken)
    {
        var view = ReportLinks.Read(name => http.Request.Query[name].FirstOrDefault(), reports.Now, reports.Zone);
        if (view.Problem is { } problem)
        {
            return ApiProblems.BadRequest($"\"{problem}\" is not a value the dashboard offers.");
        }
        var snapshot = await reports.LoadAsync(view.Period, view.Filter, cancellationToken);
        string csv;
        if (name == "conversations")
        {
            csv = ReportCsv.Conversations(await RowsAsync(reports, snapshot, view.Drill, cancellationToken));
        }
        else if (snapshot.Charts().FirstOrDefault(c => c.Key == name) is { } series)
        {
            csv = ReportCsv.Series(series);
        }
        else
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, "Not found", $"There is no export named \"{name}\".");
        }
        var file = $"careconsole-{name}-{view.Period.From:yyyyMMdd}-{view.Period.To:yyyyMMdd}.csv";
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", file);
    }

    /// <summary>The rows of the conversations <paramref name="drill"/> picks, newest first, with the agents' names.</summary>
    public static async Task<IReadOnlyList<ConversationRow>> RowsAsync(ReportService reports, ReportSnapshot snapshot, ConversationQuery drill, CancellationToken cancellationToken)
    {
        var names = (await reports.StaffAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.DisplayName);
        return [.. (await reports.ConversationsAsync(snapshot, drill, cancellationToken)).Select(f => ConversationRow.From(f, snapshot, names))];
    }
}
