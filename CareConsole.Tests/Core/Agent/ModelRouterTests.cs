using CareConsole.Core.Agent;
using CareConsole.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CareConsole.Tests.Core.Agent;

public sealed class ModelRouterTests
{
    private static readonly AgentSettings Settings = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartTurn_ProviderFailedThreeCallsInARow_TurnsSkipItForThePauseThenOneTriesAgain()
    {
        var clock = new ManualClock();
        var provider = ScriptedChatClient.AlwaysFailing();
        var router = Router(provider, clock);

        for (var turn = 0; turn < Settings.ProviderFailuresBeforePause; turn++)
        {
            Assert.Equal("offline answer", await AnswerAsync(router));
        }
        Assert.Equal(2 * Settings.ProviderFailuresBeforePause, provider.Requests.Count);
        Assert.True(router.PrimaryPaused);

        // Paused: customers get the offline model at once instead of two failed calls each.
        var paused = router.StartTurn();
        Assert.Equal("offline answer", await AnswerAsync(paused));
        Assert.Equal("Offline", paused.Provider);
        clock.Advance(Settings.ProviderPause - TimeSpan.FromSeconds(1));
        await AnswerAsync(router);
        Assert.Equal(2 * Settings.ProviderFailuresBeforePause, provider.Requests.Count);

        // After the pause one turn tries the provider again; still failing, it is left alone again straight away.
        clock.Advance(TimeSpan.FromSeconds(1));
        await AnswerAsync(router);
        Assert.Equal(2 * Settings.ProviderFailuresBeforePause + 2, provider.Requests.Count);
        await AnswerAsync(router);
        Assert.Equal(2 * Settings.ProviderFailuresBeforePause + 2, provider.Requests.Count);
    }

    [Fact]
    public async Task StartTurn_ProviderAnswersBetweenFailures_IsNeverPaused()
    {
        var provider = new ScriptedChatClient();
        for (var round = 0; round < 3; round++)
        {
            for (var failure = 0; failure < 2 * (Settings.ProviderFailuresBeforePause - 1); failure++)
            {
                provider.Then((_, _) => throw new InvalidOperationException("503 Service Unavailable"));
            }
            provider.Says("provider answer");
        }
        var router = Router(provider, new ManualClock());

        var answers = new List<string>();
        for (var turn = 0; turn < 3 * Settings.ProviderFailuresBeforePause; turn++)
        {
            answers.Add(await AnswerAsync(router));
        }

        Assert.Equal(3, answers.Count(a => a == "provider answer"));
        Assert.False(router.PrimaryPaused);
        Assert.Equal(0, provider.Remaining);
    }

    [Fact]
    public async Task StartTurn_ProviderRecovers_TurnsUseItAgainAfterThePause()
    {
        var clock = new ManualClock();
        var healthy = false;
        var provider = new ScriptedChatClient((_, _) => healthy
            ? Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "provider answer")))
            : throw new InvalidOperationException("connection refused"));
        var router = Router(provider, clock);
        for (var turn = 0; turn < Settings.ProviderFailuresBeforePause; turn++)
        {
            await AnswerAsync(router);
        }

        healthy = true;
        Assert.Equal("offline answer", await AnswerAsync(router));
        clock.Advance(Settings.ProviderPause);

        Assert.Equal("provider answer", await AnswerAsync(router));
        Assert.False(router.PrimaryPaused);
    }

    [Fact]
    public async Task GetResponse_ProviderErrorQuotesTheCustomer_LogShowsTheErrorWithoutTheirDetails()
    {
        var provider = new ScriptedChatClient((_, _) =>
            throw new InvalidOperationException("400 Bad Request: could not parse 'my number is 98765 43210, mail asha.v@example.com, pincode 560034'"));
        var log = new ListLogger();
        var router = Router(provider, new ManualClock(), log);

        await AnswerAsync(router);

        Assert.Equal(2, log.Lines.Count(l => l.Contains("400 Bad Request", StringComparison.Ordinal)));
        Assert.All(log.Lines, line =>
        {
            Assert.DoesNotContain("98765", line, StringComparison.Ordinal);
            Assert.DoesNotContain("asha.v@example.com", line, StringComparison.Ordinal);
            Assert.DoesNotContain("560034", line, StringComparison.Ordinal);
        });
    }

    private static ModelRouter Router(ScriptedChatClient provider, ManualClock clock, ILogger<ModelRouter>? log = null) =>
        new(new NamedChatClient("Scripted", provider),
            new NamedChatClient("Offline", new ScriptedChatClient((_, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "offline answer"))))),
            Settings, log ?? NullLogger<ModelRouter>.Instance, clock);

    private static Task<string> AnswerAsync(ModelRouter router) => AnswerAsync(router.StartTurn());

    private static async Task<string> AnswerAsync(ModelRouter.ModelSession session) =>
        (await session.GetResponseAsync([new ChatMessage(ChatRole.User, "where is my order?")], new ChatOptions(), Ct)).Text;

    private sealed class ListLogger : ILogger<ModelRouter>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add(formatter(state, exception) + (exception is null ? "" : " " + exception));
            }
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
