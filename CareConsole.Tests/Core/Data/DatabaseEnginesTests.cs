using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Data.PostgreSQL;
using CareConsole.Core.Data.Sqlite;
using CareConsole.Core.Staff;
using CareConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Core.Data;

/// <summary>Each engine's migrations, and what only PostgreSQL does for several instances.</summary>
public sealed class DatabaseEnginesTests(TestDatabases databases)
{
    // The last migration before SQLite became the default: what an existing PostgreSQL install has.
    private const string BeforeSqlite = "20261203120751_ConfirmationsAndDecisionsOnOrders";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Migrations_OfEachEngine_DescribeTheWholeModel()
    {
        using var sqlite = new SqliteCareDbContext(new DbContextOptionsBuilder<SqliteCareDbContext>().UseSqlite("Data Source=unused.db").Options);
        using var postgres = new PostgresCareDbContext(new DbContextOptionsBuilder<PostgresCareDbContext>().UseNpgsql("Host=unused").Options);

        // A model change without a migration for either engine would leave that engine's databases behind.
        Assert.False(sqlite.Database.HasPendingModelChanges(), "the SQLite migrations miss a model change");
        Assert.False(postgres.Database.HasPendingModelChanges(), "the PostgreSQL migrations miss a model change");
        Assert.NotEmpty(sqlite.Database.GetMigrations());
        Assert.Contains(BeforeSqlite, postgres.Database.GetMigrations());
    }

    [Fact]
    public async Task Start_OnAnExistingPostgresDatabase_UpgradesItInPlaceKeepingItsData()
    {
        var store = await databases.CreatePostgresAsync();
        await using (var old = store.NewContext())
        {
            await old.GetService<IMigrator>().MigrateAsync(BeforeSqlite, Ct);
            await old.Database.ExecuteSqlAsync(
                $"""INSERT INTO "Trackers" ("Name", "Phrases", "IsActive", "CreatedAt", "UpdatedAt") VALUES ('Kept across the upgrade', ARRAY['refund'], true, now(), now())""", Ct);
            Assert.Contains("DataProtectionKeysInTheDatabase", string.Concat(await old.Database.GetPendingMigrationsAsync(Ct)));
        }

        await using var app = CareConsoleFactory.Start(store, demo: false);

        await using var db = store.NewContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.Contains("Kept across the upgrade", await db.Trackers.Select(t => t.Name).ToListAsync(Ct));
        // The upgrade's own table is there and in use: the app keeps its sign-in keys in it.
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync(Ct));
    }

    [Fact]
    public async Task ConversationLock_HeldByOneInstanceOnPostgres_MakesAnotherWaitUntilReleased()
    {
        var store = await databases.CreatePostgresAsync();
        await using var a = CareConsoleFactory.Start(store, demo: false);
        await using var b = CareConsoleFactory.Start(store, demo: false);
        var id = Guid.CreateVersion7();
        await using var dbA = await Contexts(a).CreateDbContextAsync(Ct);
        await using var dbB = await Contexts(b).CreateDbContextAsync(Ct);

        var heldByA = await Locks(a).AcquireAsync(dbA, id, isTurn: false, Ct);
        var wantedByB = Locks(b).AcquireAsync(dbB, id, isTurn: false, Ct);
        // B is another process's worth of app: only PostgreSQL's advisory lock stands between them.
        var first = await Task.WhenAny(wantedByB, Task.Delay(TimeSpan.FromMilliseconds(500), Ct));
        Assert.NotSame(wantedByB, first);

        await heldByA.DisposeAsync();
        await using var heldByB = await wantedByB.WaitAsync(TimeSpan.FromSeconds(5), Ct);
    }

    [Fact]
    public async Task ConversationLock_OnSqlite_QueuesInProcessWithoutHoldingAConnection()
    {
        await using var app = CareConsoleFactory.Start(databases.CreateSqlite(), demo: false);
        var id = Guid.CreateVersion7();
        await using var first = await Contexts(app).CreateDbContextAsync(Ct);
        await using var second = await Contexts(app).CreateDbContextAsync(Ct);

        var held = await Locks(app).AcquireAsync(first, id, isTurn: false, Ct);
        var waiting = Locks(app).AcquireAsync(second, id, isTurn: false, Ct);

        Assert.Equal(System.Data.ConnectionState.Closed, first.Database.GetDbConnection().State);
        Assert.Equal(2, Locks(app).QueuedFor(id));
        Assert.False(waiting.IsCompleted);
        await held.DisposeAsync();
        await using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(1, Locks(app).QueuedFor(id));
    }

    [Fact]
    public async Task Writes_OnSqlite_QueueBehindAnOpenTransactionAndGoOnWhenItEnds()
    {
        await using var app = CareConsoleFactory.Start(databases.CreateSqlite(), demo: false);
        await using var holder = await Contexts(app).CreateDbContextAsync(Ct);
        await using var writer = await Contexts(app).CreateDbContextAsync(Ct);

        var transaction = await holder.Database.BeginTransactionAsync(Ct);
        // Two rows: a save of several statements runs in a transaction, which queues in the console's write gate.
        writer.SignInAttempts.AddRange(SignInAttempt(1), SignInAttempt(2));
        // On a thread of its own: SQLite's calls block the thread that makes them.
        var queued = Task.Run(() => writer.SaveChangesAsync(Ct), Ct);
        var first = await Task.WhenAny(queued, Task.Delay(TimeSpan.FromMilliseconds(300), Ct));
        Assert.NotSame(queued, first);

        await transaction.CommitAsync(Ct);
        Assert.Equal(2, await queued.WaitAsync(TimeSpan.FromSeconds(5), Ct));
    }

    [Fact]
    public async Task Writes_OnSqlite_GoOnAfterATransactionLeftWithoutCommitOrRollback()
    {
        await using var app = CareConsoleFactory.Start(databases.CreateSqlite(), demo: false);
        await using (var abandoned = await Contexts(app).CreateDbContextAsync(Ct))
        {
            // As an early return does: the transaction is disposed, never committed or rolled back.
            await using var transaction = await abandoned.Database.BeginTransactionAsync(Ct);
            abandoned.SignInAttempts.Add(SignInAttempt(1));
            await abandoned.SaveChangesAsync(Ct);
        }

        // Well inside the 15 s a stuck queue would take to answer "busy"; two rows, so the save goes through the queue.
        await using var writer = await Contexts(app).CreateDbContextAsync(Ct);
        writer.SignInAttempts.AddRange(SignInAttempt(2), SignInAttempt(3));
        Assert.Equal(2, await Task.Run(() => writer.SaveChangesAsync(Ct), Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct));
        Assert.Equal([2, 3], await writer.SignInAttempts.OrderBy(a => a.Id).Select(a => a.Client.Length).ToListAsync(Ct));
    }

    // A small row of any kind; the client's length tells the rows apart.
    private static SignInAttempt SignInAttempt(int clientLength) =>
        global::CareConsole.Core.Staff.SignInAttempt.Create("someone@example.com", new string('c', clientLength), succeeded: false, DateTimeOffset.UtcNow);

    private static IDbContextFactory<CareDbContext> Contexts(CareConsoleFactory app) => app.Services.GetRequiredService<IDbContextFactory<CareDbContext>>();

    private static ConversationLocks Locks(CareConsoleFactory app) => app.Services.GetRequiredService<ConversationLocks>();
}
