using System.Diagnostics;
using System.Globalization;
using CareConsole.Core;
using CareConsole.Core.Agent;
using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Data.Seed;
using CareConsole.Core.Desk;
using CareConsole.Core.Reports;
using CareConsole.Core.Transcripts;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Hosting.Benchmarks;

/// <summary>
/// <c>bench dashboard</c>: the dashboard's reads at scale, SQLite and PostgreSQL side by side. Each engine gets a fresh
/// database of N conversations over 30 days (eleven messages each: 1.1M messages at the default 100k), written through the
/// domain's intent methods with their facts worked out by the same code the projector runs. Then, each the median of
/// several runs after a warm-up: reading the 30-day snapshot and the overview's whole first paint (read, KPIs and
/// charts), both by a process that has read nothing yet and again after a thousand conversations changed; the KPI set
/// and the charts on their own; a drill-down list, and transcript searches (a word, a phrase,
/// Devanagari, all and any) with the whole transcripts page for one.
/// </summary>
internal static class DashboardBenchmark
{
    private const int Runs = 5;
    private const int Batch = 1_000;

    public static async Task<int> RunAsync(int conversations)
    {
        var results = new List<(DatabaseProvider Engine, Dictionary<string, double> Figures)>();
        foreach (var engine in BenchmarkConsole.Engines)
        {
            var folder = Path.Combine(Path.GetTempPath(), $"careconsole-bench-{Guid.NewGuid():N}");
            try
            {
                using var host = await StartAsync(engine, folder);
                results.Add((engine, await MeasureAsync(host.Services, conversations)));
                await host.StopAsync();
            }
            finally
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Dashboard over {conversations.ToString("N0", CultureInfo.InvariantCulture)} conversations, 30 days (median of {Runs} runs, ms unless stated):");
        Console.WriteLine($"| {"measure",-50} | {string.Join(" | ", results.Select(r => $"{r.Engine,10}"))} |");
        Console.WriteLine($"|{new string('-', 52)}|{string.Join("|", results.Select(_ => new string('-', 12)))}|");
        foreach (var measure in results[0].Figures.Keys)
        {
            Console.WriteLine($"| {measure,-50} | {string.Join(" | ", results.Select(r => $"{r.Figures[measure],10:0.0}"))} |");
        }
        return 0;
    }

    private static async Task<Dictionary<string, double>> MeasureAsync(IServiceProvider services, int count)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<CareDbContext>>();
        var figures = new Dictionary<string, double>();
        var seeding = Stopwatch.StartNew();
        var messages = await SeedAsync(contexts, count);
        figures["seeding (s)"] = seeding.Elapsed.TotalSeconds;
        figures["messages stored (thousands)"] = messages / 1000.0;

        var reports = services.GetRequiredService<ReportService>();
        var period = ReportPeriod.Ending(ReportPeriodKind.Last30Days, DateTimeOffset.UtcNow, reports.Zone);
        var weekOfPeople = ReportPeriod.Ending(ReportPeriodKind.Last7Days, DateTimeOffset.UtcNow, reports.Zone);
        var snapshot = await reports.LoadAsync(period, ReportFilter.None, CancellationToken.None);
        figures["conversations counted"] = snapshot.Kpis().Conversations;

        // A process that has read nothing yet: every row comes from the database.
        figures["read the 30-day snapshot, cold"] = await MedianAsync(
            () => ActivatorUtilities.CreateInstance<ReportService>(services, new FactsCache()).LoadAsync(period, ReportFilter.None, CancellationToken.None));
        figures["overview first paint, cold (read + KPIs + charts)"] = await MedianAsync(async () =>
        {
            var read = await ActivatorUtilities.CreateInstance<ReportService>(services, new FactsCache()).LoadAsync(period, ReportFilter.None, CancellationToken.None);
            return await read.OverviewAsync();
        });
        // A live desk: since the last look, a thousand conversations changed and their facts were worked out again.
        figures["read again, 1,000 changed since"] = await MedianAsync(
            () => reports.LoadAsync(period, ReportFilter.None, CancellationToken.None), () => ChangeAsync(contexts, 1_000));
        figures["overview first paint, 1,000 changed since"] = await MedianAsync(async () =>
        {
            var read = await reports.LoadAsync(period, ReportFilter.None, CancellationToken.None);
            return await read.OverviewAsync();
        }, () => ChangeAsync(contexts, 1_000));
        figures["KPI set from the snapshot"] = await MedianAsync(() => Task.FromResult(snapshot.Kpis()));
        figures["all seven chart series"] = await MedianAsync(() => Task.FromResult(snapshot.Charts()));
        figures["filtered 7 days, with a person"] = await MedianAsync(async () =>
            (await reports.LoadAsync(weekOfPeople, new ReportFilter(Owner: OwnerFilter.WithPerson), CancellationToken.None)).Kpis());
        figures["drill-down list (one day, one outcome)"] = await MedianAsync(() =>
            Task.FromResult(snapshot.Select(new ConversationQuery(Day: period.To.AddDays(-3), Outcome: Outcome.ResolvedByAi)).ToList()));

        // Transcript search: the full-text query narrowed to the snapshot's conversations, as the list and API run it.
        var search = services.GetRequiredService<TranscriptSearch>();
        foreach (var (label, text, match) in Searches)
        {
            figures[$"search {label}"] = await MedianAsync(() => reports.ConversationsAsync(snapshot, new ConversationQuery(Search: text, Match: match), CancellationToken.None));
        }
        figures["found by the word search (thousands)"] = (await reports.ConversationsAsync(snapshot, new ConversationQuery(Search: Searches[0].Text), CancellationToken.None)).Count / 1000.0;
        // The whole transcripts page for a search: read, search, and the snippets of the 200 conversations shown.
        figures["transcripts page with a search"] = await MedianAsync(async () =>
        {
            var read = await reports.LoadAsync(period, ReportFilter.None, CancellationToken.None);
            var query = new ConversationQuery(Search: "\"cancel my order\"");
            var shown = (await reports.ConversationsAsync(read, query, CancellationToken.None)).Take(200).Select(f => f.ConversationId).ToList();
            return await search.SnippetsAsync(query.SearchTerms!, shown, CancellationToken.None);
        });
        return figures;
    }

    private static readonly (string Label, string Text, SearchMatch Match)[] Searches =
    [
        ("a word (refund)", "refund", SearchMatch.All),
        ("a phrase (\"cancel my order\")", "\"cancel my order\"", SearchMatch.All),
        ("Devanagari (रिफंड)", "रिफंड", SearchMatch.All),
        ("two words, all", "order late", SearchMatch.All),
        ("three words, any", "damaged sale wapas", SearchMatch.Any),
    ];

    private static async Task<double> MedianAsync<T>(Func<Task<T>> work, Func<Task>? before = null)
    {
        await work();
        var times = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            if (before is not null)
            {
                await before();
            }
            var clock = Stopwatch.StartNew();
            await work();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return Percentiles.Of(times).Median;
    }

    private static int _version = 1_000;

    /// <summary>
    /// Gives <paramref name="count"/> random conversations' facts a new version, as the projector does when they
    /// change: a report must read those rows again.
    /// </summary>
    private static async Task ChangeAsync(IDbContextFactory<CareDbContext> contexts, int count)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var ids = await db.ConversationFacts.OrderBy(f => f.ConversationId).Select(f => f.ConversationId).ToListAsync();
        var changed = Random.Shared.GetItems(ids.ToArray(), count);
        // A version no row had (PostgreSQL's xid has no arithmetic, so not "one more").
        var version = (uint)Interlocked.Increment(ref _version);
        foreach (var chunk in changed.Chunk(500))
        {
            await db.ConversationFacts.Where(f => chunk.Contains(f.ConversationId))
                .ExecuteUpdateAsync(set => set.SetProperty(f => f.SourceVersion, version));
        }
    }

    /// <summary>Writes <paramref name="count"/> conversations with their facts, a thousand per transaction; returns the messages written.</summary>
    private static async Task<long> SeedAsync(IDbContextFactory<CareDbContext> contexts, int count)
    {
        var now = DateTimeOffset.UtcNow;
        int[] customers;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var demo = DemoDataGenerator.Generate(DateOnly.FromDateTime(now.UtcDateTime));
            db.Products.AddRange(demo.Products);
            db.Customers.AddRange(demo.Customers);
            await db.SaveChangesAsync();
            customers = [.. demo.Customers.Select(c => c.Id)];
        }
        var random = new Random(100);
        var agents = new[] { new DeskAgent("bench-a", "Asha"), new DeskAgent("bench-b", "Bilal"), new DeskAgent("bench-c", "Chitra") };
        long messages = 0;
        for (var done = 0; done < count; done += Batch)
        {
            await using var db = await contexts.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var batch = Enumerable.Range(0, Math.Min(Batch, count - done))
                .Select(_ => Conversation(random, customers, agents, now.AddSeconds(-random.Next(30 * 24 * 3600))))
                .ToList();
            db.Conversations.AddRange(batch);
            db.ConversationFacts.AddRange(batch.Select(ConversationFacts.From));
            messages += batch.Sum(c => c.Messages.Count);
            await db.SaveChangesAsync();
            if ((done / Batch) % 10 == 9)
            {
                Console.Write($"\r  seeded {done + batch.Count:N0} of {count:N0}");
            }
        }
        Console.WriteLine();
        return messages;
    }

    /// <summary>Eleven messages: a greeting, five exchanges, and for a third of them a hand-off a person takes and resolves.</summary>
    private static Conversation Conversation(Random random, int[] customers, DeskAgent[] agents, DateTimeOffset t)
    {
        var c = Core.Conversations.Conversation.Start((Channel)random.Next(2), LanguagePreference.Auto, "bench", t);
        var register = (Register)random.Next(3);
        c.ReplyAsAssistant("Hello! How can I help?", [], t);
        for (var turn = 0; turn < 5; turn++)
        {
            c.ReceiveFromCustomer(Words[random.Next(Words.Length)] + " " + random.Next(1000).ToString(CultureInfo.InvariantCulture), register, Math.Round(random.NextDouble() * 2 - 1, 2), t = t.AddSeconds(random.Next(5, 90)));
            if (turn == 0 && random.Next(3) > 0)
            {
                c.ClaimPhone("9800000000", t);
                c.RecordVerificationAttempt(customers[random.Next(customers.Length)], t = t.AddSeconds(20));
            }
            c.ReplyAsAssistant("Here is what I found.", [], t = t.AddSeconds(random.Next(1, 6)));
        }
        if (random.Next(3) == 0)
        {
            var agent = agents[random.Next(agents.Length)];
            c.HandOffToHuman((EscalationReason)random.Next(4), "why", "summary", EscalationPriority.Normal, t);
            c.TakeOver(agent, "joined", t = t.AddSeconds(random.Next(30, 3600)));
            c.Resolve(agent, "done", t.AddSeconds(random.Next(60, 1800)));
        }
        else if (random.Next(4) > 0)
        {
            c.End(resolved: true, t.AddSeconds(30));
        }
        if (c.Phase == ConversationPhase.Ended && random.Next(2) == 0)
        {
            c.Rate(random.Next(1, 6), null, t.AddMinutes(40));
        }
        return c;
    }

    private static readonly string[] Words =
    [
        "where is my order", "refund kab aayega", "मेरा रिफंड कब आएगा", "the delivery is late", "paisa wapas chahiye",
        "cancel my order please", "ऑर्डर कहाँ है", "is there a sale on phones", "the item arrived damaged", "thanks a lot",
    ];

    private static async Task<IHost> StartAsync(DatabaseProvider engine, string folder)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Configuration.AddInMemoryCollection(
        [
            new("ConnectionStrings:Care", ""),
            new("Database:Provider", engine.ToString()),
            new("Database:DataDirectory", folder),
            new("Ai:Provider", "Offline"),
            new("Logging:LogLevel:Default", "Warning"),
            new("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning"),
        ]);
        var root = RepositoryLayout.RootFrom(builder.Environment.ContentRootPath);
        builder.Services.AddCareConsoleCore(CareDatabaseSettings.From(builder.Configuration, builder.Environment.ContentRootPath));
        var (agent, problem) = AgentConfiguration.From(builder.Configuration, root);
        builder.Services.AddCareConsoleAgent(agent ?? throw new InvalidOperationException(problem));
        builder.Services.AddSingleton(DeskSettings.Default);
        var host = builder.Build();
        await host.Services.OpenCareDatabaseAsync(isApp: true, CancellationToken.None);
        await host.StartAsync();
        return host;
    }
}
