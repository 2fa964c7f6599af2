using System.Net;
using System.Text.Json;
using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CareConsole.Tests.Api;

/// <summary>
/// Bursts against a database with a connection limit of its own: the console answers everyone (or says it is busy,
/// with Retry-After), never 500, and always leaves connections for other clients.
/// </summary>
public sealed class SaturationTests(TestDatabases databases)
{
    private const int DatabaseConnectionLimit = 24;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Messages_TwoHundredAtOnceOnSqlite_AllAnsweredWithoutA5xxAndNothingLost()
    {
        await using var app = Start(databases.CreateSqlite(), new() { ["Turns:MaxConcurrent"] = "8" });
        // A reader in the middle of a read throughout, as a backup or the staff command would be.
        await using var reader = new SqliteConnection(CareDatabase.SqliteConnectionString(Path.Combine(app.Store.Location, CareDatabaseSettings.SqliteFileName)));
        await reader.OpenAsync(Ct);
        await using var snapshot = reader.BeginTransaction(deferred: true);
        await using (var read = reader.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM \"Messages\"";
            await read.ExecuteScalarAsync(Ct);
        }

        var chats = new List<CustomerChat>();
        for (var i = 0; i < 40; i++)
        {
            chats.Add(await new CustomerApi(app.CreateClient()).StartAsync());
        }
        string[] questions = ["hello", "how long do refunds take?", "do you deliver on sundays?", "what is melamart plus?", "thanks"];
        var statuses = await Task.WhenAll(chats.SelectMany(chat => questions.Select(question => PostAsync(app, chat, question))));

        Assert.Equal(200, statuses.Length);
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        await using var db = app.Store.NewContext();
        Assert.Equal(200, await db.Messages.CountAsync(m => m.Author == Author.Customer, Ct));
        Assert.Equal(240, await db.Messages.CountAsync(m => m.Author == Author.Assistant, Ct));
    }

    [Fact]
    public async Task Messages_TwoHundredAtOnceOnALimitedPostgresWithAConnectionHeldOpen_AllAnsweredWithoutA5xx()
    {
        var store = await databases.CreateLimitedPostgresAsync(DatabaseConnectionLimit);
        var connectionString = store.Location;
        await using var app = Start(store, new()
        {
            ["Database:MaxPoolSize"] = "16",
            ["Turns:MaxConcurrent"] = "8",
        });
        // Another client of the same database (a psql session, the staff command) holding a connection throughout.
        await using var held = new NpgsqlConnection(connectionString);
        await held.OpenAsync(Ct);

        var chats = new List<CustomerChat>();
        for (var i = 0; i < 40; i++)
        {
            chats.Add(await new CustomerApi(app.CreateClient()).StartAsync());
        }
        string[] questions = ["hello", "how long do refunds take?", "do you deliver on sundays?", "what is melamart plus?", "thanks"];
        var sends = chats.SelectMany(chat => questions.Select(question => PostAsync(app, chat, question))).ToList();
        var peak = 0;
        var otherClientServed = false;
        while (!sends.All(s => s.IsCompleted))
        {
            // While the burst runs: a fresh connection still gets in, and the console never takes the whole limit.
            await using var probe = new NpgsqlConnection(connectionString);
            await probe.OpenAsync(Ct);
            await using var count = new NpgsqlCommand("SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database()", probe);
            peak = Math.Max(peak, (int)(await count.ExecuteScalarAsync(Ct))!);
            otherClientServed = true;
            await Task.WhenAny(Task.WhenAll(sends), Task.Delay(50, Ct));
        }
        var statuses = await Task.WhenAll(sends);

        Assert.Equal(200, statuses.Length);
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.True(otherClientServed);
        Assert.InRange(peak, 1, DatabaseConnectionLimit - 1);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CareDbContext>>().CreateDbContextAsync(Ct);
        foreach (var chat in chats)
        {
            var authors = await db.Messages.Where(m => m.ConversationId == chat.Id).Select(m => m.Author).ToListAsync(Ct);
            Assert.Equal(questions.Length, authors.Count(a => a == Author.Customer));
            Assert.Equal(questions.Length + 1, authors.Count(a => a == Author.Assistant));
        }
    }

    [Fact]
    public async Task Messages_NoTurnFreeInTime_Are503WithRetryAfterAndStoreNothing()
    {
        await using var app = Start(await databases.CreateAsync(), new()
        {
            ["Turns:MaxConcurrent"] = "1",
            ["Turns:MaxWait"] = "00:00:00.5",
        });
        var api = new CustomerApi(app.CreateClient());
        var waiting = await api.StartAsync();
        var other = await api.StartAsync();
        var locks = app.Services.GetRequiredService<ConversationLocks>();
        var contexts = app.Services.GetRequiredService<IDbContextFactory<CareDbContext>>();

        using var refused = await HoldingTheOnlyTurnAsync(locks, contexts, other.Id,
            () => waiting.PostMessageAsync(JsonSerializer.Serialize(new { text = "where is my order?" })));
        using var answered = await waiting.PostMessageAsync(JsonSerializer.Serialize(new { text = "where is my order?" }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        await using var db = await contexts.CreateDbContextAsync(Ct);
        // The refused one left nothing behind; the one answered later is there once.
        Assert.Equal(1, await db.Messages.CountAsync(m => m.ConversationId == waiting.Id && m.Author == Author.Customer, Ct));
    }

    private static async Task<HttpResponseMessage> HoldingTheOnlyTurnAsync(
        ConversationLocks locks, IDbContextFactory<CareDbContext> contexts, Guid conversation, Func<Task<HttpResponseMessage>> send)
    {
        await using var db = await contexts.CreateDbContextAsync(Ct);
        await using var turn = await locks.AcquireAsync(db, conversation, isTurn: true, Ct);
        return await send();
    }

    private static async Task<HttpStatusCode> PostAsync(CareConsoleFactory app, CustomerChat chat, string text)
    {
        // Each message from a client of its own, as two hundred customers would send them.
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{chat.Path}/messages")
        {
            Content = CustomerApi.Json(JsonSerializer.Serialize(new { text })),
        };
        request.Headers.Authorization = new("Bearer", chat.Token);
        using var response = await http.SendAsync(request, Ct);
        return response.StatusCode;
    }

    private static CareConsoleFactory Start(TestStore store, Dictionary<string, string> settings) =>
        CareConsoleFactory.Start(store, demo: false, settings: settings);
}
