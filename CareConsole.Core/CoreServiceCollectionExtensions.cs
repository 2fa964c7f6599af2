using CareConsole.Core.Data;
using CareConsole.Core.Data.Seed;
using CareConsole.Core.Demo;
using CareConsole.Core.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareConsole.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// The database (configured or embedded), the EF Core context, staff accounts and demo data: everything both
    /// the web app and its command-line tools need.
    /// </summary>
    public static IdentityBuilder AddCareConsoleCore(this IServiceCollection services, CareDatabaseSettings database)
    {
        services.AddSingleton(database);
        services.AddSingleton<CareDatabase>();
        services.AddSingleton(TimeProvider.System);
        // A factory for Blazor components, whose scope lasts as long as the circuit; a scoped context for
        // request-shaped work (endpoints, Identity's stores).
        services.AddDbContextFactory<CareDbContext>((provider, options) =>
            options.UseNpgsql(provider.GetRequiredService<CareDatabase>().ConnectionString));

        services.AddScoped<StaffDirectory>();
        // The web app registers configured settings first; commands that never sign anyone in use these.
        services.TryAddSingleton(new StaffSignInSettings());
        services.AddScoped<StaffSignIn>();
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
}
