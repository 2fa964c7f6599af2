using CareConsole.Components.Words;
using CareConsole.Core.Data;
using CareConsole.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CareConsole.Tests.Infrastructure;

/// <summary>A demo customer with a delivered, paid order to ask a refund for.</summary>
public sealed record WidgetCustomer(string Phone, string Pincode, string FirstName, string LatestOrderId, string DeliveredOrderId);

/// <summary>Drives the chat widget the way a customer does: typing, sending, reading the lines that come back.</summary>
public static class WidgetDriver
{
    /// <summary>
    /// Waits for the chat to be live (connected and restored): before that the page is the server's static render,
    /// and clicks and typing do nothing.
    /// </summary>
    public static Task ExpectLiveAsync(IPage page) =>
        Assertions.Expect(page.Locator(".chat-widget[data-ready=true]")).ToBeVisibleAsync();

    /// <summary>Sends <paramref name="text"/> and waits for the assistant's (or a system) answer.</summary>
    /// <param name="words">The language the widget's labels are in: English unless Hindi was picked.</param>
    public static async Task SayAsync(IPage page, string text, CustomerWords? words = null)
    {
        var before = await page.Locator(".bubble.assistant, .bubble.system").CountAsync();
        await SendAsync(page, text, words);
        // The answer is in once a new assistant (or system) line has appeared and the typing dots are gone.
        await Assertions.Expect(page.Locator(".bubble.assistant:not(.typing), .bubble.system")).Not.ToHaveCountAsync(before);
        await Assertions.Expect(page.Locator(".bubble.typing")).ToHaveCountAsync(0);
    }

    /// <summary>Sends <paramref name="text"/> and waits until it is stored and the turn is over, expecting no answer.</summary>
    public static async Task SendAsync(IPage page, string text, CustomerWords? words = null)
    {
        words ??= CustomerWords.English;
        await page.GetByLabel(words.Message).FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = words.Send, Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".bubble.customer").Last).ToContainTextAsync(text);
        await Assertions.Expect(page.Locator(".bubble.typing")).ToHaveCountAsync(0);
    }

    public static Task ExpectAssistantAsync(IPage page, string text) =>
        Assertions.Expect(page.Locator(".bubble.assistant").Last).ToContainTextAsync(text);

    public static async Task<WidgetCustomer> CustomerWithDeliveredOrderAsync(CareConsoleFactory app, int skip = 0)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CareDbContext>();
        var customers = await db.Customers.AsNoTracking().Include(c => c.Addresses)
            .Include(c => c.Orders).ThenInclude(o => o.Payment)
            .Include(c => c.Orders).ThenInclude(o => o.Items).ThenInclude(i => i.Product)
            .AsSplitQuery()
            .OrderBy(c => c.Id).ToListAsync(TestContext.Current.CancellationToken);
        var requested = await DemoDatabase.RequestedOrdersAsync(db, TestContext.Current.CancellationToken);
        var customer = customers.Where(c => c.Orders.Any(o => DemoDatabase.IsRequestable(o, requested))).Skip(skip).First();
        return new WidgetCustomer(
            customer.Phone,
            customer.DefaultAddress!.Pincode,
            customer.FirstName,
            customer.Orders.OrderByDescending(o => o.PlacedAt).First().Id,
            customer.Orders.First(o => DemoDatabase.IsRequestable(o, requested)).Id);
    }
}
