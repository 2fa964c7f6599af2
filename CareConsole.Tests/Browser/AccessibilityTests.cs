using CareConsole.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CareConsole.Tests.Browser;

/// <summary>
/// The customer and staff screens, in light and dark, checked by axe-core against WCAG 2 A/AA and its best
/// practices: none may have a serious or critical violation. Each screen is checked as people see it, once it is
/// live, with the look chosen both by the theme cookie and by the system preference.
/// </summary>
[Collection(BrowserGroup.Name)]
[Trait("Category", "Browser")]
public sealed class AccessibilityTests(BrowserApp app)
{
    [Fact]
    public async Task Check_PageWithKnownFaults_FindsThemAndSaysWhereWithoutAPolicyViolation()
    {
        var before = app.CspViolations.Count;
        var page = await app.NewPageAsync();
        await page.GotoAsync("/help");
        // Markup added by DevTools, as a faulty component would render it: a button with no name, an image with no
        // text alternative.
        await page.EvaluateAsync("""
            () => document.body.insertAdjacentHTML('beforeend',
              '<button type="button" id="nameless"></button><img id="wordless" width="16" height="16">')
            """);

        var violations = await Accessibility.SeriousViolationsAsync(page);
        var message = Accessibility.Describe("/help", violations);

        Assert.Contains(violations, v => v.Id == "button-name" && v.Impact == "critical" && v.Nodes.Any(n => n.Target == "#nameless"));
        Assert.Contains(violations, v => v.Id == "image-alt" && v.Nodes.Any(n => n.Target == "#wordless"));
        Assert.Contains("button-name (critical): Buttons must have discernible text", message, StringComparison.Ordinal);
        Assert.Contains("- #nameless", message, StringComparison.Ordinal);
        Assert.Contains("Fix any of the following:", message, StringComparison.Ordinal);
        // Loading axe-core went around the page's policy, not against it.
        await page.EvaluateAsync("() => new Promise(requestAnimationFrame)");
        Assert.Equal([], app.CspViolations.Skip(before));
    }

    [Theory]
    [InlineData(Themes.Light)]
    [InlineData(Themes.Dark)]
    public async Task ChatPage_Live_HasNoSeriousViolations(string theme)
    {
        var page = await ThemedPageAsync(theme);
        await page.GotoAsync("/");
        await WidgetDriver.ExpectLiveAsync(page);

        await Accessibility.ExpectNoSeriousViolationsAsync(page, $"/ ({theme})");
    }

    [Fact]
    public async Task ChatPage_PhoneSized_HasNoSeriousViolations()
    {
        var page = await ThemedPageAsync(Themes.Light, phone: true);
        await page.GotoAsync("/");
        await WidgetDriver.ExpectLiveAsync(page);

        await Accessibility.ExpectNoSeriousViolationsAsync(page, "/ (light, phone)");
    }

    [Theory]
    [InlineData(Themes.Light)]
    [InlineData(Themes.Dark)]
    public async Task EmbeddedWidget_Live_HasNoSeriousViolations(string theme)
    {
        var page = await ThemedPageAsync(theme);
        await page.GotoAsync("/widget");
        await WidgetDriver.ExpectLiveAsync(page);

        await Accessibility.ExpectNoSeriousViolationsAsync(page, $"/widget ({theme})");
    }

    [Theory]
    [InlineData(Themes.Light)]
    [InlineData(Themes.Dark)]
    public async Task HelpCentre_HasNoSeriousViolations(string theme)
    {
        var page = await ThemedPageAsync(theme);
        await page.GotoAsync("/help");
        await BrowserApp.ExpectHeadingAsync(page, "Help centre");

        await Accessibility.ExpectNoSeriousViolationsAsync(page, $"/help ({theme})");
    }

    [Theory]
    [InlineData(Themes.Light)]
    [InlineData(Themes.Dark)]
    public async Task HelpArticle_HasNoSeriousViolations(string theme)
    {
        var page = await ThemedPageAsync(theme);
        await page.GotoAsync("/help/refund-timelines");
        await BrowserApp.ExpectHeadingAsync(page, "Refund timelines");

        await Accessibility.ExpectNoSeriousViolationsAsync(page, $"/help/refund-timelines ({theme})");
    }

    [Theory]
    [InlineData(Themes.Light)]
    [InlineData(Themes.Dark)]
    public async Task SignIn_HasNoSeriousViolations(string theme)
    {
        var page = await ThemedPageAsync(theme);
        await page.GotoAsync("/account/sign-in");
        await Assertions.Expect(page.GetByLabel("Password")).ToBeVisibleAsync();

        await Accessibility.ExpectNoSeriousViolationsAsync(page, $"/account/sign-in ({theme})");
    }

    /// <summary>
    /// The desk at its fullest: a conversation handed over for a refund that waits for approval, taken over, so the
    /// hand-off, the request with its decision form, the reply box and the resolve form are all on screen.
    /// </summary>
    [Theory]
    [InlineData(Themes.Light)]
    [InlineData(Themes.Dark)]
    public async Task DeskConversation_HandedOverWithARequestAwaitingApproval_HasNoSeriousViolations(string theme)
    {
        var id = await app.RefundAwaitingApprovalAsync();
        var page = await SignedInThemedPageAsync(app.Agent, theme);

        await page.GotoAsync($"/desk/{id}");
        await Assertions.Expect(page.Locator(".desk[data-live=true]")).ToBeVisibleAsync();
        var conversation = page.Locator($".desk-conversation[data-conversation='{id}']");
        await Assertions.Expect(conversation.Locator(".escalation")).ToBeVisibleAsync();
        await conversation.GetByRole(AriaRole.Button, new() { Name = "Take over" }).ClickAsync();
        await Assertions.Expect(conversation.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToBeVisibleAsync();

        await Accessibility.ExpectNoSeriousViolationsAsync(page, $"/desk/{id}, a refund awaiting approval ({theme})");
    }

    [Theory]
    [InlineData(Themes.Light)]
    [InlineData(Themes.Dark)]
    public async Task Dashboard_HasNoSeriousViolations(string theme)
    {
        var page = await SignedInThemedPageAsync(app.Manager, theme);

        await page.GotoAsync("/dashboard");
        await BrowserApp.ExpectHeadingAsync(page, "Dashboard");

        await Accessibility.ExpectNoSeriousViolationsAsync(page, $"/dashboard ({theme})");
    }

    /// <summary>A fresh browser profile with <paramref name="theme"/> chosen for the app.</summary>
    private async Task<IPage> ThemedPageAsync(string theme, bool phone = false)
    {
        var page = await app.NewPageAsync(phone);
        await Themes.UseAsync(page, app.Factory.BaseAddress, theme);
        return page;
    }

    /// <summary>A fresh browser profile with <paramref name="theme"/> chosen, signed in as <paramref name="staff"/>.</summary>
    private async Task<IPage> SignedInThemedPageAsync(TestStaff staff, string theme)
    {
        var page = await ThemedPageAsync(theme);
        await page.GotoAsync("/account/sign-in");
        await BrowserApp.SignInAsync(page, staff);
        await BrowserApp.ExpectHeadingAsync(page, "Desk");
        return page;
    }
}
