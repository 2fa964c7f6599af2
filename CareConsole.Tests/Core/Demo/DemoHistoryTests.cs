using CareConsole.Core.Conversations;
using CareConsole.Core.Reports;
using CareConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Core.Demo;

/// <summary>The demo's month of history, made in the background through the real agent and desk.</summary>
public sealed class DemoHistoryTests(TestDatabases databases)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstDemoStart_FillsTheLastMonthThroughTheRealPipeline()
    {
        await using var app = await CareConsoleFactory.StartAsync(databases, demo: true, settings: new Dictionary<string, string> { ["Demo:History"] = "true" });
        // The console answers customers while the history is still being made.
        using var http = app.CreateClient();
        var chat = await new CustomerApi(http).StartAsync();
        Assert.False(string.IsNullOrWhiteSpace((await chat.SayAsync("where is my order?")).Reply));

        await using var db = app.Store.NewContext();
        await Poll.UntilAsync(async ct => await db.Conversations.CountAsync(ct) > 300 && await Behind(app) == 0, TimeSpan.FromMinutes(3));

        var tenMinutesAgo = DateTimeOffset.UtcNow.AddMinutes(-10);
        var conversations = await db.Conversations.AsNoTracking().Where(c => c.CreatedAt < tenMinutesAgo).ToListAsync(Ct);
        Assert.True(conversations.Count >= 300, $"{conversations.Count} past conversations");
        Assert.True(conversations.Select(c => c.CreatedAt.UtcDateTime.Date).Distinct().Count() >= 25, "spread over the month");
        Assert.True(conversations.Min(c => c.CreatedAt) > DateTimeOffset.UtcNow.AddDays(-31));
        // Made by the pipeline: hand-offs by several rules, people taking them and deciding requests, ratings, and
        // customers writing in Devanagari, every one answered by the agent.
        Assert.True(await db.Escalations.Select(e => e.Reason).Distinct().CountAsync(Ct) >= 3);
        Assert.True(await db.ReportingEvents.CountAsync(e => e.Name == ReportingEventName.Claimed && e.StaffUserId != null, Ct) >= 20);
        Assert.True(await db.ActionRequests.CountAsync(r => r.Status == ActionRequestStatus.Approved || r.Status == ActionRequestStatus.Rejected, Ct) >= 3);
        Assert.True(await db.Conversations.CountAsync(c => c.Feedback != null, Ct) >= 50);
        Assert.True(await db.Messages.CountAsync(m => m.Author == Author.Customer && m.Register == Register.Hindi, Ct) >= 20);
        Assert.True(await db.ReportingEvents.CountAsync(e => e.Name == ReportingEventName.FirstResponse, Ct) >= 300);

        var period = ReportPeriod.Ending(ReportPeriodKind.Last30Days, DateTimeOffset.UtcNow, app.Services.GetRequiredService<ReportService>().Zone);
        var kpis = (await app.Services.GetRequiredService<ReportService>().LoadAsync(period, ReportFilter.None, Ct)).Kpis();
        Assert.True(kpis.Conversations >= 290);
        Assert.InRange(kpis.AutonomousResolutionRate!.Value, 0.2, 0.9);
        Assert.True(kpis.HumanWaitingTime.Count > 0 && kpis.Csat.PersonHandled.Ratings > 0);
    }

    private static Task<int> Behind(CareConsoleFactory app) => app.Services.GetRequiredService<FactsProjector>().BehindAsync(Ct);
}
