using CareConsole.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CareConsole.Tests.Browser;

/// <summary>The chat and the desk's main actions with a keyboard alone: no mouse, no touch.</summary>
[Collection(BrowserGroup.Name)]
[Trait("Category", "Browser")]
public sealed class KeyboardTests(BrowserApp app)
{
    [Fact]
    public async Task Widget_TabToTheMessageBox_TypeAndPressEnter_SendsAndGetsAnAnswer()
    {
        var page = await app.ChatPageAsync();

        var box = page.GetByLabel("Message");
        await TabUntilFocusedAsync(page, box);
        await page.Keyboard.TypeAsync("How long does a refund to UPI take?");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator(".bubble.customer").Last).ToContainTextAsync("refund to UPI");
        await Assertions.Expect(page.Locator(".bubble.assistant .sources a").Last).ToHaveTextAsync("Refund timelines");
        await Assertions.Expect(box).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Desk_OpenTakeOverReplyAndApprove_WithTheKeyboardAlone()
    {
        var customer = await app.RefundAwaitingApprovalAsync();
        var desk = await app.SignedInPageAsync(app.Agent);

        // Queue entry: Tab to it, Enter opens it.
        var entry = desk.Locator($"li[data-conversation='{customer}'] a");
        await TabUntilFocusedAsync(desk, entry);
        await desk.Keyboard.PressAsync("Enter");
        var takeOver = desk.GetByRole(AriaRole.Button, new() { Name = "Take over" });
        await TabUntilFocusedAsync(desk, takeOver);
        await desk.Keyboard.PressAsync("Enter");

        // The reply goes with Ctrl+Enter from the reply box.
        var reply = desk.GetByLabel("Reply or note");
        await TabUntilFocusedAsync(desk, reply);
        await desk.Keyboard.TypeAsync("Looking at your refund now.");
        await desk.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(desk.Locator(".entry.agent").Last).ToContainTextAsync("Looking at your refund now.");

        // Approve: the note, the button, then the dialog's own button; Escape first shows it changes nothing.
        await TabUntilFocusedAsync(desk, desk.GetByLabel("Note", new() { Exact = true }));
        await desk.Keyboard.TypeAsync("Damaged on arrival.");
        await TabUntilFocusedAsync(desk, desk.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }));
        await desk.Keyboard.PressAsync("Enter");
        // The dialog takes the focus when it opens; from there Escape closes it.
        await Assertions.Expect(desk.GetByRole(AriaRole.Dialog).Locator(":focus")).ToHaveCountAsync(1);
        await desk.Keyboard.PressAsync("Escape");
        await Assertions.Expect(desk.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Assertions.Expect(desk.Locator(".request .decision")).ToHaveCountAsync(0);

        await TabUntilFocusedAsync(desk, desk.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }));
        await desk.Keyboard.PressAsync("Enter");
        await TabUntilFocusedAsync(desk, desk.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Approve" }));
        await desk.Keyboard.PressAsync("Enter");
        await Assertions.Expect(desk.Locator(".request .decision")).ToContainTextAsync("Approved");
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus, as a keyboard user would; fails after 80 presses.</summary>
    private static async Task TabUntilFocusedAsync(IPage page, ILocator target)
    {
        for (var presses = 0; presses < 80; presses++)
        {
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"Tab never reached {target}");
    }
}
