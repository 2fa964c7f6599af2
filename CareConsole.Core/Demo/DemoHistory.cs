using CareConsole.Core.Agent;
using CareConsole.Core.Clients;
using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Desk;
using CareConsole.Core.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareConsole.Core.Demo;

/// <summary>
/// A month of past conversations for the demo's dashboard, made the way real ones are: scripted customers talk to
/// the real agent through <see cref="ConversationService"/>, and the demo's agents take hand-offs over, reply, decide
/// requests and resolve through <see cref="DeskService"/>. Both run on a <see cref="SimulatedClock"/> set to each
/// conversation's moment in the past, so every figure the dashboard shows comes from the same pipeline as live ones.
/// </summary>
public sealed partial class DemoHistory(IServiceProvider services, IDbContextFactory<CareDbContext> contexts, TimeProvider systemClock, ILogger<DemoHistory> logger)
{
    /// <summary>How many conversations the month holds.</summary>
    public const int Count = 320;

    /// <summary>How far back the history goes.</summary>
    public const int Days = 30;

    /// <summary>
    /// Builds the history unless the database already has conversations older than a day (it was built, or the console
    /// has real ones). Returns how many conversations it made.
    /// </summary>
    public async Task<int> BuildAsync(CancellationToken cancellationToken)
    {
        var now = systemClock.GetUtcNow();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Conversations.AnyAsync(c => c.CreatedAt < now.AddDays(-1), cancellationToken))
            {
                return 0;
            }
        }
        IReadOnlyList<DemoAccount> accounts;
        await using (var scope = services.CreateAsyncScope())
        {
            accounts = await scope.ServiceProvider.GetRequiredService<DemoAccounts>().ListAsync(cancellationToken);
        }
        var agents = await DeskAgentsAsync(cancellationToken);
        if (accounts.Count == 0 || agents.Count == 0)
        {
            return 0;
        }

        // Each read of the clock moves it on a little, as time passes while the assistant works: answers take seconds.
        var clock = new SimulatedClock(now.AddDays(-Days)) { Tick = TimeSpan.FromMilliseconds(700) };
        var agent = ActivatorUtilities.CreateInstance<SupportAgent>(services, clock);
        var chat = ActivatorUtilities.CreateInstance<ConversationService>(services, agent, clock);
        var desk = ActivatorUtilities.CreateInstance<DeskService>(services, agent, clock);
        var random = new Random(2026);
        var starts = Enumerable.Range(0, Count).Select(_ => StartTime(random, now)).Order().ToList();

        var made = 0;
        foreach (var start in starts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            clock.Set(start);
            var script = new DemoScript(random, accounts[random.Next(accounts.Count)], agents[random.Next(agents.Count)], now);
            try
            {
                await script.RunAsync(chat, desk, clock, ClientKey.Named($"demo-history-{made}"), cancellationToken);
                made++;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or ConversationEndedException)
            {
                // One script meeting a state it did not expect must not stop the month.
                LogScriptFailed(logger, e);
            }
        }
        LogBuilt(logger, made);
        return made;
    }

    /// <summary>A moment in the last <see cref="Days"/> days, more often in Indian working hours than at night.</summary>
    private static DateTimeOffset StartTime(Random random, DateTimeOffset now)
    {
        while (true)
        {
            var at = now.AddMinutes(-random.Next(30, Days * 24 * 60));
            var hourInIndia = (at.UtcDateTime.Hour + 5.5) % 24;
            var weight = hourInIndia is >= 9 and < 22 ? 1.0 : hourInIndia is >= 7 and < 24 ? 0.45 : 0.12;
            if (random.NextDouble() < weight)
            {
                return at;
            }
        }
    }

    private async Task<IReadOnlyList<DeskAgent>> DeskAgentsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agentRole = await db.Roles.Where(r => r.Name == StaffRoles.Agent).Select(r => r.Id).SingleOrDefaultAsync(cancellationToken);
        return await db.Users.Where(u => db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == agentRole))
            .OrderBy(u => u.DisplayName)
            .Select(u => new DeskAgent(u.Id, u.DisplayName))
            .ToListAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "Demo history: {Count} past conversations made through the agent and the desk")]
    private static partial void LogBuilt(ILogger logger, int count);

    [LoggerMessage(LogLevel.Debug, "Demo history: a scripted conversation stopped early")]
    private static partial void LogScriptFailed(ILogger logger, Exception exception);
}

/// <summary>Builds the <see cref="DemoHistory"/> in the background after the start, so the first start is not held up.</summary>
public sealed partial class DemoHistoryWorker(IServiceProvider services, ILogger<DemoHistoryWorker> logger) : Microsoft.Extensions.Hosting.BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ActivatorUtilities.CreateInstance<DemoHistory>(services).BuildAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Demo history could not be built; the demo works without it")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
