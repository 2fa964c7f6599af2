using CareConsole.Core.Data;
using CareConsole.Core.Data.PostgreSQL;
using CareConsole.Core.Data.Seed;
using CareConsole.Core.Data.Sqlite;
using CareConsole.Core.Demo;
using CareConsole.Core.Live;
using CareConsole.Core.Reports;
using CareConsole.Core.Staff;
using CareConsole.Core.Trackers;
using CareConsole.Core.Transcripts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareConsole.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// The database (configured or embedded), the EF Core context, staff accounts, keyword trackers and demo data:
    /// everything both the web app and its command-line tools need. The web app also runs
    /// <see cref="TrackerRefresher"/> and <see cref="TrackerBackfill"/> once the database is up.
    /// </summary>
    public static IdentityBuilder AddCareConsoleCore(this IServiceCollection services, CareDatabaseSettings database)
    {
        services.AddSingleton(database);
        services.AddSingleton<CareDatabase>();
        services.AddSingleton(TimeProvider.System);
        // A factory for Blazor components, whose scope lasts as long as the circuit; a scoped context for
        // request-shaped work (endpoints, Identity's stores). Both hand out the configured engine's context as the
        // CareDbContext the rest of the console uses.
        if (database.IsSqlite)
        {
            // One write queue for every context of this console (see SqliteWriteGate).
            services.AddSingleton<SqliteWriteGate>();
            services.AddCareDbContext<SqliteCareDbContext>((provider, options, connectionString) =>
                options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas(), provider.GetRequiredService<SqliteWriteGate>()));
        }
        else
        {
            services.AddCareDbContext<PostgresCareDbContext>((_, options, connectionString) => options.UseNpgsql(connectionString));
        }

        // Live updates: every instance hears them through PostgreSQL, or this process alone on SQLite.
        services.AddSingleton<ConversationFeed>();
        services.AddSingleton<StaffFeed>();
        services.AddSingleton<FactsProjector>();
        services.AddSingleton<FactsCache>();
        services.AddScoped<StaffDirectory>();
        // The web app registers configured settings first; commands that never sign anyone in use these.
        services.TryAddSingleton(new StaffSignInSettings());
        services.AddScoped<StaffSignIn>();
        services.AddScoped<PersonalAccessTokens>();
        services.AddSingleton<TrackerCatalog>();
        services.AddSingleton<TrackerRecorder>();
        services.AddSingleton<TrackerBackfillSignal>();
        services.AddSingleton<TrackerService>();
        services.AddSingleton<TranscriptSearch>();
        services.AddSingleton<TranscriptViews>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DemoAccounts>();

        return services
            .AddIdentityCore<StaffUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = StaffPasswords.MinimumLength;
                // Length does more than symbol rules; upper, lower and a digit keep the obvious guesses out.
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 5;
                // No lock-out on failed sign-ins (a stranger could lock anyone out with a few wrong passwords);
                // StaffSignIn counts failures per account and client instead. Managers lock accounts themselves.
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CareDbContext>()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>();
    }

    private static void AddCareDbContext<TContext>(this IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder, string> useEngine)
        where TContext : CareDbContext
    {
        // The connection string is asked for when the first context is made: the private PostgreSQL cluster only has
        // one once it has started.
        services.AddDbContextFactory<TContext>((provider, options) => useEngine(provider, options, provider.GetRequiredService<CareDatabase>().ConnectionString));
        services.AddSingleton<IDbContextFactory<CareDbContext>, CareDbContextFactory<TContext>>();
        services.AddScoped<CareDbContext>(provider => provider.GetRequiredService<TContext>());
    }

    private sealed class CareDbContextFactory<TContext>(IDbContextFactory<TContext> engine) : IDbContextFactory<CareDbContext>
        where TContext : CareDbContext
    {
        public CareDbContext CreateDbContext() => engine.CreateDbContext();

        public async Task<CareDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await engine.CreateDbContextAsync(cancellationToken);
    }
}
