using CareConsole.Core;
using CareConsole.Hosting;
using CareConsole.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CareConsole.Tests.Browser;

/// <summary>
/// Two app instances on one PostgreSQL, as behind a load balancer: the test's in-process app (A) and the console as
/// its own process (B), which share nothing but the database. A customer on A and an agent on B see each other live.
/// </summary>
[Collection(BrowserGroup.Name)]
[Trait("Category", "Browser")]
public sealed class TwoInstancesTests(PostgresBrowserApp app) : IClassFixture<PostgresBrowserApp>, IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 2000 };
    private static readonly LocatorAssertionsToContainTextOptions LiveText = new() { Timeout = 2000 };

    private readonly TempFolder _folder = new("instance-b");
    private ConsoleProcess? _instanceB;
    private Uri _addressB = null!;

    public async ValueTask InitializeAsync() =>
        (_instanceB, _addressB) = await AppProcess.StartConsoleAsync(_folder.Combine("unused"), TimeSpan.FromSeconds(90), app.Factory.Store);

    [Fact]
    public async Task CustomerOnOneInstance_AgentOnAnother_SeeEachOtherLive()
    {
        const string Lost = "my parcel never came and the tracking is stuck";
        Assert.NotEqual(app.Factory.BaseAddress.Port, _addressB.Port);
        var desk = await app.SignedInPageAsync(app.Agent, at: _addressB);
        var widget = await app.ChatPageAsync();

        // Posted through A, on B's desk without a reload.
        await WidgetDriver.SayAsync(widget, "I want to talk to a person, " + Lost);
        var entry = desk.Locator(".queue-entry", new() { HasText = Lost });
        await Assertions.Expect(entry).ToBeVisibleAsync(Live);

        // Taken over on B: once B has saved it (its own page shows it), the customer on A is told within 2 s. The
        // clock starts there, not at the click, because a freshly started instance's first action also pays for
        // warming up, which is not what travels between instances.
        await entry.ClickAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Take over" }).ClickAsync();
        await Assertions.Expect(desk.Locator(".entry.system").Last).ToContainTextAsync("has joined");
        await Assertions.Expect(widget.Locator(".bubble.system").Last).ToContainTextAsync("Asha from MelaMart's support team has joined", LiveText);

        // Each side's messages reach the other.
        await WidgetDriver.SendAsync(widget, "the order was a birthday gift");
        await Assertions.Expect(desk.Locator(".entry.customer").Last).ToContainTextAsync("birthday gift", LiveText);
        await desk.GetByLabel("Reply or note").FillAsync("I've asked the courier to trace it today.");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Send to customer" }).ClickAsync();
        await Assertions.Expect(desk.Locator(".entry.agent").Last).ToContainTextAsync("trace it today");
        await Assertions.Expect(widget.Locator(".bubble.agent").Last).ToContainTextAsync("trace it today", LiveText);
    }

    public async ValueTask DisposeAsync()
    {
        if (_instanceB is not null)
        {
            await _instanceB.DisposeAsync();
        }
        _folder.Dispose();
    }
}
