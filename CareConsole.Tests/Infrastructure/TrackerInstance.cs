using CareConsole.Core.Data;
using CareConsole.Core.Data.Sqlite;
using CareConsole.Core.Trackers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CareConsole.Tests.Infrastructure;

/// <summary>
/// One console instance's worth of keyword-tracker services on a test database, put together as the app registers
/// them, without the rest of the app: a test drives the back-fill step by step, or runs it as the host would. Two of
/// them on one PostgreSQL database are two instances, each with connections of its own.
/// </summary>
public sealed class TrackerInstance : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private TrackerBackfill? _hosted;

    private TrackerInstance(TestStore store, int batchSize)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        if (store.Provider == DatabaseProvider.Sqlite)
        {
            // As the app: SQLite's settings per connection, and one write queue for the instance.
            var gate = new SqliteWriteGate();
            services.AddSingleton(gate);
            services.AddSingleton(store.ContextFactory(options => options.AddInterceptors(new SqlitePragmas(), gate)));
        }
        else
        {
            services.AddSingleton(store.ContextFactory(_ => { }));
        }
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new TrackerBackfillSettings { BatchSize = batchSize, PollInterval = TimeSpan.FromMilliseconds(200) });
        services.AddSingleton<TrackerCatalog>();
        services.AddSingleton<TrackerRecorder>();
        services.AddSingleton<TrackerBackfillSignal>();
        services.AddSingleton<TrackerService>();
        _services = services.BuildServiceProvider();
        Store = store;
    }

    public TestStore Store { get; }

    public IDbContextFactory<CareDbContext> Contexts => _services.GetRequiredService<IDbContextFactory<CareDbContext>>();
    public TrackerService Trackers => _services.GetRequiredService<TrackerService>();
    public TrackerRecorder Recorder => _services.GetRequiredService<TrackerRecorder>();
    public TrackerCatalog Catalog => _services.GetRequiredService<TrackerCatalog>();

    /// <summary>An instance on <paramref name="store"/>, migrated to the latest schema.</summary>
    public static async Task<TrackerInstance> CreateAsync(TestStore store, int batchSize = 100)
    {
        await using (var db = store.NewContext())
        {
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        }
        return new TrackerInstance(store, batchSize);
    }

    /// <summary>
    /// A back-fill worker of this instance that is not running: the test steps it. A new one reads everything from
    /// the database, as after a restart.
    /// </summary>
    internal TrackerBackfill NewBackfill() => new(_services);

    /// <summary>Runs this instance's back-fill as the host does: woken by changes, polling meanwhile.</summary>
    public async Task StartBackfillAsync()
    {
        _hosted = NewBackfill();
        await _hosted.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_hosted is not null)
        {
            await _hosted.StopAsync(CancellationToken.None);
            _hosted.Dispose();
        }
        await _services.DisposeAsync();
    }
}
