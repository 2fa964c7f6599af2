using CareConsole.Components.Words;
using CareConsole.Core.Data;
using CareConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CareConsole.Tests.Browser;

[Collection(BrowserGroup.Name)]
[Trait("Category", "Browser")]
public sealed class ChatWidgetTests(BrowserApp app)
{
    [Fact]
    public async Task Conversation_OfflineModel_VerifiesTracksAndHandsARefundToAPerson()
    {
        var customer = await WidgetDriver.CustomerWithDeliveredOrderAsync(app.Factory);
        var page = await app.ChatPageAsync();
        var chat = page.Locator(".chat-widget");

        await WidgetDriver.SayAsync(page, $"Hi, my number is {customer.Phone}");
        await WidgetDriver.ExpectAssistantAsync(page, "6-digit pincode");
        // Nobody is greeted by name before they prove who they are.
        await Assertions.Expect(page.Locator(".bubble.assistant").Last).Not.ToContainTextAsync(customer.FirstName);

        await WidgetDriver.SayAsync(page, customer.Pincode);
        await WidgetDriver.ExpectAssistantAsync(page, $"Thank you, {customer.FirstName}, you're verified");

        await WidgetDriver.SayAsync(page, "Where is my order?");
        await WidgetDriver.ExpectAssistantAsync(page, customer.LatestOrderId);

        await WidgetDriver.SayAsync(page, $"I want a refund for order {customer.DeliveredOrderId}, it stopped working");
        await WidgetDriver.ExpectAssistantAsync(page, $"recorded your refund request for order {customer.DeliveredOrderId}");
        await Assertions.Expect(page.Locator(".bubble.system")).ToContainTextAsync("A person from MelaMart's support team will take over");
        await Assertions.Expect(chat.Locator(".status")).ToContainTextAsync("a person will reply here");
    }

    [Fact]
    public async Task HelpQuestion_AnswerLinksToTheArticleItCameFrom()
    {
        var page = await app.ChatPageAsync();

        await WidgetDriver.SayAsync(page, "How long does a refund to UPI take?");

        var source = page.Locator(".bubble.assistant .sources a").Last;
        await Assertions.Expect(source).ToHaveTextAsync("Refund timelines");
        var article = await page.RunAndWaitForPopupAsync(() => source.ClickAsync());
        await Assertions.Expect(article.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Refund timelines");
    }

    [Fact]
    public async Task Hindi_PickedInTheLanguageMenu_GreetsAndAnswersInDevanagari()
    {
        var page = await app.ChatPageAsync();

        await page.GetByLabel("Reply language").SelectOptionAsync("Hindi");

        // The greeting and every label around it switch to Hindi.
        await Assertions.Expect(page.Locator(".bubble.assistant").First).ToContainTextAsync("नमस्ते");
        await Assertions.Expect(page.GetByLabel(CustomerWords.Hindi.Message)).ToHaveAttributeAsync("placeholder", CustomerWords.Hindi.Placeholder);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(CustomerWords.Hindi.HomeHeading);
        await WidgetDriver.SayAsync(page, "refund", CustomerWords.Hindi);
        await Assertions.Expect(page.Locator(".bubble.assistant").Last).ToHaveAttributeAsync("lang", "hi");
    }

    [Fact]
    public async Task Goodbye_EndsTheChatAndTheRatingIsStored()
    {
        var page = await app.ChatPageAsync();

        await WidgetDriver.SayAsync(page, "bye");

        await Assertions.Expect(page.GetByText("How did we do?")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Message")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Radio, new() { Name = "4 stars" }).ClickAsync();
        await page.GetByLabel("Comment").FillAsync("Quick and clear");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Thank you for your feedback.")).ToBeVisibleAsync();

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CareDbContext>();
        var rated = await db.Conversations.AsNoTracking()
            .Where(c => c.Feedback != null && c.Feedback.Comment == "Quick and clear")
            .Select(c => c.Feedback!.Rating)
            .ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([4], rated);
    }

    [Fact]
    public async Task Reload_KeepsTheConversationOfThisTab()
    {
        var page = await app.ChatPageAsync();
        await WidgetDriver.SayAsync(page, "hello there");
        await Assertions.Expect(page.Locator(".bubble.customer")).ToHaveCountAsync(1);

        await page.ReloadAsync();

        await WidgetDriver.ExpectLiveAsync(page);
        await Assertions.Expect(page.Locator(".bubble.customer")).ToHaveTextAsync("hello there");
    }

    [Fact]
    public async Task EmbedScript_OnAPhone_TheCloseButtonLeavesTheChatsHeaderFree()
    {
        var page = await app.NewPageAsync(phone: true);
        await page.RouteAsync("http://shop.example/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = $"<html><body><h1>Shop</h1><script src=\"{app.Factory.BaseAddress}embed.js\"></script></body></html>",
        }));
        await page.GotoAsync("http://shop.example/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open support chat" }).ClickAsync();
        var frame = page.FrameLocator("iframe.careconsole-frame");
        await Assertions.Expect(frame.Locator(".chat-widget[data-ready=true]")).ToBeVisibleAsync();

        var close = await page.GetByRole(AriaRole.Button, new() { Name = "Close support chat" }).BoundingBoxAsync();
        var frameBox = await page.Locator("iframe.careconsole-frame").BoundingBoxAsync();
        var picker = await frame.GetByLabel("Reply language").BoundingBoxAsync();

        // The picker's box, in the page's coordinates, must not meet the close button's.
        var pickerTop = frameBox!.Y + picker!.Y;
        var pickerLeft = frameBox.X + picker.X;
        var apart = close!.Y + close.Height <= pickerTop || pickerTop + picker.Height <= close.Y
            || close.X + close.Width <= pickerLeft || pickerLeft + picker.Width <= close.X;
        Assert.True(apart, $"close button {close.X},{close.Y} {close.Width}x{close.Height} covers the language picker at {pickerLeft},{pickerTop}");
        await frame.GetByLabel("Reply language").SelectOptionAsync("Hindi");
        await Assertions.Expect(frame.Locator(".bubble.assistant").First).ToContainTextAsync("नमस्ते");
    }

    [Fact]
    public async Task EmbedScript_OnAnotherPage_OpensTheChatInAFrame()
    {
        var page = await app.NewPageAsync();
        // A page of another site: nothing but the embed snippet pointing at the console.
        await page.RouteAsync("http://shop.example/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = $"<html><body><h1>Shop</h1><script src=\"{app.Factory.BaseAddress}embed.js\"></script></body></html>",
        }));
        await page.GotoAsync("http://shop.example/");

        await page.GetByRole(AriaRole.Button, new() { Name = "Open support chat" }).ClickAsync();

        var frame = page.FrameLocator("iframe.careconsole-frame");
        await Assertions.Expect(frame.Locator(".chat-widget[data-ready=true]")).ToBeVisibleAsync();
        await Assertions.Expect(frame.Locator(".bubble.assistant").First).ToContainTextAsync("MelaMart's support assistant");
    }
}
