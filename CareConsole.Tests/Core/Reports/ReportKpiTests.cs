using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Demo;
using CareConsole.Core.Desk;
using CareConsole.Core.Reports;
using CareConsole.Core.Transcripts;
using CareConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CareConsole.Tests.Core.Reports;

/// <summary>
/// Every figure the dashboard shows equals the same figure counted here another way: straight from the stored
/// messages, reporting events, hand-offs, requests and ratings, on the engine the run uses (CI runs both).
/// </summary>
public sealed class ReportKpiTests(TestDatabases databases)
{
    private static readonly DateTimeOffset FirstDay = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Zone = DeskSettings.Default.TimeZone;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryKpi_EqualsAnIndependentCountOfTheStoredRecord()
    {
        var (service, store) = await ScenarioAsync(count: 260);
        // Days 3 to 24: conversations before and after the period exist, and some customers come back after it.
        var period = ReportPeriod.Between(new DateOnly(2026, 10, 3), new DateOnly(2026, 10, 24))!;

        var kpis = (await service.LoadAsync(period, ReportFilter.None, Ct)).Kpis();
        await using var db = store.NewContext();
        var expected = await IndependentAsync(db, period, _ => true);

        Assert.True(expected.Conversations > 120, $"the scenario should put most conversations in the period, got {expected.Conversations}");
        Assert.Equal(expected.Conversations, kpis.Conversations);
        Assert.Equal(expected.Messages, kpis.Messages);
        Assert.Equal(expected.AiInvolvement, kpis.AiInvolvement!.Value, 9);
        Assert.Equal(expected.Autonomous, kpis.AutonomousResolutionRate!.Value, 9);
        Assert.Equal(expected.AiInvolvement * expected.Autonomous, kpis.AutomationRate!.Value, 9);
        Assert.Equal(expected.HandOffRate, kpis.HandOffRate!.Value, 9);
        Assert.Equal(expected.ByRule.OrderBy(p => p.Key), kpis.HandOffRateByRule.Select(r => new KeyValuePair<string, int>(r.Rule, r.Conversations)).OrderBy(p => p.Key));
        Assert.Equal(expected.Durable, kpis.DurableResolutionRate!.Value, 9);
        Assert.Equal(expected.Reopen, kpis.ReopenRate!.Value, 9);
        Assert.InRange(expected.Reopen, 0.01, 0.99); // both kinds of resolution are in the scenario
        AssertDurations(expected.AiFirstResponse, kpis.AiFirstResponse);
        AssertDurations(expected.HumanFirstResponse, kpis.HumanFirstResponse);
        AssertDurations(expected.AiWaits, kpis.AiWaitingTime);
        AssertDurations(expected.HumanWaits, kpis.HumanWaitingTime);
        AssertDurations(expected.Resolution, kpis.ResolutionTime);
        Assert.Equal(expected.Satisfied, kpis.Csat.All.Satisfied!.Value, 9);
        Assert.Equal(expected.CsatResponse, kpis.Csat.All.ResponseRate!.Value, 9);
        Assert.Equal(expected.SatisfiedAi, kpis.Csat.AiHandled.Satisfied!.Value, 9);
        Assert.Equal(expected.SatisfiedPerson, kpis.Csat.PersonHandled.Satisfied!.Value, 9);
        Assert.Equal(expected.AverageSentiment, kpis.Sentiment.Average!.Value, 9);
        Assert.Equal(expected.NegativeShare, kpis.Sentiment.NegativeShare!.Value, 9);
        Assert.Equal(expected.Worsened, kpis.Sentiment.Worsened);
        Assert.Equal(expected.VerificationAttempted, kpis.Verification.Attempted);
        Assert.Equal(expected.Verified, kpis.Verification.Verified);
        Assert.Equal(expected.Locks, kpis.Verification.Locks);
        Assert.Equal(expected.Requests, (kpis.Requests.Recorded, kpis.Requests.Approved, kpis.Requests.Rejected, kpis.Requests.AutoDone));
        Assert.Equal(expected.Rupees.Requested, kpis.Requests.RecordedRupees, 6);
        Assert.Equal(expected.Rupees.Approved, kpis.Requests.ApprovedRupees, 6);
        Assert.Equal(expected.Rupees.Rejected, kpis.Requests.RejectedRupees, 6);
        Assert.True(kpis.Requests.Approved > 0 && kpis.Requests.Rejected > 0 && kpis.Verification.Locks > 0, "the scenario covers decisions and locks");
    }

    [Fact]
    public async Task Filters_NarrowEveryKpiToTheConversationsTheyName()
    {
        var (service, store) = await ScenarioAsync(count: 160);
        var period = ReportPeriod.Between(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31))!;
        await using var db = store.NewContext();

        var withPerson = (await service.LoadAsync(period, new ReportFilter(Owner: OwnerFilter.WithPerson, Channel: Channel.Api), Ct)).Kpis();
        var expected = await IndependentAsync(db, period, c => c.Channel == Channel.Api && PersonTookPart(c));
        Assert.Equal(expected.Conversations, withPerson.Conversations);
        Assert.Equal(expected.Messages, withPerson.Messages);
        Assert.Equal(0, withPerson.AutonomousResolutionRate);

        var meera = (await service.LoadAsync(period, new ReportFilter(AgentId: ReportScenario.Meera.Id, Language: Register.Hindi), Ct)).Kpis();
        expected = await IndependentAsync(db, period, c => c.Register == Register.Hindi && c.Events.Where(e => e.Name == ReportingEventName.Claimed).MaxBy(e => e.At)?.StaffUserId == ReportScenario.Meera.Id);
        Assert.Equal(expected.Conversations, meera.Conversations);
        AssertDurations(expected.HumanFirstResponse, meera.HumanFirstResponse);

        var sentiment = (await service.LoadAsync(period, new ReportFilter(Rule: EscalationReason.NegativeSentiment), Ct)).Kpis();
        expected = await IndependentAsync(db, period, c => c.Escalations.OrderBy(e => e.CreatedAt).FirstOrDefault()?.Reason == EscalationReason.NegativeSentiment);
        Assert.Equal(expected.Conversations, sentiment.Conversations);
        Assert.True(sentiment.Conversations > 0);
        Assert.Equal(1, sentiment.HandOffRate);
    }

    [Fact]
    public async Task EveryChartPoint_DrillsDownToExactlyTheConversationsItCounts()
    {
        var (service, _) = await ScenarioAsync(count: 160);
        var period = ReportPeriod.Between(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31))!;
        var snapshot = await service.LoadAsync(period, ReportFilter.None, Ct);

        var counted = 0;
        foreach (var chart in snapshot.Charts().Where(c => c.Key != "sentiment"))
        {
            for (var trace = 0; trace < chart.Traces.Count; trace++)
            {
                for (var point = 0; point < chart.X.Count; point++)
                {
                    var values = chart.DrillDown(trace, point)!;
                    var filter = ReportFilter.FromQuery(name => values.FirstOrDefault(v => v.Key == name).Value, out _)!;
                    var query = ConversationQuery.FromQuery(name => values.FirstOrDefault(v => v.Key == name).Value, out var problem);
                    Assert.Null(problem);
                    var drilled = (await service.LoadAsync(period, filter, Ct)).Select(query!).Count();
                    Assert.Equal(chart.Traces[trace].Y[point], drilled);
                    counted += drilled;
                }
            }
        }
        Assert.True(counted > 300, "the charts count the scenario's conversations");
        // Stacked by outcome, the bars add up to every conversation; the heatmap's cells too.
        Assert.Equal(snapshot.Rows.Count, snapshot.Outcomes().Traces.Sum(t => t.Y.Sum()));
        Assert.Equal(snapshot.Rows.Count, snapshot.Traffic().Traces.Sum(t => t.Y.Sum()));
    }

    [Fact]
    public async Task Facts_FollowAConversationThatChangesAfterwards()
    {
        var store = await databases.CreateAsync();
        await using (var db = store.NewContext())
        {
            await db.Database.MigrateAsync(Ct);
        }
        var clock = new SimulatedClock(FirstDay.AddHours(10));
        var projector = new FactsProjector(store.ContextFactory(_ => { }), NullLogger<FactsProjector>.Instance);
        var service = new ReportService(store.ContextFactory(_ => { }), new FactsCache(), new TranscriptSearch(store.ContextFactory(_ => { })), DeskSettings.Default, clock);
        var period = ReportPeriod.Between(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 1))!;

        var conversation = Conversation.Start(Channel.Web, LanguagePreference.Auto, "h", clock.Now);
        conversation.ReceiveFromCustomer("where is my order", Register.English, -0.5, clock.Now);
        conversation.ReplyAsAssistant("Let me check.", [], clock.Now);
        await using (var db = store.NewContext())
        {
            db.Conversations.Add(conversation);
            await db.SaveChangesAsync(Ct);
        }
        await projector.CatchUpAsync(Ct);
        Assert.Equal(Outcome.Waiting, (await service.LoadAsync(period, ReportFilter.None, Ct)).Rows.Single().OutcomeAt(clock.Now));

        // Same instant, so the conversation's own columns may not change: the new rating must still reach the facts.
        await using (var db = store.NewContext())
        {
            var stored = await db.Conversations.Include(c => c.Messages).SingleAsync(Ct);
            stored.End(resolved: true, clock.Now);
            await db.SaveChangesAsync(Ct);
            stored.Rate(5, null, stored.UpdatedAt);
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal(1, await projector.BehindAsync(Ct));
        await projector.CatchUpAsync(Ct);
        var kpis = (await service.LoadAsync(period, ReportFilter.None, Ct)).Kpis();
        Assert.Equal(1, kpis.AutonomousResolutionRate);
        Assert.Equal(1, kpis.Csat.All.Satisfied);
        Assert.Equal(0, await projector.BehindAsync(Ct));
    }

    private async Task<(ReportService Service, TestStore Store)> ScenarioAsync(int count)
    {
        var store = await databases.CreateAsync();
        await using (var db = store.NewContext())
        {
            await db.Database.MigrateAsync(Ct);
            await ReportScenario.BuildAsync(db, FirstDay, days: 30, count, seed: 15, Ct);
        }
        var contexts = store.ContextFactory(_ => { });
        var projector = new FactsProjector(contexts, NullLogger<FactsProjector>.Instance);
        Assert.Equal(await projector.BehindAsync(Ct), await projector.CatchUpAsync(Ct));
        // "Now" is after the month, so chats left open count as abandoned.
        return (new ReportService(contexts, new FactsCache(), new TranscriptSearch(contexts), DeskSettings.Default, new SimulatedClock(FirstDay.AddDays(40))), store);
    }

    private static bool PersonTookPart(Conversation c) =>
        c.Events.Any(e => e.Name is ReportingEventName.Escalated or ReportingEventName.Claimed)
        || c.Messages.Any(m => m.Author == Author.Agent && !m.IsPrivateNote);

    private static void AssertDurations(List<double> expected, DurationStats actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        if (expected.Count == 0)
        {
            return;
        }
        var sorted = expected.Order().ToList();
        // The median and 90th percentile by their definition: the least value at or above which half (nine tenths) lie.
        Assert.Equal(sorted.First(v => sorted.Count(x => x <= v) * 2 >= sorted.Count), actual.Median!.Value, 6);
        Assert.Equal(sorted.First(v => sorted.Count(x => x <= v) * 10 >= sorted.Count * 9), actual.P90!.Value, 6);
        Assert.Equal(expected.Average(), actual.Mean!.Value, 6);
        Assert.Equal(expected.Count(s => s < 60), actual.Buckets[0].Count);
        Assert.Equal(expected.Count(s => s >= 14_400), actual.Buckets[5].Count);
        Assert.Equal(expected.Count, actual.Buckets.Sum(b => b.Count));
    }

    private sealed record Expected(
        int Conversations,
        int Messages,
        double AiInvolvement,
        double Autonomous,
        double HandOffRate,
        Dictionary<string, int> ByRule,
        double Durable,
        double Reopen,
        List<double> AiFirstResponse,
        List<double> HumanFirstResponse,
        List<double> AiWaits,
        List<double> HumanWaits,
        List<double> Resolution,
        double Satisfied,
        double CsatResponse,
        double SatisfiedAi,
        double SatisfiedPerson,
        double AverageSentiment,
        double NegativeShare,
        int Worsened,
        int VerificationAttempted,
        int Verified,
        int Locks,
        (int, int, int, int) Requests,
        (double Requested, double Approved, double Rejected) Rupees);

    /// <summary>The figures worked out from the stored record, with no use of the dashboard's facts.</summary>
    private static async Task<Expected> IndependentAsync(CareDbContext db, ReportPeriod period, Func<Conversation, bool> filter)
    {
        var start = period.Start(Zone);
        var end = period.End(Zone);
        var all = await db.Conversations.AsNoTracking().AsSplitQuery()
            .Include(c => c.Messages).Include(c => c.Events).Include(c => c.Escalations).Include(c => c.ActionRequests)
            .ToListAsync(Ct);
        var counted = all.Where(c => c.CreatedAt >= start && c.CreatedAt < end && c.Messages.Any(m => m.Author == Author.Customer) && filter(c)).ToList();
        var involved = counted.Where(c => c.Events.Any(e => e.Name == ReportingEventName.FirstResponse)).ToList();
        var resolved = counted.Where(c => c.Events.Any(e => e.Name == ReportingEventName.Resolved)).ToList();
        var autonomous = resolved.Where(c => !PersonTookPart(c)).ToList();
        bool CameBack(Conversation c) => c.VerifiedCustomerId is { } customer && all.Any(other =>
            other.VerifiedCustomerId == customer && other.Messages.Any(m => m.Author == Author.Customer)
            && other.CreatedAt > c.EndedAt && other.CreatedAt <= c.EndedAt!.Value.AddDays(7));
        var firstRules = counted.Where(c => c.Escalations.Count > 0).Select(c => c.Escalations.MinBy(e => e.CreatedAt)!.Reason).ToList();
        var ended = counted.Where(c => c.Phase == ConversationPhase.Ended).ToList();
        var rated = ended.Where(c => c.Feedback is not null).ToList();
        var customerScores = counted.SelectMany(c => c.Messages).Where(m => m.Author == Author.Customer).Select(m => m.Sentiment!.Value).ToList();
        var requests = counted.SelectMany(c => c.ActionRequests).ToList();
        var attempted = counted.Where(c => c.Events.Any(e => e.Name is ReportingEventName.Verified or ReportingEventName.VerificationFailed)).ToList();
        double SatisfiedOf(IEnumerable<Conversation> group) =>
            group.Where(c => c.Feedback is not null).Select(c => c.Feedback!.Rating >= 4 ? 1.0 : 0.0).DefaultIfEmpty(double.NaN).Average();

        return new Expected(
            counted.Count,
            counted.Sum(c => c.Messages.Count(m => m.Author != Author.System && !m.IsPrivateNote)),
            (double)involved.Count / counted.Count,
            (double)involved.Count(c => autonomous.Contains(c)) / involved.Count,
            (double)firstRules.Count / counted.Count,
            firstRules.GroupBy(r => r.ToString().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count()),
            autonomous.Count == 0 ? 0 : (double)autonomous.Count(c => !CameBack(c)) / autonomous.Count,
            (double)resolved.Count(CameBack) / resolved.Count,
            counted.Select(c => c.Events.FirstOrDefault(e => e.Name == ReportingEventName.FirstResponse)?.Value).OfType<double>().ToList(),
            counted.Select(c => c.Events.OrderBy(e => e.At).FirstOrDefault(e => e.Name == ReportingEventName.FirstHumanResponse)?.Value).OfType<double>().ToList(),
            counted.Select(c => MeanWait(c, Author.Assistant)).OfType<double>().ToList(),
            counted.Select(c => MeanWait(c, Author.Agent)).OfType<double>().ToList(),
            resolved.Select(c => (c.EndedAt!.Value - c.CreatedAt).TotalSeconds).ToList(),
            SatisfiedOf(rated),
            (double)rated.Count / ended.Count,
            SatisfiedOf(rated.Where(c => !PersonTookPart(c))),
            SatisfiedOf(rated.Where(PersonTookPart)),
            customerScores.DefaultIfEmpty(double.NaN).Average(),
            customerScores.Count(s => s <= -0.2) / (double)customerScores.Count,
            counted.Count(c =>
            {
                var scores = c.Messages.Where(m => m.Author == Author.Customer).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => m.Sentiment!.Value).ToList();
                return scores.Count >= 2 && scores[^1] - scores[0] < -0.2;
            }),
            attempted.Count,
            attempted.Count(c => c.VerifiedCustomerId is not null),
            counted.Count(c => c.Events.Any(e => e.Name == ReportingEventName.VerificationLocked)),
            (requests.Count, requests.Count(r => r.Status == ActionRequestStatus.Approved), requests.Count(r => r.Status == ActionRequestStatus.Rejected), requests.Count(r => r.Status == ActionRequestStatus.Done)),
            ((double)requests.Sum(r => r.Amount), (double)requests.Where(r => r.Status == ActionRequestStatus.Approved).Sum(r => r.ApprovedAmount!.Value), (double)requests.Where(r => r.Status == ActionRequestStatus.Rejected).Sum(r => r.Amount)));
    }

    /// <summary>
    /// The customer's mean wait for <paramref name="replier"/>: for each reply of theirs that answers customer messages,
    /// from the earliest of those messages (or, for a person, the latest hand-off before the reply if that is later).
    /// </summary>
    private static double? MeanWait(Conversation c, Author replier)
    {
        var visible = c.Messages.Where(m => m.Author != Author.System && !m.IsPrivateNote).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToList();
        var waits = new List<double>();
        for (var i = 0; i < visible.Count; i++)
        {
            if (visible[i].Author != replier)
            {
                continue;
            }
            var j = i;
            while (j > 0 && visible[j - 1].Author == Author.Customer)
            {
                j--;
            }
            if (j == i)
            {
                continue; // nothing unanswered before this reply
            }
            var from = visible[j].CreatedAt;
            if (replier == Author.Agent && c.Events.Where(e => e.Name == ReportingEventName.Escalated && e.At <= visible[i].CreatedAt).Select(e => e.At).DefaultIfEmpty(from).Max() is var handOff && handOff > from)
            {
                from = handOff;
            }
            waits.Add((visible[i].CreatedAt - from).TotalSeconds);
        }
        return waits.Count == 0 ? null : waits.Average();
    }
}
