using System.Net;
using System.Text.RegularExpressions;
using CareConsole.Core.Reports;
using CareConsole.Core.Staff;
using CareConsole.Tests.Core.Reports;
using CareConsole.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Api;

/// <summary>The dashboard's CSV exports and transcripts list, as a signed-in manager gets them over HTTP.</summary>
public sealed partial class DashboardExportTests(TestDatabases databases)
{
    private const string October = "period=custom&from=2026-10-01&to=2026-10-31";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConversationsCsv_HasOneRowPerConversationTheTranscriptsListShows()
    {
        await using var app = await StartWithHistoryAsync();
        using var manager = await SignedInAsync(app, StaffRoles.Manager);

        foreach (var query in new[] { October, October + "&owner=person", October + "&channel=api&outcome=abandoned", October + "&rating=5" })
        {
            var csv = await manager.GetStringAsync($"/dashboard/export/conversations.csv?{query}", Ct);
            var listed = int.Parse(DataCount().Match(await manager.GetStringAsync($"/dashboard/transcripts?{query}", Ct)).Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture);

            var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(string.Join(',', ReportCsv.ConversationColumns), lines[0]);
            Assert.Equal(listed, lines.Length - 1);
            Assert.True(listed > 0, $"{query} should pick some of the month's conversations");
        }
    }

    [Fact]
    public async Task ChartCsv_GroupsAsTheChartDoes()
    {
        await using var app = await StartWithHistoryAsync();
        using var manager = await SignedInAsync(app, StaffRoles.Manager);

        var outcomes = (await manager.GetStringAsync($"/dashboard/export/outcomes.csv?{October}", Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var all = (await manager.GetStringAsync($"/dashboard/export/conversations.csv?{October}", Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("day,Resolved by AI,Resolved with a person,Waiting,Abandoned", outcomes[0]);
        Assert.Equal(31, outcomes.Length - 1);
        Assert.Equal(all.Length - 1, outcomes.Skip(1).Sum(line => line.Split(',').Skip(1).Sum(cell => int.Parse(cell, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task Exports_RefuseWhoeverIsNotAManager_AndValuesTheDashboardDoesNotOffer()
    {
        await using var app = await StartWithHistoryAsync();
        using var agent = await SignedInAsync(app, StaffRoles.Agent);
        using var manager = await SignedInAsync(app, StaffRoles.Manager);
        using var stranger = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var byAgent = await agent.GetAsync($"/dashboard/export/conversations.csv?{October}", Ct);
        using var byStranger = await stranger.GetAsync($"/dashboard/export/conversations.csv?{October}", Ct);
        using var badPeriod = await manager.GetAsync("/dashboard/export/conversations.csv?period=forever", Ct);
        using var badRating = await manager.GetAsync($"/dashboard/export/conversations.csv?{October}&rating=9", Ct);
        using var unknown = await manager.GetAsync($"/dashboard/export/secrets.csv?{October}", Ct);

        Assert.DoesNotContain("text/csv", byAgent.Content.Headers.ContentType?.ToString() ?? "");
        Assert.NotEqual(HttpStatusCode.OK, byStranger.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.Equal("application/problem+json", badPeriod.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, badRating.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public void Csv_QuotesWhatNeedsIt_AndDefusesFormulas()
    {
        var csv = ReportCsv.Series(new ChartSeries("x", "X", "X", "Y", "day", ["a"], ["=HYPERLINK(\"evil\")"], [new ChartTrace("Say, \"hi\"", [1], [])]));

        Assert.Equal("day,\"Say, \"\"hi\"\"\"\r\n\"'=HYPERLINK(\"\"evil\"\")\",1\r\n", csv);
    }

    [Theory]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-0.25", "-0.25")]
    [InlineData("Late - delivery", "Late - delivery")]
    public void Csv_NamesThatStartLikeAFormula_AreText_NumbersStayNumbers(string name, string cell)
    {
        var csv = ReportCsv.Series(new ChartSeries("trackers", "Tracker hits", "Day", "Conversations", "day", ["1 Oct"], ["2026-10-01"], [new ChartTrace(name, [1], [])]));

        Assert.Equal($"day,{cell}", csv.Split("\r\n")[0]);
    }

    private async Task<CareConsoleFactory> StartWithHistoryAsync()
    {
        var app = await CareConsoleFactory.StartAsync(databases, demo: false);
        await using (var db = app.Store.NewContext())
        {
            await ReportScenario.BuildAsync(db, new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), days: 30, count: 120, seed: 7, Ct);
        }
        await app.Services.GetRequiredService<FactsProjector>().CatchUpAsync(Ct);
        return app;
    }

    private static async Task<HttpClient> SignedInAsync(CareConsoleFactory app, string role)
    {
        var staff = await app.AddStaffAsync(role, role + " Export");
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });
        using var signedIn = await StaffForms.PostSignInAsync(client, staff.Email, staff.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    [GeneratedRegex("data-count=\"(?<count>\\d+)\"")]
    private static partial Regex DataCount();
}
