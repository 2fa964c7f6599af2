using CareConsole.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CareConsole.Tests.Browser;

[Collection(BrowserGroup.Name)]
[Trait("Category", "Browser")]
public sealed class StaffAccessTests(BrowserApp app)
{
    [Fact]
    public async Task Desk_Anonymous_LandsOnSignIn()
    {
        var page = await app.NewPageAsync();

        await page.GotoAsync("/desk");

        await BrowserApp.ExpectHeadingAsync(page, "Staff sign in");
        Assert.Matches("/account/sign-in\\?ReturnUrl=%2Fdesk$", page.Url);
    }

    [Fact]
    public async Task SignIn_Agent_ReachesTheDeskAndSeesTheirName()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/desk");

        await BrowserApp.SignInAsync(page, app.Agent);

        await BrowserApp.ExpectHeadingAsync(page, "Desk");
        Assert.EndsWith("/desk", page.Url);
        await Assertions.Expect(page.GetByRole(AriaRole.Banner)).ToContainTextAsync(app.Agent.DisplayName);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/help")]
    public async Task CustomerPages_Anonymous_ShowNoStaffAreas_OnlyAQuietSignInLinkAtTheFoot(string path)
    {
        var page = await app.NewPageAsync();

        await page.GotoAsync(path);

        var areas = page.GetByRole(AriaRole.Navigation, new() { Name = "Areas" });
        await Assertions.Expect(areas.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Chat", "Help"]);
        await Assertions.Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Staff sign in" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Staff sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Navigation_ShowsEachMemberOfStaffOnlyTheAreasTheirRoleOpens()
    {
        var agent = await app.SignedInPageAsync(app.Agent);
        var manager = await app.SignedInPageAsync(app.Manager);

        await agent.GotoAsync("/help");
        await manager.GotoAsync("/help");

        await Assertions.Expect(agent.GetByRole(AriaRole.Navigation, new() { Name = "Areas" }).GetByRole(AriaRole.Link)).ToHaveTextAsync(["Chat", "Help", "Desk"]);
        await Assertions.Expect(manager.GetByRole(AriaRole.Navigation, new() { Name = "Areas" }).GetByRole(AriaRole.Link)).ToHaveTextAsync(["Chat", "Help", "Desk", "Dashboard"]);
        await Assertions.Expect(agent.GetByRole(AriaRole.Contentinfo)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Dashboard_Agent_IsRefused()
    {
        var page = await app.SignedInPageAsync(app.Agent);

        await page.GotoAsync("/dashboard");

        await BrowserApp.ExpectHeadingAsync(page, "This page is not for your role");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Dashboard_Manager_Opens()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/dashboard");
        await BrowserApp.SignInAsync(page, app.Manager);

        await BrowserApp.ExpectHeadingAsync(page, "Dashboard");
        Assert.EndsWith("/dashboard", page.Url);
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysSoAndStaysOut()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/desk");

        await BrowserApp.SignInAsync(page, app.Agent with { Password = "Not-The-Password-1" });

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("do not match a staff account");
        await BrowserApp.ExpectHeadingAsync(page, "Staff sign in");
    }

    [Fact]
    public async Task SignOut_FromTheHeader_EndsTheSession()
    {
        var page = await app.SignedInPageAsync(app.Manager);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        // Wherever it lands (the chat, or the sign-in page when the open desk notices first), the staff areas are gone.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Areas" }).GetByRole(AriaRole.Link)).ToHaveTextAsync(["Chat", "Help"]);
        await page.GotoAsync("/desk");

        await BrowserApp.ExpectHeadingAsync(page, "Staff sign in");
    }

    [Fact]
    public async Task SignIn_ReturnUrlToAnotherSite_StaysOnThisSite()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/sign-in?ReturnUrl=" + Uri.EscapeDataString("//evil.example/steal"));

        await BrowserApp.SignInAsync(page, app.Agent);

        await BrowserApp.ExpectHeadingAsync(page, "Desk");
        Assert.StartsWith(app.Factory.BaseAddress.ToString(), page.Url);
    }
}
