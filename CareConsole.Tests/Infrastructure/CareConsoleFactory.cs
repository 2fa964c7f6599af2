using System.Net;
using CareConsole.Core.Knowledge;
using CareConsole.Core.Staff;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Infrastructure;

/// <summary>A staff account a test created, with the password to sign in with.</summary>
public sealed record TestStaff(string Email, string Password, string Role, string DisplayName);

/// <summary>
/// The real app, in process, on a database of its own (see <see cref="TestDatabases"/>). With <c>onKestrel</c> it
/// listens on a loopback port so a real browser can reach it.
/// </summary>
public sealed class CareConsoleFactory(TestStore store, bool demo = true, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    /// <param name="databases">The run's databases; the app gets one of its own.</param>
    /// <param name="demo">Whether demo mode (demo data, demo accounts) is on.</param>
    /// <param name="onKestrel">Whether to listen on a loopback port, for a real browser.</param>
    /// <param name="settings">Further configuration, e.g. "Knowledge:Directory".</param>
    public static async Task<CareConsoleFactory> StartAsync(TestDatabases databases, bool demo = true, bool onKestrel = false,
        IReadOnlyDictionary<string, string>? settings = null) =>
        Start(await databases.CreateAsync(), demo, onKestrel, settings);

    /// <summary>Starts the app on <paramref name="store"/>, e.g. again on the database of one that stopped.</summary>
    public static CareConsoleFactory Start(TestStore store, bool demo = true, bool onKestrel = false, IReadOnlyDictionary<string, string>? settings = null)
    {
        var factory = new CareConsoleFactory(store, demo, settings);
        if (onKestrel)
        {
            factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        }
        factory.StartServer();
        factory.WaitForMeaningSearch();
        return factory;
    }

    /// <summary>
    /// The help centre ranks English questions by meaning once its sections are embedded, in the background after a
    /// start (the first time in a test run about 20 s of one core; later apps reuse the vectors). Tests see the
    /// console as it answers from then on, not the keyword-only minutes before.
    /// </summary>
    private void WaitForMeaningSearch()
    {
        if (Services.GetService<IEmbeddingGenerator<string, Embedding<float>>>() is null)
        {
            return;
        }
        var library = Services.GetRequiredService<KnowledgeLibrary>();
        if (!SpinWait.SpinUntil(() => library.Current.IsHybrid || library.Current.Chunks.Count == 0, TimeSpan.FromMinutes(3)))
        {
            throw new TimeoutException("The help centre's sections were not embedded within three minutes.");
        }
    }

    /// <summary>The app's database, for a second instance (on PostgreSQL) or a restart to use.</summary>
    public TestStore Store => store;

    /// <summary>Where a browser reaches the app; only for a factory started on Kestrel.</summary>
    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in store.Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Demo:Enabled", demo ? "true" : "false");
        // Tests make the conversations they look at; a test of the history asks for it.
        builder.UseSetting("Demo:History", "false");
        builder.UseEnvironment("Testing");
        builder.UseSetting("DetailedErrors", "true");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, TestClientAddresses>());
    }

    /// <summary>
    /// Npgsql and Microsoft.Data.Sqlite keep idle connections pooled process-wide after the app is gone; with dozens
    /// of apps in one test run they would add up to the server's limit (or to open files). Idle ones only are closed:
    /// other apps simply open new ones.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>Each client calls from an address of its own (see <see cref="TestClientAddresses"/>).</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add(TestClientAddresses.Header, TestClientAddresses.Next().ToString());
    }

    /// <summary>A client calling from <paramref name="address"/>, for tests of what is counted per client.</summary>
    public HttpClient CreateClientFrom(IPAddress address)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Remove(TestClientAddresses.Header);
        client.DefaultRequestHeaders.Add(TestClientAddresses.Header, address.ToString());
        return client;
    }

    /// <summary>Adds a staff account through the same directory the staff command uses.</summary>
    public async Task<TestStaff> AddStaffAsync(string role, string displayName)
    {
        var email = $"{displayName.ToLowerInvariant().Replace(' ', '.')}.{Guid.NewGuid():N}"[..40] + "@test.example";
        var password = StaffPasswords.Generate();
        await using var scope = Services.CreateAsyncScope();
        var change = await scope.ServiceProvider.GetRequiredService<StaffDirectory>().AddAsync(email, role, password, displayName);
        Assert.True(change.Succeeded, string.Join(" ", change.Errors));
        return new TestStaff(email, password, role, displayName);
    }

    /// <summary>Makes a personal access token for the reporting API through the same service the staff command uses.</summary>
    public async Task<string> CreateTokenAsync(string email, int? expiresInDays = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var (change, issued) = await scope.ServiceProvider.GetRequiredService<PersonalAccessTokens>()
            .CreateAsync(email, "Test", expiresInDays, CancellationToken.None);
        Assert.True(change.Succeeded, string.Join(" ", change.Errors));
        return issued!.Token;
    }

    /// <summary>A client that sends <paramref name="token"/> as its bearer token, from an address of its own.</summary>
    public HttpClient CreateClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
