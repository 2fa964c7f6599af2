using CareConsole.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CareConsole.Tests.Browser;

[Collection(BrowserGroup.Name)]
[Trait("Category", "Browser")]
public sealed class WidgetTests(BrowserApp app)
{
    [Fact]
    public async Task DemoAccounts_ShowButton_LoadsTheListOverTheCircuit()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        var rows = page.Locator(".demo-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(0);

        await ShowDemoAccountsAsync(page);

        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        Assert.True(await rows.CountAsync() >= 50);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Hide demo accounts" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task DemoAccounts_Filter_NarrowsTheListAsYouType()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await ShowDemoAccountsAsync(page);
        var rows = page.Locator(".demo-table tbody tr");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        var all = await rows.CountAsync();
        var city = (await rows.First.Locator("td").Nth(3).InnerTextAsync()).Trim();

        await page.GetByLabel("Filter demo accounts").PressSequentiallyAsync(city);

        await Assertions.Expect(rows).Not.ToHaveCountAsync(all);
        foreach (var cityCell in await rows.Locator("td:nth-child(4)").AllInnerTextsAsync())
        {
            Assert.Equal(city, cityCell.Trim());
        }
    }

    [Fact]
    public async Task Home_PhoneSizedScreen_KeepsNavigationAndChatWithinTheScreen()
    {
        var page = await app.NewPageAsync(phone: true);
        await page.GotoAsync("/");

        foreach (var area in new[] { "Chat", "Help" })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = area })).ToBeInViewportAsync();
        }
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone's screen");
        // The customer can start typing straight away: the message box and Send are on the first screen.
        await Assertions.Expect(page.GetByLabel("Message")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true })).ToBeInViewportAsync(new() { Ratio = 1 });
    }

    [Fact]
    public async Task ChatPage_LoadAndUse_RaisesNoScriptErrors()
    {
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync("/");
        await ShowDemoAccountsAsync(page);
        await Assertions.Expect(page.Locator(".demo-table tbody tr").First).ToBeVisibleAsync();

        Assert.Empty(errors);
    }

    [Fact]
    public async Task ReconnectDialog_FollowsTheStateTheFrameworkReports()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        var dialog = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        // blazor.web.js reports the connection's state with this event on the dialog; play it as the script would.
        const string Report = "(d, state) => d.dispatchEvent(new CustomEvent('components-reconnect-state-changed', { detail: { state } }))";
        await dialog.EvaluateAsync(Report, "show");
        await Assertions.Expect(page.GetByText("Connection lost. Reconnecting…")).ToBeVisibleAsync();

        await dialog.EvaluateAsync(Report, "failed");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Try again" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Connection lost. Reconnecting…")).ToBeHiddenAsync();

        await dialog.EvaluateAsync(Report, "hide");
        await Assertions.Expect(dialog).ToBeHiddenAsync();
    }

    /// <summary>
    /// Waits for the page to be live before clicking: a click on the server-rendered page, before the circuit
    /// connects, does nothing.
    /// </summary>
    private static async Task ShowDemoAccountsAsync(IPage page)
    {
        await WidgetDriver.ExpectLiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show demo accounts" }).ClickAsync();
    }
}
