using System.Net;
using CareConsole.Core.Staff;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Infrastructure;

/// <summary>A staff account a test created, with the password to sign in with.</summary>
public sealed record TestStaff(string Email, string Password, string Role, string DisplayName);

/// <summary>
/// The real app, in process, on a database of its own on the test PostgreSQL server. With <c>onKestrel</c> it
/// listens on a loopback port so a real browser can reach it.
/// </summary>
public sealed class CareConsoleFactory(string connectionString, bool demo = true, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    /// <param name="postgres">The test server; the app gets a database of its own on it.</param>
    /// <param name="demo">Whether demo mode (demo data, demo accounts) is on.</param>
    /// <param name="onKestrel">Whether to listen on a loopback port, for a real browser.</param>
    /// <param name="settings">Further configuration, e.g. "Knowledge:Directory".</param>
    public static async Task<CareConsoleFactory> StartAsync(TestPostgres postgres, bool demo = true, bool onKestrel = false,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var factory = new CareConsoleFactory(await postgres.CreateDatabaseAsync(), demo, settings);
        if (onKestrel)
        {
            factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        }
        factory.StartServer();
        return factory;
    }

    /// <summary>The app's database, for a second instance to share.</summary>
    public string ConnectionString => connectionString;

    /// <summary>Where a browser reaches the app; only for a factory started on Kestrel.</summary>
    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Care", connectionString);
        builder.UseSetting("Demo:Enabled", demo ? "true" : "false");
        builder.UseEnvironment("Testing");
        builder.UseSetting("DetailedErrors", "true");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, TestClientAddresses>());
    }

    /// <summary>
    /// Npgsql keeps idle connections pooled process-wide after the app is gone; with dozens of apps in one test run
    /// they would add up to the server's limit. Idle ones only are closed: other apps simply open new ones.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
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
}
