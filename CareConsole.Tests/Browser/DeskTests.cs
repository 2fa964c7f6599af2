using CareConsole.Components.Desk;
using CareConsole.Core.Conversations;
using CareConsole.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CareConsole.Tests.Browser;

/// <summary>A customer in the widget and agents on the desk, each in their own browser, seeing each other live.</summary>
[Collection(BrowserGroup.Name)]
[Trait("Category", "Browser")]
public sealed class DeskTests(BrowserApp app)
{
    // The bar for "live": on screen within 2 s, with no reload.
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 2000 };
    private static readonly LocatorAssertionsToContainTextOptions LiveText = new() { Timeout = 2000 };

    [Fact]
    public async Task Conversation_At200PercentZoom_FitsTheWindowAndKeepsItsActionsReachable()
    {
        var id = await app.RefundAwaitingApprovalAsync();
        var desk = await app.SignedInPageAsync(app.Agent);
        // A 1280×900 window at 200 % zoom lays pages out in 640×450 CSS pixels.
        await desk.SetViewportSizeAsync(640, 450);

        await desk.GotoAsync($"/desk/{id}");
        await Assertions.Expect(desk.Locator(".desk[data-live=true]")).ToBeVisibleAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Take over" }).ClickAsync();
        var approve = desk.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true });
        await approve.ScrollIntoViewIfNeededAsync();

        await Assertions.Expect(approve).ToBeInViewportAsync(new() { Ratio = 1 });
        var sideways = await desk.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(sideways <= 0, $"the desk is {sideways}px wider than the window");
    }

    [Fact]
    public async Task Escalation_TakeOverReplyApproveAndResolve_BothSidesSeeEachOtherLive()
    {
        const string Note = "Second refund this quarter; approved as goodwill.";
        var customer = await WidgetDriver.CustomerWithDeliveredOrderAsync(app.Factory, skip: 1);
        var desk = await app.SignedInPageAsync(app.Agent);
        var widget = await app.ChatPageAsync();

        // The customer verifies and asks for a refund: the assistant hands them over.
        await WidgetDriver.SayAsync(widget, $"my number is {customer.Phone}");
        await WidgetDriver.SayAsync(widget, customer.Pincode);
        await WidgetDriver.SayAsync(widget, $"I want a refund for order {customer.DeliveredOrderId}, it arrived broken");

        // The agent's queue shows it without a reload.
        var entry = desk.Locator(".queue-entry", new() { HasText = customer.DeliveredOrderId });
        await Assertions.Expect(entry).ToBeVisibleAsync(Live);
        await Assertions.Expect(entry).ToContainTextAsync("Needs approval");
        await entry.ClickAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Take over" }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Button, new() { Name = "Hand back to AI" })).ToBeVisibleAsync();

        // A second agent looking at it is told who has it, and cannot take it.
        var second = await app.SignedInPageAsync(app.Manager);
        await second.Locator(".queue-entry", new() { HasText = customer.DeliveredOrderId }).ClickAsync();
        await Assertions.Expect(second.Locator(".desk-conversation .conversation-head")).ToContainTextAsync("with Asha Agent");
        await Assertions.Expect(second.GetByRole(AriaRole.Button, new() { Name = "Take over" })).ToHaveCountAsync(0);

        // The customer sees who joined, then the reply; the private note never reaches them.
        await Assertions.Expect(widget.Locator(".bubble.system").Last).ToContainTextAsync("Asha from MelaMart's support team has joined", LiveText);
        await desk.GetByLabel("Reply or note").FillAsync(Note);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Add private note" }).ClickAsync();
        await Assertions.Expect(desk.Locator(".entry.note")).ToContainTextAsync(Note);
        await desk.GetByLabel("Reply or note").FillAsync("Hi, I'm Asha. Sorry it arrived broken; checking your refund now.");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Send to customer" }).ClickAsync();
        await Assertions.Expect(widget.Locator(".bubble.agent").Last).ToContainTextAsync("checking your refund now", LiveText);

        // The customer's next message reaches the agent, and the assistant stays silent.
        var assistantLines = await widget.Locator(".bubble.assistant").CountAsync();
        await WidgetDriver.SendAsync(widget, "thank you, the box was crushed too");
        await Assertions.Expect(desk.Locator(".entry.customer").Last).ToContainTextAsync("the box was crushed too", LiveText);
        Assert.Equal(assistantLines, await widget.Locator(".bubble.assistant").CountAsync());

        // The agent approves the refund; the customer is told.
        await desk.GetByLabel("Note", new() { Exact = true }).FillAsync("Photos confirm the damage.");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        // Nothing happens until the agent confirms what approving does.
        var confirm = desk.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(confirm).ToContainTextAsync(DeskFormat.WhatApprovingDoes(ActionKind.Refund));
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(widget.Locator(".bubble.system").Last).ToContainTextAsync($"Your refund for order {customer.DeliveredOrderId} was approved", LiveText);
        await Assertions.Expect(desk.Locator(".request .decision")).ToContainTextAsync("Approved");

        // Resolved: the customer is asked to rate.
        await desk.GetByLabel("Resolution").FillAsync("Refund approved for a damaged delivery.");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await desk.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Assertions.Expect(widget.GetByRole(AriaRole.Radiogroup, new() { Name = "Rating" })).ToBeVisibleAsync(Live);

        Assert.DoesNotContain("goodwill", await widget.Locator(".chat-log").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuggestedReply_FillsTheReplyBox_AndReachesTheCustomerOnlyOnceEditedAndSent()
    {
        const string Question = "how long does a refund to my credit card take?";
        var desk = await app.SignedInPageAsync(app.Agent);
        var widget = await app.ChatPageAsync();
        await WidgetDriver.SayAsync(widget, "I want to talk to a person please");
        await WidgetDriver.SendAsync(widget, Question);

        await desk.Locator(".queue-entry", new() { HasText = Question }).ClickAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Take over" }).ClickAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Suggest reply" }).ClickAsync();

        // The draft is in the box, with the article it rests on, and nothing has gone to the customer.
        var box = desk.GetByLabel("Reply or note");
        var source = desk.Locator(".draft-origin a").First;
        await Assertions.Expect(source).ToBeVisibleAsync();
        var title = await source.InnerTextAsync();
        var draft = await box.InputValueAsync();
        Assert.Contains(title, draft, StringComparison.Ordinal);
        var id = Guid.Parse((await desk.Locator(".desk-conversation").GetAttributeAsync("data-conversation"))!);
        Assert.DoesNotContain((await DemoDatabase.ConversationAsync(app.Factory, id, TestContext.Current.CancellationToken)).Messages,
            m => m.Author == Author.Agent);

        // The person edits it and sends it: the customer gets the edited text, with the article as a link.
        await box.FillAsync("Hi, Asha here. " + draft);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Send to customer" }).ClickAsync();
        var reply = widget.Locator(".bubble.agent").Last;
        await Assertions.Expect(reply).ToContainTextAsync("Hi, Asha here.", LiveText);
        await Assertions.Expect(reply.Locator(".sources a")).ToHaveTextAsync(title);
    }
}
