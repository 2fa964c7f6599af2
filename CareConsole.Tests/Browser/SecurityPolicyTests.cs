using CareConsole.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CareConsole.Tests.Browser;

/// <summary>
/// Every screen, at desktop and phone size, used as people use it, with the Content-Security-Policy in force: none
/// may report a violation (the browser fixture also fails the run for a violation in any other test).
/// </summary>
[Collection(BrowserGroup.Name)]
[Trait("Category", "Browser")]
public sealed class SecurityPolicyTests(BrowserApp app)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Screens_UsedAsPeopleUseThem_ReportNoPolicyViolation(bool phone)
    {
        var before = app.CspViolations.Count;

        var customer = await app.NewPageAsync(phone);
        await customer.GotoAsync("/");
        await WidgetDriver.ExpectLiveAsync(customer);
        await WidgetDriver.SayAsync(customer, "how long do refunds take?");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Show demo accounts" }).ClickAsync();
        await customer.GotoAsync("/help?q=refund");
        await customer.GotoAsync("/help/refund-timelines");
        await customer.GotoAsync("/widget");
        await WidgetDriver.ExpectLiveAsync(customer);
        await customer.GotoAsync("/no-such-page");
        await customer.GotoAsync("/account/sign-in");

        var staff = await app.NewPageAsync(phone);
        await staff.GotoAsync("/account/sign-in");
        await BrowserApp.SignInAsync(staff, app.Manager);
        await BrowserApp.ExpectHeadingAsync(staff, "Desk");
        await staff.GotoAsync("/dashboard");
        await BrowserApp.ExpectHeadingAsync(staff, "Dashboard");

        Assert.Equal([], app.CspViolations.Skip(before));
    }
}
