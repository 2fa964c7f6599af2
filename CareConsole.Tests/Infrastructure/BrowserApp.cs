using CareConsole.Core.Staff;
using Microsoft.Playwright;

namespace CareConsole.Tests.Infrastructure;

/// <summary>The app on Kestrel with demo data, a browser, and one agent and one manager to sign in as.</summary>
public sealed class BrowserApp(TestPostgres postgres) : IAsyncLifetime
{
    private CareConsoleFactory? _factory;
    private Browser? _browser;

    public CareConsoleFactory Factory => _factory ?? throw new InvalidOperationException("Not started.");

    public TestStaff Agent { get; private set; } = null!;

    public TestStaff Manager { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _factory = await CareConsoleFactory.StartAsync(postgres, demo: true, onKestrel: true);
        _browser = await Browser.LaunchAsync();
        Agent = await _factory.AddStaffAsync(StaffRoles.Agent, "Asha Agent");
        Manager = await _factory.AddStaffAsync(StaffRoles.Manager, "Manoj Manager");
    }

    public Task<IPage> NewPageAsync(bool phone = false) => _browser!.NewPageAsync(Factory.BaseAddress, phone);

    /// <summary>Signs in through the sign-in form, as a person would.</summary>
    public static async Task SignInAsync(IPage page, TestStaff staff)
    {
        await page.GetByLabel("Email").FillAsync(staff.Email);
        await page.GetByLabel("Password").FillAsync(staff.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserApp>
{
    public const string Name = "Browser";
}
