using System.Net;
using Microsoft.Playwright;

namespace CareConsole.Tests.Infrastructure;

/// <summary>Headless Chromium from the machine's own package, driven by Playwright.</summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        _playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    /// <summary>
    /// Every Content-Security-Policy violation any page of this browser reported, with the page it happened on. The
    /// policy is meant to allow everything the app does, so any entry here is a defect.
    /// </summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> CspViolations { get; } = new();

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Browser tests need Chromium at {ChromiumPath}: sudo apt-get install chromium");
        }
        // Checks poll until the page shows what they expect. A loaded two-core CI machine can take longer than
        // Playwright's 5 s default to answer a chat turn; the checks that measure a promised delay set their own.
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Chromium's own background traffic (updates, sync, safe browsing) only fails on a closed network.
            // The console under test listens on loopback, which Chromium keeps public sites (such as the shop page that
            // embeds the chat) from reaching; a real console is reached over the network like the shop itself.
            Args = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu",
                "--disable-features=LocalNetworkAccessChecks"],
        });
        return new Browser(playwright, chromium);
    }

    /// <summary>A fresh browser profile (no cookies) with a page open, at a desktop or a phone size.</summary>
    /// <param name="client">The address the profile calls from; a fresh one when not given.</param>
    public async Task<IPage> NewPageAsync(Uri baseAddress, bool phone = false, IPAddress? client = null)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            // Each browser profile is a visitor of its own, as people are: one test's page loads do not use up
            // another's allowance (see TestClientAddresses).
            ExtraHTTPHeaders = new Dictionary<string, string> { [TestClientAddresses.Header] = (client ?? TestClientAddresses.Next()).ToString() },
        });
        context.SetDefaultTimeout(15_000);
        // The page reports each violation it sees as a console message that says so.
        await context.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + (e.sample ? ' (' + e.sample + ')' : '')));");
        context.Console += (_, message) =>
        {
            if (message.Text.StartsWith("CSP violation", StringComparison.Ordinal) || message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                CspViolations.Enqueue($"{message.Page?.Url}: {message.Text}");
            }
        };
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }
}
