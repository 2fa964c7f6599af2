using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CareConsole.Core;
using CareConsole.Core.Agent;
using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Desk;
using CareConsole.Core.Live;

namespace CareConsole.Hosting.Benchmarks;

/// <summary>
/// <c>bench desk</c>: the desk's live path across two app instances on one PostgreSQL. Instance A is the console as a
/// child process on a fresh private PostgreSQL cluster; instance B is this process joined to that database with the app's
/// own listener, feed and desk service, which is everything the desk page runs on a change short of drawing it.
/// With many conversations waiting, customers write through A's API one message at a time, and the bench times when
/// B hears of each (PostgreSQL NOTIFY) and when B's queue has been read again. Then, on B: opening a conversation,
/// taking it over and drafting a suggested reply with the offline model.
/// </summary>
internal static class DeskBenchmark
{
    private static readonly TimeSpan HeardLimit = TimeSpan.FromSeconds(5);
    private static readonly DeskAgent Agent = new("bench-agent", "Bench Agent");

    public static async Task<int> RunAsync(int waiting, int messages)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"careconsole-bench-{Guid.NewGuid():N}");
        try
        {
            // Two instances on one database: PostgreSQL (the private cluster A runs), which SQLite does not serve.
            var dataDirectory = folder;
            await using var instanceA = BenchmarkConsole.Start(dataDirectory, settings: BenchmarkConsole.On(DatabaseProvider.PostgreSQL, BenchmarkConsole.ForThroughput));
            using (var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) })
            {
                await instanceA.SecondsUntilHealthyAsync(probe);
            }
            await instanceA.UntilHelpCentreEmbeddedAsync();
            using var http = new HttpClient { BaseAddress = instanceA.Address, Timeout = TimeSpan.FromSeconds(30) };
            using var instanceB = await StartInstanceBAsync(dataDirectory);
            try
            {
                return await MeasureAsync(http, instanceA, instanceB, waiting, messages);
            }
            finally
            {
                await instanceB.StopAsync();
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<int> MeasureAsync(HttpClient http, BenchmarkConsole instanceA, IHost instanceB, int waiting, int messages)
    {
        var desk = instanceB.Services.GetRequiredService<DeskService>();
        var feed = instanceB.Services.GetRequiredService<ConversationFeed>();

        var customers = new ConcurrentBag<Customer>();
        await Parallel.ForEachAsync(Enumerable.Range(0, waiting), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, token) =>
            customers.Add(await StartWaitingAsync(http, n, token)));
        var queue = (await desk.QueueAsync(CancellationToken.None)).Count;

        // Each change B hears is timed, then B reads its queue again as every open desk does.
        var clock = Stopwatch.StartNew();
        var probes = new ConcurrentDictionary<Guid, Probe>();
        using var subscription = feed.Subscribe(change =>
        {
            if (probes.TryRemove(change.ConversationId, out var heard))
            {
                _ = ReloadAsync(heard, clock, desk);
            }
        });

        List<double> answered = [], heardAt = [], reloadedAt = [];
        var missed = 0;
        var list = customers.ToList();
        for (var i = 0; i < messages + Warm; i++)
        {
            var customer = list[i % list.Count];
            var probe = new Probe(clock.Elapsed.TotalMilliseconds);
            probes[customer.Id] = probe;
            await customer.SayAsync(http, $"any news? ({i})");
            var postAnswered = clock.Elapsed.TotalMilliseconds - probe.SentAt;
            try
            {
                var (heard, reloaded) = await probe.Done.Task.WaitAsync(HeardLimit);
                if (i >= Warm)
                {
                    answered.Add(postAnswered);
                    heardAt.Add(heard - probe.SentAt);
                    reloadedAt.Add(reloaded - probe.SentAt);
                }
            }
            catch (TimeoutException)
            {
                probes.TryRemove(customer.Id, out _);
                missed++;
            }
        }

        // The first conversation warms up (JIT, the help index) and is not counted.
        List<double> opened = [], taken = [], drafted = [];
        for (var i = 0; i < Math.Min(list.Count, 101); i++)
        {
            var id = list[i].Id;
            var open = await TimeAsync(() => desk.GetAsync(id, CancellationToken.None));
            var take = await TimeAsync(() => desk.TakeOverAsync(id, Agent, CancellationToken.None));
            var draft = await TimeAsync(() => desk.SuggestReplyAsync(id, Agent, CancellationToken.None));
            if (i > 0)
            {
                opened.Add(open);
                taken.Add(take);
                drafted.Add(draft);
            }
        }

        Console.WriteLine($"The desk across two instances: {queue} conversations waiting, {messages} customer messages through instance A, one at a time, after {Warm} warm-up ones");
        Console.WriteLine("| measure | p50 | p95 | p99 | worst |");
        Console.WriteLine("|---|---|---|---|---|");
        Row("customer message answered by A (HTTP)", answered);
        Row("heard on B (PostgreSQL NOTIFY)", heardAt);
        Row($"B's queue read again ({queue} entries)", reloadedAt);
        Row("open a conversation on B", opened);
        Row("take over on B", taken);
        Row("suggested reply on B (offline model)", drafted);
        Console.WriteLine(Invariant($"| messages B never heard of within {HeardLimit.TotalSeconds:0} s | {missed} | | | |"));
        Console.WriteLine(Invariant($"| memory (RSS): A {(instanceA.Process.ResidentBytes ?? 0) / 1024d / 1024d:0} MB, B {Environment.WorkingSet / 1024d / 1024d:0} MB | | | | |"));
        return missed == 0 ? 0 : 1;
    }

    private const int Warm = 20;

    /// <summary>
    /// Instance B: the app's database, agent and live-update services in this process, on the server instance A owns
    /// (joined as the staff command joins it, so A stays its owner).
    /// </summary>
    private static async Task<IHost> StartInstanceBAsync(string dataDirectory)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Configuration.AddInMemoryCollection(
        [
            new("ConnectionStrings:Care", ""),
            new("Database:Provider", "PostgreSQL"),
            new("Database:DataDirectory", dataDirectory),
            new("Ai:Provider", "Offline"),
            // The table is the output; B's own progress lines would only break it up.
            new("Logging:LogLevel:Default", "Warning"),
            new("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning"),
        ]);
        var root = RepositoryLayout.RootFrom(builder.Environment.ContentRootPath);
        builder.Services.AddCareConsoleCore(CareDatabaseSettings.From(builder.Configuration, builder.Environment.ContentRootPath));
        var (agent, problem) = AgentConfiguration.From(builder.Configuration, root);
        builder.Services.AddCareConsoleAgent(agent ?? throw new InvalidOperationException(problem));
        builder.Services.AddSingleton<ConversationListener>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<ConversationListener>());
        var host = builder.Build();
        await host.Services.OpenCareDatabaseAsync(isApp: false, CancellationToken.None);
        await host.StartAsync();
        return host;
    }

    /// <summary>A customer who asked for a person through A's API and waits on the desk.</summary>
    private static async Task<Customer> StartWaitingAsync(HttpClient http, int n, CancellationToken cancellationToken)
    {
        using var start = await http.PostAsJsonAsync("/api/conversations", new { language = "auto" }, cancellationToken);
        start.EnsureSuccessStatusCode();
        var body = await start.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var customer = new Customer(Guid.Parse(body.GetProperty("id").GetString()!), body.GetProperty("token").GetString()!);
        await customer.SayAsync(http, $"I want to talk to a person about a late delivery, parcel {n}");
        return customer;
    }

    /// <summary>What a desk does on a change: read the queue again. The probe, awaited by the loop, owns the outcome.</summary>
    private static async Task ReloadAsync(Probe probe, Stopwatch clock, DeskService desk)
    {
        var heardAt = clock.Elapsed.TotalMilliseconds;
        try
        {
            await desk.QueueAsync(CancellationToken.None);
            probe.Done.TrySetResult((heardAt, clock.Elapsed.TotalMilliseconds));
        }
        catch (Exception e)
        {
            probe.Done.TrySetException(e);
        }
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static void Row(string name, List<double> values)
    {
        if (values.Count == 0)
        {
            // Too few conversations for this measure (the first one only warms up).
            Console.WriteLine($"| {name} | – | – | – | – |");
            return;
        }
        var p = Percentiles.Of(values);
        Console.WriteLine(Invariant($"| {name} | {p.Median:0.0} ms | {p.P95:0.0} ms | {p.P99:0.0} ms | {p.Worst:0.0} ms |"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Customer(Guid Id, string Token)
    {
        public async Task SayAsync(HttpClient http, string text)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{Id}/messages") { Content = JsonContent.Create(new { text }) };
            request.Headers.Authorization = new("Bearer", Token);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>One message on its way: when it was sent, and when B heard of it and had read its queue again.</summary>
    private sealed class Probe(double sentAt)
    {
        public double SentAt => sentAt;
        public TaskCompletionSource<(double Heard, double Reloaded)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
