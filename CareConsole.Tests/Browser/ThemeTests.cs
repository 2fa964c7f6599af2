using CareConsole.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CareConsole.Tests.Browser;

/// <summary>Light and dark: the device's setting until the visitor chooses, then their choice, kept across visits.</summary>
[Collection(BrowserGroup.Name)]
[Trait("Category", "Browser")]
public sealed class ThemeTests(BrowserApp app)
{
    [Fact]
    public async Task NoChoice_FollowsTheDevice_OnStaticAndLivePages()
    {
        var page = await app.NewPageAsync();

        foreach (var path in new[] { "/help", "/" })
        {
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
            await page.GotoAsync(path);
            Assert.Equal(DarkBackground, await BackgroundAsync(page));

            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
            Assert.Equal(LightBackground, await BackgroundAsync(page));
        }
    }

    [Fact]
    public async Task Switch_TurnsDarkAtOnce_WithoutReloading_AndIsRememberedOnTheNextVisit()
    {
        var page = await app.ChatPageAsync();
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await WidgetDriver.SendAsync(page, "just checking the colours");
        var theSwitch = page.GetByRole(AriaRole.Button, new() { Name = "Dark theme" });
        await Assertions.Expect(theSwitch).ToHaveAttributeAsync("aria-pressed", "false");

        await theSwitch.ClickAsync();

        await Assertions.Expect(theSwitch).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal(DarkBackground, await BackgroundAsync(page));
        // Nothing reloaded: the conversation is still on the page.
        await Assertions.Expect(page.Locator(".bubble.customer")).ToContainTextAsync("just checking the colours");

        // Another page, another day: still dark although the device is light; and back to light when switched again.
        await page.GotoAsync("/help");
        Assert.Equal(DarkBackground, await BackgroundAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Dark theme" }).ClickAsync();
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.ReloadAsync();
        Assert.Equal(LightBackground, await BackgroundAsync(page));
    }

    // The theme's page backgrounds (BrandTheme), as the browser computes them.
    private const string LightBackground = "rgb(244, 246, 245)";
    private const string DarkBackground = "rgb(16, 22, 23)";

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
}
