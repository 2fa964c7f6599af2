using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Reports;
using CareConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Core.Reports;

/// <summary>
/// After a start the console reads the last month's dashboard facts once by itself, so the first manager to open the
/// dashboard waits only for what changed since, not for every conversation of the month.
/// </summary>
public sealed class FactsWarmUpTests(TestDatabases databases)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_HoldsTheMonthsFacts_BeforeAnyoneAsksForAReport()
    {
        var store = await databases.CreateAsync();
        Guid id;
        await using (var before = CareConsoleFactory.Start(store, demo: false))
        {
            var conversations = before.Services.GetRequiredService<ConversationService>();
            id = (await conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;
            await conversations.SendAsync(id, "where is my order?", TestClients.Next(), Ct);
        }

        await using var restarted = CareConsoleFactory.Start(store, demo: false);
        var cache = restarted.Services.GetRequiredService<FactsCache>();
        var contexts = restarted.Services.GetRequiredService<IDbContextFactory<CareDbContext>>();

        // Held at the version the facts were worked out from, with no report asked for in this run.
        await Poll.UntilAsync(async ct =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var facts = await db.ConversationFacts.AsNoTracking().SingleOrDefaultAsync(f => f.ConversationId == id, ct);
            var version = await db.Conversations.Where(c => c.Id == id).Select(c => c.Version).SingleAsync(ct);
            return facts is not null && facts.SourceVersion == version && cache.Find(id, version) is not null;
        }, TimeSpan.FromSeconds(30));
    }
}
