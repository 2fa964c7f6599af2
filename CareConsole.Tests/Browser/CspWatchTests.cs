using CareConsole.Tests.Infrastructure;

namespace CareConsole.Tests.Browser;

/// <summary>
/// The watch every browser test relies on ("no page reported a policy violation") does see a violation: without this,
/// a broken watch would let every other browser test pass over a policy that blocks the app. A browser of its own,
/// so the violation made here does not fail the shared one.
/// </summary>
[Trait("Category", "Browser")]
public sealed class CspWatchTests(TestDatabases databases) : OwnBrowserApp(databases)
{
    [Fact]
    public async Task Page_AnInlineScriptInjected_IsBlockedAndReported()
    {
        var page = await Browser.NewPageAsync(App.BaseAddress);
        await page.GotoAsync("/help");
        Assert.Empty(Browser.CspViolations);

        // As injected markup would try: an inline script the policy has no nonce for.
        var ran = await page.EvaluateAsync<bool>("""
            () => { window.__ran = false; const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.appendChild(s); return window.__ran; }
            """);

        Assert.False(ran);
        await Poll.UntilAsync(() => !Browser.CspViolations.IsEmpty, TimeSpan.FromSeconds(15));
        Assert.Contains(Browser.CspViolations, v => v.Contains("script-src", StringComparison.Ordinal));
    }
}
