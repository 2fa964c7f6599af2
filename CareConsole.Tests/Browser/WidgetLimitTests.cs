using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CareConsole.Tests.Browser;

/// <summary>
/// The widget under the same limits as the API (here three messages per conversation): past them the customer is
/// told kindly to wait, and what they typed stays in the box to send again. Its identity checks count against the
/// browser's address, as the API's count against the caller's.
/// </summary>
[Trait("Category", "Browser")]
public sealed class WidgetLimitTests(TestDatabases databases)
    : OwnBrowserApp(databases, new Dictionary<string, string> { ["RateLimits:Message:PermitLimit"] = "3" })
{
    [Fact]
    public async Task Send_PastTheLimit_AsksToWaitAndKeepsTheMessage()
    {
        var page = await Browser.NewPageAsync(App.BaseAddress);
        await page.GotoAsync("/");
        await WidgetDriver.ExpectLiveAsync(page);
        for (var i = 0; i < 3; i++)
        {
            await WidgetDriver.SayAsync(page, $"hello {i}");
        }

        await page.GetByLabel("Message").FillAsync("one more thing about my refund");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Please wait");
        await Assertions.Expect(page.GetByLabel("Message")).ToHaveValueAsync("one more thing about my refund");
        await Assertions.Expect(page.Locator(".bubble.customer")).ToHaveCountAsync(3);
        Assert.Empty(Browser.CspViolations);
    }

    [Fact]
    public async Task IdentityCheck_FromTheWidget_CountsAgainstTheBrowsersAddress()
    {
        var address = TestClientAddresses.Next();
        var page = await Browser.NewPageAsync(App.BaseAddress, client: address);
        await page.GotoAsync("/");
        await WidgetDriver.ExpectLiveAsync(page);

        await WidgetDriver.SayAsync(page, "my number is 9000000417");
        await WidgetDriver.SayAsync(page, "pincode 110001");

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CareDbContext>();
        var attempt = await db.VerificationAttempts.SingleAsync(a => a.Phone == "9000000417", TestContext.Current.CancellationToken);
        Assert.Equal(address.ToString(), attempt.Client);
        Assert.Equal(Channel.Web, attempt.Channel);
        Assert.False(attempt.Succeeded);
    }
}
