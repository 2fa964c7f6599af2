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

        await ClickWhenInteractiveAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Show demo accounts" }));

        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        Assert.True(await rows.CountAsync() >= 50);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Hide demo accounts" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task DemoAccounts_Filter_NarrowsTheListAsYouType()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await ClickWhenInteractiveAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Show demo accounts" }));
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

        foreach (var area in new[] { "Chat", "Desk", "Dashboard" })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = area })).ToBeInViewportAsync();
        }
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone's screen");
    }

    /// <summary>
    /// A click before the circuit connects lands on the server-prerendered button and does nothing; a person would
    /// click again, and so does this, until the page answers.
    /// </summary>
    private static async Task ClickWhenInteractiveAsync(IPage page, ILocator button)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await button.ClickAsync();
            try
            {
                await Assertions.Expect(button).Not.ToBeVisibleAsync(new() { Timeout = 1000 });
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }
}
