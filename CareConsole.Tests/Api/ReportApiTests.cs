using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareConsole.Core.Conversations;
using CareConsole.Core.Reports;
using CareConsole.Core.Staff;
using CareConsole.Tests.Core.Reports;
using CareConsole.Tests.Infrastructure;
using CareConsole.Core.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Api;

/// <summary>
/// The reporting API over a month of conversations, with a manager's token: the same figures, charts and lists as the
/// dashboard and its exports for the same link, and refusals of what the dashboard does not offer.
/// </summary>
public sealed class ReportApiTests(ReportApiTests.HistoryApp app) : IClassFixture<ReportApiTests.HistoryApp>
{
    private const string October = "period=custom&from=2026-10-01&to=2026-10-31";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Kpis_ForTheSameQuery_EqualReportServicesFiguresFieldByField()
    {
        using var api = app.Factory.CreateClientWithToken(app.Token);
        var reports = app.Factory.Services.GetRequiredService<ReportService>();
        var period = ReportPeriod.Between(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31))!;

        foreach (var (query, filter) in new (string, ReportFilter)[]
        {
            (October, ReportFilter.None),
            (October + "&owner=person", new ReportFilter(Owner: OwnerFilter.WithPerson)),
            (October + "&channel=web&language=hindi", new ReportFilter(Channel: Channel.Web, Language: Register.Hindi)),
            (October + "&rule=customerrequest", new ReportFilter(Rule: EscalationReason.CustomerRequest)),
        })
        {
            using var body = JsonDocument.Parse(await api.GetStringAsync($"/api/reports/kpis?{query}", Ct));
            var expected = (await reports.LoadAsync(period, filter, Ct)).Kpis();

            var kpis = body.RootElement.GetProperty("kpis");
            AssertSameJson(JsonSerializer.SerializeToElement(expected, Web), kpis, query);
            Assert.All(KpiDefinitions.All, definition => Assert.True(kpis.TryGetProperty(definition.Key, out _), $"no \"{definition.Key}\" in {query}"));
            Assert.True(expected.Conversations > 0, $"{query} should count some of the month's conversations");
            var returnedPeriod = body.RootElement.GetProperty("period");
            Assert.Equal("2026-10-01", returnedPeriod.GetProperty("from").GetString());
            Assert.Equal("2026-10-31", returnedPeriod.GetProperty("to").GetString());
            Assert.Equal(reports.Zone.Id, returnedPeriod.GetProperty("timeZone").GetString());
        }
    }

    [Fact]
    public async Task Conversations_ForTheSameQuery_AreTheCsvExportsRowsInItsOrder()
    {
        using var api = app.Factory.CreateClientWithToken(app.Token);

        foreach (var query in new[] { October, October + "&owner=person", October + "&channel=api&outcome=abandoned", October + "&rating=5", October + "&q=%22on+it%22" })
        {
            using var body = JsonDocument.Parse(await api.GetStringAsync($"/api/reports/conversations?{query}&limit=1000", Ct));
            var csv = await app.ManagerCookie.GetStringAsync($"/dashboard/export/conversations.csv?{query}", Ct);

            var csvIds = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')[0]).ToList();
            var apiIds = Ids(body.RootElement);
            Assert.Equal(csvIds.Count, body.RootElement.GetProperty("total").GetInt32());
            Assert.Equal(csvIds, apiIds);
            Assert.True(csvIds.Count > 0, $"{query} should pick some of the month's conversations");
        }
    }

    [Fact]
    public async Task Conversations_SearchedFor_AreExactlyThoseWhoseMessagesHoldTheWords()
    {
        using var api = app.Factory.CreateClientWithToken(app.Token);
        using var whole = JsonDocument.Parse(await api.GetStringAsync($"/api/reports/conversations?{October}&limit=1000", Ct));
        using var phrase = JsonDocument.Parse(await api.GetStringAsync($"/api/reports/conversations?{October}&q=%22ON+it%22&limit=1000", Ct));
        using var either = JsonDocument.Parse(await api.GetStringAsync($"/api/reports/conversations?{October}&q=done+glad&match=any&limit=1000", Ct));

        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<CareDbContext>>().CreateDbContextAsync(Ct);
        var texts = (await db.Messages.Select(m => new { m.ConversationId, m.Text }).ToListAsync(Ct))
            .ToLookup(m => m.ConversationId.ToString(), m => m.Text);
        var month = Ids(whole.RootElement);
        // Counted here from the stored text: an agent's "I'm on it."; an agent's "Done." or the assistant's "Glad to help."
        var onIt = month.Where(id => texts[id].Any(t => Regex.IsMatch(t, @"\bon it\b", RegexOptions.IgnoreCase))).ToList();
        var doneOrGlad = month.Where(id => texts[id].Any(t => Regex.IsMatch(t, @"\b(done|glad)\b", RegexOptions.IgnoreCase))).ToList();

        Assert.InRange(onIt.Count, 1, month.Count - 1);
        Assert.Equal(onIt, Ids(phrase.RootElement));
        Assert.InRange(doneOrGlad.Count, 1, month.Count - 1);
        Assert.Equal(doneOrGlad, Ids(either.RootElement));
    }

    [Fact]
    public async Task Conversations_PagedByNextLinks_CoverEveryRowOnce_AndDefaultToAHundred()
    {
        using var api = app.Factory.CreateClientWithToken(app.Token);
        using var whole = JsonDocument.Parse(await api.GetStringAsync($"/api/reports/conversations?{October}&limit=1000", Ct));
        using var first = JsonDocument.Parse(await api.GetStringAsync($"/api/reports/conversations?{October}", Ct));
        var all = Ids(whole.RootElement);
        var total = whole.RootElement.GetProperty("total").GetInt32();

        var paged = new List<string>();
        string? next = $"/api/reports/conversations?{October}&limit=7";
        var pages = 0;
        while (next is not null && pages++ < 100)
        {
            using var page = JsonDocument.Parse(await api.GetStringAsync(next, Ct));
            Assert.Equal(total, page.RootElement.GetProperty("total").GetInt32());
            Assert.True(page.RootElement.GetProperty("conversations").GetArrayLength() <= 7);
            paged.AddRange(Ids(page.RootElement));
            next = page.RootElement.GetProperty("next").GetString();
        }
        using var beyond = JsonDocument.Parse(await api.GetStringAsync($"/api/reports/conversations?{October}&offset={total + 5}", Ct));

        Assert.Equal(all, paged);
        Assert.Equal(total, all.Count);
        Assert.Equal(100, first.RootElement.GetProperty("limit").GetInt32());
        Assert.Equal(Math.Min(100, total), first.RootElement.GetProperty("conversations").GetArrayLength());
        Assert.Equal(all.Take(100), Ids(first.RootElement));
        Assert.Equal(total > 100, first.RootElement.GetProperty("next").ValueKind == JsonValueKind.String);
        Assert.Empty(Ids(beyond.RootElement));
        Assert.Equal(JsonValueKind.Null, beyond.RootElement.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task Series_AreTheDashboardsCharts_AndEachPointsLinkListsTheConversationsItCounts()
    {
        using var api = app.Factory.CreateClientWithToken(app.Token);
        var reports = app.Factory.Services.GetRequiredService<ReportService>();
        var snapshot = await reports.LoadAsync(ReportPeriod.Between(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31))!, ReportFilter.None, Ct);

        using var all = JsonDocument.Parse(await api.GetStringAsync($"/api/reports/series?{October}", Ct));
        Assert.Equal(snapshot.Charts().Select(c => c.Key), all.RootElement.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("key").GetString()));

        foreach (var chart in new[] { "outcomes", "csat", "traffic", "first-response" })
        {
            using var one = JsonDocument.Parse(await api.GetStringAsync($"/api/reports/series/{chart}?{October}", Ct));
            var series = one.RootElement.GetProperty("series");
            var expected = snapshot.Charts().Single(c => c.Key == chart);
            var traces = series.GetProperty("traces").EnumerateArray().ToList();
            Assert.Equal(expected.Traces.Select(t => t.Name), traces.Select(t => t.GetProperty("name").GetString()));
            Assert.Equal(expected.Traces.SelectMany(t => t.Y).Select(y => y!.Value), traces.SelectMany(t => t.GetProperty("y").EnumerateArray().Select(y => y.GetDouble())));

            // The busiest point of the chart: following its link lists exactly the conversations the point counts.
            var busiest = traces
                .SelectMany((t, trace) => t.GetProperty("y").EnumerateArray().Select((y, point) => (Trace: trace, Point: point, Count: y.GetDouble())))
                .MaxBy(p => p.Count);
            var link = traces[busiest.Trace].GetProperty("conversations")[busiest.Point].GetString()!;
            using var behind = JsonDocument.Parse(await api.GetStringAsync(link + "&limit=1000", Ct));
            Assert.Equal(busiest.Count, behind.RootElement.GetProperty("total").GetInt32());
            Assert.True(busiest.Count > 0, $"{chart} should have a point with conversations behind it");
        }
    }

    [Fact]
    public async Task Definitions_AreTheDashboards()
    {
        using var api = app.Factory.CreateClientWithToken(app.Token);

        var definitions = JsonSerializer.Deserialize<List<KpiDefinition>>(await api.GetStringAsync("/api/reports/definitions", Ct), Web);

        Assert.Equal(KpiDefinitions.All, definitions);
    }

    [Theory]
    [InlineData("/api/reports/kpis?period=forever", "period")]
    [InlineData("/api/reports/kpis?period=custom&from=2026-10-31&to=2026-10-01", "period")]
    [InlineData("/api/reports/kpis?period=custom&from=2025-01-01&to=2026-10-01", "period")]
    [InlineData("/api/reports/kpis?from=2026-10-01&to=2026-10-31", "period")]
    [InlineData("/api/reports/kpis?channel=fax", "channel")]
    [InlineData("/api/reports/series?language=french", "language")]
    [InlineData("/api/reports/series/outcomes?tracker=abc", "tracker")]
    [InlineData("/api/reports/kpis?rule=whim", "rule")]
    [InlineData("/api/reports/kpis?rating=5", "rating")]
    [InlineData("/api/reports/kpis?chanel=web", "chanel")]
    [InlineData("/api/reports/kpis?channel=web&channel=api", "channel")]
    [InlineData("/api/reports/conversations?rating=9", "rating")]
    [InlineData("/api/reports/conversations?day=2026-13-01", "day")]
    [InlineData("/api/reports/conversations?verified=maybe", "verified")]
    [InlineData("/api/reports/conversations?limit=0", "limit")]
    [InlineData("/api/reports/conversations?limit=1001", "limit")]
    [InlineData("/api/reports/conversations?limit=ten", "limit")]
    [InlineData("/api/reports/conversations?offset=-1", "offset")]
    [InlineData("/api/reports/conversations?q=%22%22", "q")]
    [InlineData("/api/reports/conversations?q=%3F%21", "q")]
    [InlineData("/api/reports/conversations?match=some&q=refund", "match")]
    public async Task BadQueryValue_Is400ProblemNamingTheParameter(string path, string parameter)
    {
        using var api = app.Factory.CreateClientWithToken(app.Token);

        using var response = await api.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(parameter, problem.RootElement.GetProperty("parameter").GetString());
        Assert.Contains($"\"{parameter}\"", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownSeries_Is404ProblemListingTheSeries()
    {
        using var api = app.Factory.CreateClientWithToken(app.Token);

        using var response = await api.GetAsync($"/api/reports/series/revenue?{October}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("first-response", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_AreNeverCached()
    {
        using var api = app.Factory.CreateClientWithToken(app.Token);

        using var response = await api.GetAsync($"/api/reports/kpis?{October}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
    }

    private static List<string> Ids(JsonElement page) =>
        page.GetProperty("conversations").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();

    /// <summary>Every property and item of <paramref name="expected"/> is in <paramref name="actual"/> with the same value, and nothing more.</summary>
    private static void AssertSameJson(JsonElement expected, JsonElement actual, string path)
    {
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: {expected.ValueKind} expected, {actual.ValueKind} found");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.Equal(expected.EnumerateObject().Select(p => p.Name).Order(), actual.EnumerateObject().Select(p => p.Name).Order());
                foreach (var property in expected.EnumerateObject())
                {
                    AssertSameJson(property.Value, actual.GetProperty(property.Name), $"{path}.{property.Name}");
                }
                break;
            case JsonValueKind.Array:
                Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{path}: {expected.GetArrayLength()} items expected, {actual.GetArrayLength()} found");
                for (var i = 0; i < expected.GetArrayLength(); i++)
                {
                    AssertSameJson(expected[i], actual[i], $"{path}[{i}]");
                }
                break;
            case JsonValueKind.Number:
                Assert.True(expected.GetDouble() == actual.GetDouble(), $"{path}: {expected} expected, {actual} found");
                break;
            case JsonValueKind.String:
                Assert.True(expected.GetString() == actual.GetString(), $"{path}: {expected} expected, {actual} found");
                break;
        }
    }

    /// <summary>The app with a month of conversations, a manager's token, and the same manager signed in for the CSV export.</summary>
    public sealed class HistoryApp(TestDatabases databases) : IAsyncLifetime
    {
        public CareConsoleFactory Factory { get; private set; } = null!;

        public string Token { get; private set; } = "";

        public HttpClient ManagerCookie { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Factory = await CareConsoleFactory.StartAsync(databases, demo: false);
            await using (var db = Factory.Store.NewContext())
            {
                await ReportScenario.BuildAsync(db, new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), days: 30, count: 120, seed: 7, Ct);
            }
            await Factory.Services.GetRequiredService<FactsProjector>().CatchUpAsync(Ct);
            var manager = await Factory.AddStaffAsync(StaffRoles.Manager, "Manager Reports");
            Token = await Factory.CreateTokenAsync(manager.Email);
            ManagerCookie = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });
            using var signedIn = await StaffForms.PostSignInAsync(ManagerCookie, manager.Email, manager.Password);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        public async ValueTask DisposeAsync()
        {
            ManagerCookie.Dispose();
            await Factory.DisposeAsync();
        }
    }
}
