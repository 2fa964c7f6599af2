using CareConsole.Core.Staff;
using CareConsole.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CareConsole.Tests.Browser;

/// <summary>
/// Live desks and dashboards end the moment their account may no longer use them: signed out elsewhere, given
/// another role, locked. Each test uses an account of its own, since ending sessions ends all of an account's.
/// </summary>
[Collection(BrowserGroup.Name)]
[Trait("Category", "Browser")]
public sealed class StaffSessionTests(BrowserApp app)
{
    // "At once": long enough for a notification to cross a loaded machine, far short of the five-minute re-check.
    private static readonly LocatorAssertionsToBeVisibleOptions AtOnce = new() { Timeout = 5_000 };

    [Fact]
    public async Task SignOut_InOneTab_EndsTheDeskOpenInAnotherTabAndOnAnotherDevice()
    {
        var agent = await app.Factory.AddStaffAsync(StaffRoles.Agent, "Two Tabs");
        var first = await app.SignedInPageAsync(agent);
        var secondTab = await first.Context.NewPageAsync();
        await secondTab.GotoAsync("/desk");
        await Assertions.Expect(secondTab.Locator(".desk[data-live=true]")).ToBeVisibleAsync();
        var otherDevice = await app.SignedInPageAsync(agent);

        await first.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Assertions.Expect(SignInHeading(secondTab)).ToBeVisibleAsync(AtOnce);
        await Assertions.Expect(SignInHeading(otherDevice)).ToBeVisibleAsync(AtOnce);
        await Assertions.Expect(otherDevice.Locator(".desk")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task RoleChange_EndsTheOpenDashboard()
    {
        var manager = await app.Factory.AddStaffAsync(StaffRoles.Manager, "Role Change");
        var page = await app.SignedInPageAsync(manager);
        await page.GotoAsync("/dashboard");
        await BrowserApp.ExpectHeadingAsync(page, "Dashboard");
        await Assertions.Expect(page.Locator(".shell[data-interactive=true]")).ToBeVisibleAsync();

        await ChangeAsync(staff => staff.SetRoleAsync(manager.Email, StaffRoles.Agent));

        await Assertions.Expect(SignInHeading(page)).ToBeVisibleAsync(AtOnce);
    }

    [Fact]
    public async Task Lock_EndsTheOpenDeskAndTheAccountCannotSignInAgain()
    {
        var agent = await app.Factory.AddStaffAsync(StaffRoles.Agent, "Lock Me");
        var page = await app.SignedInPageAsync(agent);

        await ChangeAsync(staff => staff.LockAsync(agent.Email));

        await Assertions.Expect(SignInHeading(page)).ToBeVisibleAsync(AtOnce);
        await BrowserApp.SignInAsync(page, agent);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("locked");
    }

    private async Task ChangeAsync(Func<StaffDirectory, Task<StaffChange>> change)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var result = await change(scope.ServiceProvider.GetRequiredService<StaffDirectory>());
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
    }

    private static ILocator SignInHeading(IPage page) =>
        page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Staff sign in", Exact = true });
}
