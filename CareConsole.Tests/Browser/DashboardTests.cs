using System.Globalization;
using System.Text.RegularExpressions;
using CareConsole.Components.Dashboard;
using CareConsole.Core.Conversations;
using CareConsole.Core.Reports;
using CareConsole.Core.Trackers;
using CareConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CareConsole.Tests.Browser;

/// <summary>A manager on the dashboard, in a real browser, over a month of conversations.</summary>
[Trait("Category", "Browser")]
public sealed class DashboardTests(DashboardBrowserApp app) : IClassFixture<DashboardBrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClickingABar_OpensTheTranscriptsItCounted()
    {
        var page = await ManagerPageAsync($"/dashboard?{DashboardBrowserApp.October}");
        var chart = page.Locator("[data-chart=outcomes][data-clickable=true]");
        // plotly.js is a large script drawing seven charts: on a busy two-core machine the first draw can take well over the
        // default wait, so this one is given a minute.
        await Assertions.Expect(chart.Locator("g.trace.bars path").First).ToBeAttachedAsync(new() { Timeout = 60_000 });
        await chart.ScrollIntoViewIfNeededAsync();

        // The tallest bar, clicked where a person would: pointed at until plotly.js shows its label (the chart may still be
        // settling into its width), then clicked. plotly.js takes clicks on the layer over the bars, for the point it hovers.
        // A click that lands while the chart is being laid out again misses, as it would for a person, who clicks again.
        var label = chart.Locator("g.hovertext");
        var drilled = new Regex(@"/dashboard/transcripts\?.*\bday=");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!drilled.IsMatch(page.Url))
        {
            var box = await chart.EvaluateAsync<float[]>("""
                figure => {
                  const bars = [...figure.querySelectorAll('g.trace.bars g.point path')].map(p => p.getBoundingClientRect());
                  const tallest = bars.reduce((a, b) => (b.height > a.height ? b : a));
                  return [tallest.x + tallest.width / 2, tallest.y + tallest.height / 2, tallest.height];
                }
                """);
            Assert.True(box[2] > 0);
            await page.Mouse.MoveAsync(box[0], box[1] - 1);
            await page.Mouse.MoveAsync(box[0], box[1]);
            try
            {
                await Assertions.Expect(label.First).ToBeVisibleAsync(new() { Timeout = 2_000 });
                await page.Mouse.ClickAsync(box[0], box[1]);
                // Polled, not awaited as a navigation: Blazor moves by history.pushState, which can land before a navigation
                // waiter listens.
                await Assertions.Expect(page).ToHaveURLAsync(drilled, new() { Timeout = 5_000 });
                break;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                await page.Mouse.MoveAsync(0, 0);
            }
        }

        // The overview leaves the DOM only after the URL has changed, so the locator names the transcripts list itself.
        var list = page.Locator(".dashboard.transcripts[data-loaded=true]");
        await Assertions.Expect(list).ToBeVisibleAsync();
        var shown = int.Parse(await list.GetAttributeAsync("data-count") ?? "", CultureInfo.InvariantCulture);

        // The bar's own height, from the figures the chart was drawn from, for the day and outcome the link names.
        var view = ReportLinks.Read(ReportLinks.QueryOf(page.Url), Reports.Now, Reports.Zone);
        Assert.NotNull(view.Drill.Day);
        Assert.NotNull(view.Drill.Outcome);
        var outcomes = (await Reports.LoadAsync(view.Period, view.Filter, Ct)).Outcomes();
        var trace = outcomes.Traces.Single(t => t.Query.Single().Value == ConversationQuery.OutcomeNames[view.Drill.Outcome!.Value]);
        var bar = trace.Y[outcomes.XQueryValues.ToList().IndexOf(view.Drill.Day!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))];
        Assert.Equal(bar, shown);
        Assert.True(shown > 0);
        await Assertions.Expect(page.Locator("table.conversations tbody tr")).ToHaveCountAsync(shown);
    }

    [Fact]
    public async Task ExportedCsv_HasARowForEachConversationInTheList()
    {
        var page = await ManagerPageAsync($"/dashboard/transcripts?{DashboardBrowserApp.October}&owner=person");
        var shown = int.Parse(await page.Locator(".dashboard.transcripts[data-loaded=true]").GetAttributeAsync("data-count") ?? "", CultureInfo.InvariantCulture);

        await page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Menuitem, new() { Name = "Conversations (one row each)" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), Ct);

        Assert.True(shown > 0);
        Assert.Equal(shown, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1);
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewTracker_IsCountedOverHistoryToTheEnd_WithTheHitsTheMessagesHold()
    {
        var page = await ManagerPageAsync("/dashboard/trackers");
        await Assertions.Expect(page.Locator(".dashboard[data-live=true]")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "New tracker" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Numbered messages");
        await page.GetByLabel("English phrases").FillAsync("message 1*");
        await page.GetByLabel("Pattern").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and count" }).ClickAsync();

        var row = page.Locator("tr[data-tracker='Numbered messages']");
        await Assertions.Expect(row.Locator("[data-progress='100']")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        await using var db = app.Factory.Store.NewContext();
        var texts = await db.Messages.Where(m => m.Author == Author.Customer).Select(m => m.Text).ToListAsync(Ct);
        var expected = texts.Count(t => t.Split(' ') is ["message", var number] && number.StartsWith('1'));
        Assert.True(expected > 20);
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync(expected.ToString("N0", CultureInfo.GetCultureInfo("en-IN")));
    }

    [Fact]
    public async Task PickingAFilter_RedrawsTheOverviewForIt_AndTheLinkHoldsIt()
    {
        var page = await ManagerPageAsync($"/dashboard?{DashboardBrowserApp.October}");
        var conversations = page.Locator("[data-kpi=conversations] .kpi-value");
        var view = ReportLinks.Read(ReportLinks.QueryOf("?" + DashboardBrowserApp.October), Reports.Now, Reports.Zone);
        var all = (await Reports.LoadAsync(view.Period, view.Filter, Ct)).Kpis().Conversations;
        var withPerson = (await Reports.LoadAsync(view.Period, new ReportFilter(Owner: OwnerFilter.WithPerson), Ct)).Kpis().Conversations;
        Assert.NotEqual(all, withPerson);
        await Assertions.Expect(conversations).ToHaveTextAsync(all.ToString("N0", CultureInfo.GetCultureInfo("en-IN")));

        await page.Locator(".filters .mud-select.filter").Filter(new() { HasText = "Owner" }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "With a person" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"[?&]owner=person"));
        await Assertions.Expect(conversations).ToHaveTextAsync(withPerson.ToString("N0", CultureInfo.GetCultureInfo("en-IN")));
    }

    [Fact]
    public async Task Searching_ListsTheConversationsHoldingTheWords_WithTheWordsMarked()
    {
        var page = await ManagerPageAsync($"/dashboard/transcripts?{DashboardBrowserApp.October}");

        await page.GetByLabel("Search messages").FillAsync("\"On it\"");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"[?&]q="));
        // The same list re-renders in place: its count is the search's once the matches are marked.
        await Assertions.Expect(page.Locator("tr.snippet mark").First).ToHaveTextAsync("on it");
        var list = page.Locator(".dashboard.transcripts[data-loaded=true]");
        var shown = int.Parse(await list.GetAttributeAsync("data-count") ?? "", CultureInfo.InvariantCulture);
        // Counted from the stored text: October's conversations with "on it" in a message ("I'm on it.").
        var view = ReportLinks.Read(ReportLinks.QueryOf("?" + DashboardBrowserApp.October), Reports.Now, Reports.Zone);
        var month = await Reports.ConversationsAsync(await Reports.LoadAsync(view.Period, view.Filter, Ct), ConversationQuery.All, Ct);
        await using var db = app.Factory.Store.NewContext();
        var saidOnIt = (await db.Messages.Select(m => new { m.ConversationId, m.Text }).ToListAsync(Ct))
            .Where(m => Regex.IsMatch(m.Text, @"\bon it\b", RegexOptions.IgnoreCase)).Select(m => m.ConversationId).ToHashSet();
        Assert.Equal(month.Count(f => saidOnIt.Contains(f.ConversationId)), shown);
        Assert.True(shown > 0);
        await Assertions.Expect(page.Locator("tr.snippet")).ToHaveCountAsync(Math.Min(shown, 200));

        // Opening a result shows the whole conversation with the phrase underlined where it was said.
        var first = page.Locator("tr[data-conversation]").First;
        var id = await first.GetAttributeAsync("data-conversation");
        await first.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($@"/dashboard/transcripts/{id}\?.*\bq="));
        var transcript = page.Locator("article.transcript[data-loaded=true]");
        await Assertions.Expect(transcript.Locator("mark.searched").First).ToHaveTextAsync(new Regex("^on it$", RegexOptions.IgnoreCase));
    }

    [Fact]
    public async Task AConversation_ShowsItsTranscript_WithATrackersHitsMarkedWhereTheyMatched()
    {
        var trackers = app.Factory.Services.GetRequiredService<TrackerService>();
        var tracker = await trackers.CreateAsync(new TrackerDraft("Apologies", new TrackerPhrases(["on it"], [], []), Speakers: TrackerSpeakers.Agent), Ct);
        await using var db = app.Factory.Store.NewContext();
        // The back-fill counts history in the background: wait for it, as a manager watches the progress bar.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await db.Trackers.AsNoTracking().AnyAsync(t => t.Id == tracker.Id && (t.BackfillTarget == null || t.BackfillThrough < t.BackfillTarget), Ct))
        {
            Assert.True(DateTime.UtcNow < deadline, "the tracker's back-fill should finish within a minute");
            await Task.Delay(100, Ct);
        }
        var hit = await db.TrackerHits.AsNoTracking().Where(h => h.TrackerId == tracker.Id).OrderBy(h => h.Id).FirstAsync(Ct);
        var text = await db.Messages.Where(m => m.Id == hit.MessageId).Select(m => m.Text).SingleAsync(Ct);

        var page = await ManagerPageAsync($"/dashboard/transcripts/{hit.ConversationId}");

        var transcript = page.Locator("article.transcript[data-loaded=true]");
        await Assertions.Expect(transcript).ToBeVisibleAsync();
        var message = transcript.Locator($"#message-{hit.MessageId}");
        await Assertions.Expect(message.Locator("mark[data-trackers='Apologies']")).ToHaveTextAsync(text.Substring(hit.Start, hit.Length));
        await Assertions.Expect(message.Locator(".text")).ToHaveTextAsync(text);
        await Assertions.Expect(transcript.Locator("#handoffs-title")).ToBeVisibleAsync();
        await Assertions.Expect(transcript.Locator("[data-chart=sentiment]")).ToBeVisibleAsync();

        // On paper the page stands alone: no app bar.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".mud-appbar")).ToBeHiddenAsync();
        await trackers.DeleteAsync(tracker.Id, Ct);
    }

    [Fact]
    public async Task AConversationThatDoesNotExist_IsTheSameNotFoundPageAsAnyAddress()
    {
        var page = await ManagerPageAsync($"/dashboard/transcripts?{DashboardBrowserApp.October}");

        var response = await page.GotoAsync($"/dashboard/transcripts/{Guid.NewGuid()}");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("/dashboard", Themes.Light)]
    [InlineData("/dashboard", Themes.Dark)]
    [InlineData("/dashboard/transcripts", Themes.Light)]
    [InlineData("/dashboard/transcripts", Themes.Dark)]
    [InlineData("/dashboard/trackers", Themes.Light)]
    [InlineData("/dashboard/trackers", Themes.Dark)]
    [InlineData("/dashboard/transcripts?q=on+it&", Themes.Light)]
    [InlineData("/dashboard/transcripts?q=on+it&", Themes.Dark)]
    public async Task DashboardPages_HaveNoSeriousViolations(string path, string theme)
    {
        var page = await app.NewPageAsync();
        await Themes.UseAsync(page, app.Factory.BaseAddress, theme);
        await SignInAsync(page, path + (path == "/dashboard/trackers" ? "" : (path.Contains('?', StringComparison.Ordinal) ? "" : "?") + DashboardBrowserApp.October));

        await Accessibility.ExpectNoSeriousViolationsAsync(page, $"{path} ({theme})");
        Assert.Empty(app.CspViolations);
    }

    private ReportService Reports => app.Factory.Services.GetRequiredService<ReportService>();

    private async Task<IPage> ManagerPageAsync(string path)
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, path);
        return page;
    }

    private async Task SignInAsync(IPage page, string path)
    {
        await page.GotoAsync("/account/sign-in?ReturnUrl=" + Uri.EscapeDataString(path));
        await BrowserApp.SignInAsync(page, app.Manager);
        await Assertions.Expect(page.Locator(".dashboard[data-loaded=true], article.transcript[data-loaded=true]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
    }
}
