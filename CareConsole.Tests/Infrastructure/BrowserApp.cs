using CareConsole.Core.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CareConsole.Tests.Infrastructure;

/// <summary>The app on Kestrel with demo data, a browser, and one agent and one manager to sign in as.</summary>
public class BrowserApp(TestDatabases databases) : IAsyncLifetime
{
    private CareConsoleFactory? _factory;
    private Browser? _browser;

    public CareConsoleFactory Factory => _factory ?? throw new InvalidOperationException("Not started.");

    public TestStaff Agent { get; private set; } = null!;

    public TestStaff Manager { get; private set; } = null!;

    /// <summary>Content-Security-Policy violations reported by any page opened so far.</summary>
    public IReadOnlyCollection<string> CspViolations => _browser?.CspViolations ?? [];

    public async ValueTask InitializeAsync()
    {
        _factory = CareConsoleFactory.Start(await CreateStoreAsync(databases), demo: true, onKestrel: true);
        _browser = await Browser.LaunchAsync();
        Agent = await _factory.AddStaffAsync(StaffRoles.Agent, "Asha Agent");
        Manager = await _factory.AddStaffAsync(StaffRoles.Manager, "Manoj Manager");
        await PrepareAsync(_factory);
    }

    /// <summary>Whatever the tests of a fixture need in the database before they start.</summary>
    protected virtual Task PrepareAsync(CareConsoleFactory factory) => Task.CompletedTask;

    /// <summary>The database the app runs on: the run's engine.</summary>
    protected virtual Task<TestStore> CreateStoreAsync(TestDatabases databases) => databases.CreateAsync();

    /// <param name="phone">A phone-sized window instead of a desktop one.</param>
    /// <param name="at">Another instance of the app to open the page on; this one when not given.</param>
    public Task<IPage> NewPageAsync(bool phone = false, Uri? at = null) => _browser!.NewPageAsync(at ?? Factory.BaseAddress, phone);

    /// <summary>A fresh browser profile on the chat page, once the chat is live.</summary>
    public async Task<IPage> ChatPageAsync()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        await WidgetDriver.ExpectLiveAsync(page);
        return page;
    }

    /// <summary>A fresh browser profile signed in as <paramref name="staff"/>, on the desk where sign-in lands, once it is live.</summary>
    /// <param name="at">Another instance of the app to sign in on; this one when not given.</param>
    public async Task<IPage> SignedInPageAsync(TestStaff staff, Uri? at = null)
    {
        var page = await NewPageAsync(at: at);
        await page.GotoAsync("/account/sign-in");
        await SignInAsync(page, staff);
        await ExpectHeadingAsync(page, "Desk");
        await Assertions.Expect(page.Locator(".desk[data-live=true]")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Waits for the page's main heading to read exactly <paramref name="name"/>.</summary>
    public static Task ExpectHeadingAsync(IPage page, string name) =>
        Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = name, Exact = true })).ToBeVisibleAsync();

    /// <summary>A customer verifies and asks for a refund through the customer API; the assistant hands them over.</summary>
    public async Task<Guid> RefundAwaitingApprovalAsync()
    {
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(Factory, o => o.Requestable, TestContext.Current.CancellationToken);
        using var http = Factory.CreateClient();
        var chat = await new CustomerApi(http).StartAsync();
        await chat.SayAsync($"My number is {customer.Phone}");
        Assert.True((await chat.SayAsync($"My pincode is {customer.Pincode}")).Verified);
        var turn = await chat.SayAsync($"I want a refund for order {order.Id}, it arrived broken");
        Assert.True(turn.Escalated, turn.Reply);
        return chat.Id;
    }

    /// <summary>Signs in through the sign-in form, as a person would.</summary>
    public static async Task SignInAsync(IPage page, TestStaff staff)
    {
        await page.GetByLabel("Email").FillAsync(staff.Email);
        await page.GetByLabel("Password").FillAsync(staff.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        var violations = CspViolations.ToList();
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        // Every browser test's pages were watched: one violation anywhere fails the run.
        if (violations.Count > 0)
        {
            throw new InvalidOperationException("Pages reported Content-Security-Policy violations:\n" + string.Join("\n", violations));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserApp>
{
    public const string Name = "Browser";
}

/// <summary>The browser app on PostgreSQL, for tests of several instances on one database.</summary>
public sealed class PostgresBrowserApp(TestDatabases databases) : BrowserApp(databases)
{
    protected override Task<TestStore> CreateStoreAsync(TestDatabases databases) => databases.CreatePostgresAsync();
}

/// <summary>The browser app with a month of reported conversations (October 2026), for the dashboard's tests.</summary>
public sealed class DashboardBrowserApp(TestDatabases databases) : BrowserApp(databases)
{
    public const string October = "period=custom&from=2026-10-01&to=2026-10-31";

    protected override async Task PrepareAsync(CareConsoleFactory factory)
    {
        await using (var db = factory.Store.NewContext())
        {
            await CareConsole.Tests.Core.Reports.ReportScenario.BuildAsync(db, new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), days: 30, count: 150, seed: 3, TestContext.Current.CancellationToken);
        }
        await factory.Services.GetRequiredService<CareConsole.Core.Reports.FactsProjector>().CatchUpAsync(TestContext.Current.CancellationToken);
    }
}
