using System.Text.Json;
using System.Text.Json.Serialization;
using CareConsole.Api;
using CareConsole.Components;
using CareConsole.Components.Dashboard;
using CareConsole.Components.Theme;
using CareConsole.Core;
using CareConsole.Core.Agent;
using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Demo;
using CareConsole.Core.Desk;
using CareConsole.Core.Live;
using CareConsole.Core.Reports;
using CareConsole.Core.Staff;
using CareConsole.Core.Trackers;
using CareConsole.Core.Transcripts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

namespace CareConsole.Hosting;

public static class CareConsoleHosting
{
    /// <summary>
    /// A one-line reason the console cannot start on this machine, or null. Checked before anything starts so the
    /// person running it sees one clear sentence instead of a stack trace.
    /// </summary>
    public static string? MissingPrerequisite(this WebApplicationBuilder builder)
    {
        return CareDatabaseSettings.Problem(builder.Configuration, builder.Environment.ContentRootPath)
            ?? AgentConfiguration.From(builder.Configuration, RepositoryLayout.RootFrom(builder.Environment.ContentRootPath)).Problem
            ?? RateLimitSettings.From(builder.Configuration).Problem
            ?? TrustedProxies.Problem(builder.Configuration)
            ?? SecurityHeaders.Problem(builder.Configuration)
            ?? DeskSettings.From(builder.Configuration).Problem;
    }

    public static void AddCareConsole(this WebApplicationBuilder builder)
    {
        // Serves wwwroot and package assets (MudBlazor, blazor.web.js) straight from the build output in every
        // environment, not only Development; a published app carries its own copy and this is a no-op there.
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.UseKestrelRefusals();

        var services = builder.Services;
        var database = CareDatabaseSettings.From(builder.Configuration, builder.Environment.ContentRootPath);
        var demo = new DemoMode(database.DemoEnabled(builder.Configuration));
        services.AddSingleton(demo);
        services.AddSingleton(builder.Configuration.GetSection("Staff:SignIn").Get<StaffSignInSettings>() ?? new StaffSignInSettings());
        services.AddSingleton(DeskSettings.From(builder.Configuration).Settings);
        services.AddTrustedProxies(builder.Configuration);
        services.AddCareConsoleCore(database).AddSignInManager();
        var (agent, _) = AgentConfiguration.From(builder.Configuration, RepositoryLayout.RootFrom(builder.Environment.ContentRootPath));
        services.AddCareConsoleAgent(agent!);
        if (database.IsSqlite)
        {
            // Microsoft.Data.Sqlite runs its async methods synchronously (SQLite has no asynchronous I/O), so every
            // statement holds a thread-pool thread. With only as many ready threads as cores, a few turns writing at
            // once starve the rest until the pool grows, which it does slowly: that was the whole tail of turn
            // latency. Ready threads for two per concurrent turn keep that from happening.
            ThreadPool.GetMinThreads(out var workers, out var completionPorts);
            ThreadPool.SetMinThreads(Math.Max(workers, 2 * agent!.Turns.MaxConcurrent), completionPorts);
        }
        // Registered first so the database is up (and migrated) before anything else starts.
        services.AddHostedService<DatabaseStartup>();
        // After the database: the trackers are read from it before the first request, and trackers created or
        // edited (here, on another instance, or before a restart) are counted over the stored messages.
        services.AddHostedService<TrackerRefresher>();
        services.AddHostedService<TrackerBackfill>();
        // Messages kept from before transcript search get their search words, once.
        services.AddHostedService<SearchIndexer>();
        // After the database too: live updates for the desk and the widget, from every instance on PostgreSQL; on
        // SQLite they stay in this process, and only the staff command's account changes come from outside.
        if (database.IsSqlite)
        {
            services.AddHostedService<StaffChangeFile>();
        }
        else
        {
            services.AddHostedService<ConversationListener>();
        }
        // The dashboard's per-conversation facts, worked out as conversations change (and, once, for older ones).
        services.AddHostedService<FactsProjection>();
        // A month of past conversations for the demo's dashboard, made through the real agent and desk in the background.
        if (demo.Enabled && builder.Configuration.GetValue("Demo:History", true))
        {
            services.AddHostedService<DemoHistoryWorker>();
        }
        // Last: answers what a killed run left unanswered, in the background, once everything above is up.
        services.AddHostedService<UnansweredMessages>();
        services.AddHostedService<StartupBanner>();

        // The keys that sign staff cookies and forms live in the database: staff stay signed in across restarts, and
        // every instance on the database honours what another signed.
        services.AddDataProtection().SetApplicationName("CareConsole").PersistKeysToDbContext<CareDbContext>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddPersonalAccessTokens().AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "CareConsole.Staff";
            // Secure whenever the console is reached over HTTPS (directly, or through a proxy named in
            // ForwardedHeaders); never readable from scripts; not sent on other sites' requests.
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = "/account/sign-in";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(10);
            cookie.SlidingExpiration = true;
        });
        // Every request with a staff cookie checks it against the account, so a sign-out, new role, new password
        // or lock ends the cookie's use everywhere at once, not at the next periodic check.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        services.AddSingleton<StaffSessions>();
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, StaffAuthenticationStateProvider>();

        services.AddCareConsoleRateLimits(RateLimitSettings.From(builder.Configuration).Limits);
        services.AddHealthChecks().AddDbContextCheck<CareDbContext>("database");
        services.AddApiDocument();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<RefusalExceptionHandler>();

        // The framing rules are SecurityHeaders': antiforgery's blanket SAMEORIGIN would stop the chat being embedded.
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.SuppressXFrameOptionsHeader = true;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddHttpContextAccessor();
        services.AddScoped<CircuitClient>();
        services.AddScoped<CircuitHandler, CircuitClient.Handler>();
        services.AddMudServices();
        services.AddSingleton<ThemeStylesheets>();
    }

    /// <summary>A person's browser asking for a page (not the API, and HTML accepted), who should get one back.</summary>
    private static bool WantsPage(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/api")
        && context.Request.Headers.Accept.Any(accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    public static void MapCareConsole(this WebApplication app)
    {
        // Responses written from here on are the app's; any other on the connection is Kestrel's own refusal.
        app.MarkRequestsInApp();
        // Then: everything after it (limits, identity checks, cookies' Secure flag) sees the real client and scheme.
        app.UseTrustedProxies();
        // People get pages for errors and unknown addresses (a busy console or a malformed request is answered as
        // such by RefusalExceptionHandler first)...
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // ...API callers, and any caller that does not ask for a page, get problem-details JSON. Being inside the page
        // handlers, these answer first, and a response that already has a body is left alone by the page handlers.
        app.UseWhen(context => !WantsPage(context), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseSecurityHeaders(SecurityHeaders.FrameAncestorsFor(app.Configuration));
        app.UseRateLimiter();
        // Named here rather than left to WebApplication, which would put them first: after the limits, so guessing at
        // tokens is counted like any other request, and after the headers and problem handlers, so refusals have both.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapThemeEndpoints();
        app.MapHealthEndpoint();
        app.MapAccountEndpoints();
        if (app.Services.GetRequiredService<DemoMode>().Enabled)
        {
            app.MapDemoEndpoints();
        }
        app.MapConversationEndpoints();
        app.MapKnowledgeEndpoints();
        app.MapAnalyzeEndpoints();
        app.MapDashboardExports();
        app.MapReportEndpoints();
        app.MapApiDocument();

        app.MapRazorComponents<App>().RequireRateLimiting(RateLimiting.Pages).AddInteractiveServerRenderMode(server =>
        {
            // The chat must run inside other sites' frames (embed.js). Blazor only allows framing by this site
            // while its WebSocket traffic is compressed, since compression plus a hostile framing page can leak
            // secrets; so compression is off and SecurityHeaders decides per page instead.
            server.DisableWebSocketCompression = true;
            server.ContentSecurityFrameAncestorsPolicy = null;
        });
    }
}
