using System.Net;
using System.Net.Http.Json;
using CareConsole.Core.Data;
using CareConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Api;

public sealed class DemoAccountsApiTests(DemoAppFixture app, TestDatabases databases) : IClassFixture<DemoAppFixture>
{
    private sealed record Account(string Phone, string Name, string Pincode, string City, List<Order> Orders);

    private sealed record Order(string Id, string Status);

    private static readonly string[] Statuses =
    [
        "placed", "packed", "shipped", "in_transit", "out_for_delivery", "delivered",
        "cancelled", "return_requested", "returned", "refund_pending", "refunded", "pickup_scheduled",
    ];

    [Fact]
    public async Task List_DemoMode_GivesEveryoneNeededToPlayACustomer()
    {
        using var client = app.Factory.CreateClient();

        var accounts = await client.GetFromJsonAsync<List<Account>>("/api/demo/accounts", TestContext.Current.CancellationToken);

        Assert.NotNull(accounts);
        Assert.True(accounts.Count >= 50, $"{accounts.Count} accounts");
        Assert.All(accounts, account =>
        {
            Assert.Matches("^[6-9][0-9]{9}$", account.Phone);
            Assert.Matches("^[0-9]{6}$", account.Pincode);
            Assert.False(string.IsNullOrWhiteSpace(account.Name));
            Assert.False(string.IsNullOrWhiteSpace(account.City));
            Assert.NotEmpty(account.Orders);
            Assert.All(account.Orders, order => Assert.Contains(order.Status, Statuses));
        });
        var orders = accounts.SelectMany(a => a.Orders).ToList();
        Assert.True(orders.Count >= 200, $"{orders.Count} orders");
        Assert.Equal(Statuses.Order(), orders.Select(o => o.Status).Distinct().Order());
    }

    [Fact]
    public async Task ChatPage_DemoMode_OffersTheDemoAccounts()
    {
        using var client = app.Factory.CreateClient();

        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("Try a demo account", page);
    }

    [Fact]
    public async Task DemoModeOff_NeitherListNorHintNorDemoData()
    {
        await using var factory = await CareConsoleFactory.StartAsync(databases, demo: false);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/demo/accounts", TestContext.Current.CancellationToken);
        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Try a demo account", page);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<CareDbContext>().Customers.AnyAsync(TestContext.Current.CancellationToken));
    }
}
