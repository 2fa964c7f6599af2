using Bunit;
using CareConsole.Components.Widget;
using CareConsole.Components.Words;
using CareConsole.Core.Agent.Replies;
using CareConsole.Core.Conversations;
using CareConsole.Core.Desk;
using CareConsole.Core.Live;
using CareConsole.Hosting;
using CareConsole.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CareConsole.Tests.Components;

/// <summary>
/// The chat widget as a customer uses it, on the app's real conversations and database. The live feed is a local one
/// the test announces changes on, standing in for the database's notifications.
/// </summary>
public sealed class ChatWidgetInteractionTests(DemoAppFixture app) : MudComponentTest, IClassFixture<DemoAppFixture>
{
    private readonly ConversationFeed _feed = new(NullLogger<ConversationFeed>.Instance);
    private BunitJSModuleInterop? _storage;

    private ConversationService AppConversations => app.Factory.Services.GetRequiredService<ConversationService>();

    [Fact]
    public void Send_ShowsTheMessageThenTheAnswer_AndEmptiesTheBox()
    {
        var chat = RenderWidget(AppConversations);

        Type(chat, "hello");

        chat.WaitForAssertion(() => Assert.Equal(2, chat.FindAll(".bubble.assistant:not(.typing)").Count), Live);
        Assert.Equal("hello", Visible(chat.Find(".bubble.customer")));
        Assert.Equal("", chat.Find(".message-box input").GetAttribute("value") ?? "");
    }

    [Fact]
    public void Send_WhileTheAssistantWorks_ShowsTypingAndKeepsWhatIsTypedNext()
    {
        var answer = new TaskCompletionSource();
        var model = new ScriptedChatClient().Then(async (_, ct) =>
        {
            await answer.Task.WaitAsync(ct);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, "Here is what I found."));
        });
        var chat = RenderWidget(ScriptedAgent.Conversations(app.Factory, model));

        Type(chat, "where is my parcel?");

        var typing = chat.WaitForElement(".bubble.typing", Live);
        Assert.Equal(CustomerWords.English.Typing, typing.GetAttribute("aria-label"));
        // The customer may write on meanwhile; the next message goes once the answer is in.
        chat.Find(".message-box input").Input("and the invoice?");
        Assert.True(chat.Find("button.send").HasAttribute("disabled"));
        chat.Find("form.compose").Submit();
        Assert.Single(chat.FindAll(".bubble.customer"));
        answer.SetResult();
        chat.WaitForAssertion(() => Assert.Empty(chat.FindAll(".bubble.typing")), Live);
        Assert.Equal("Here is what I found.", Visible(chat.FindAll(".bubble.assistant")[^1].QuerySelector(".text")!));
        Assert.Equal("and the invoice?", chat.Find(".message-box input").GetAttribute("value"));
    }

    [Fact]
    public void HelpAnswer_CitesTheArticleItCameFrom_AsALink()
    {
        var chat = RenderWidget(AppConversations);

        Type(chat, "How long does a refund to UPI take?");

        var source = chat.WaitForElement(".bubble.assistant .sources a", Live);
        Assert.Equal("Refund timelines", Visible(source));
        Assert.StartsWith("/help/refund-timelines", source.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("_blank", source.GetAttribute("target"));
        Assert.StartsWith(CustomerWords.English.Source, Visible(chat.Find(".sources")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rating_AfterThePersonResolves_IsStoredAndThanked()
    {
        var chat = RenderWidget(AppConversations);
        Type(chat, "I want to talk to a person");
        chat.WaitForElement(".bubble.system", Live);
        var id = SavedConversation();
        var desk = app.Factory.Services.GetRequiredService<DeskService>();
        var asha = new DeskAgent("agent-asha", "Asha Verma");
        await desk.TakeOverAsync(id, asha, Ct);
        await desk.ResolveAsync(id, asha, "Answered.", Ct);

        _feed.Publish(new(id, WithPerson: true));

        var stars = chat.WaitForElements(".stars button", Live);
        Assert.Equal([CustomerWords.English.Stars(1), CustomerWords.English.Stars(2)], stars.Take(2).Select(s => s.GetAttribute("aria-label")));
        Assert.True(chat.Find("button.send-rating").HasAttribute("disabled"));
        // Awaited: the widget may still be finishing the render that showed the stars, and a queued click lands late.
        await stars[3].ClickAsync(new());
        Assert.Equal("true", chat.FindAll(".stars button")[3].GetAttribute("aria-checked"));
        chat.Find(".comment textarea").Change("Quick and kind.");
        chat.Find("button.send-rating").Click();

        chat.WaitForAssertion(() => Assert.Equal(CustomerWords.English.ThanksForFeedback, Visible(chat.Find(".thanks"))), Live);
        var feedback = (await AppConversations.GetTranscriptAsync(id, Ct))!.Feedback!;
        Assert.Equal((4, "Quick and kind."), (feedback.Rating, feedback.Comment));
    }

    [Fact]
    public async Task Hindi_PickedBeforeWriting_GreetsAndLabelsEverythingInHindi()
    {
        var chat = RenderWidget(AppConversations);

        await chat.Find("select.language").ChangeAsync(new() { Value = LanguagePreference.Hindi.ToString() });

        Assert.Equal("hi", chat.Find(".chat-widget").GetAttribute("lang"));
        Assert.Equal(CustomerWords.Hindi.Placeholder, chat.Find(".message-box input").GetAttribute("placeholder"));
        Assert.Equal(CustomerWords.Hindi.Message, chat.Find(".message-box input").GetAttribute("aria-label"));
        Assert.Equal(CustomerWords.Hindi.Send, Visible(chat.Find("button.send")));
        Assert.Equal(CustomerWords.Hindi.ReplyLanguage, chat.Find("select.language").GetAttribute("aria-label"));
        Assert.Contains("नमस्ते", Visible(chat.Find(".bubble.assistant")), StringComparison.Ordinal);
    }

    private static readonly TimeSpan Live = TimeSpan.FromSeconds(15);

    private IRenderedComponent<ChatWidget> RenderWidget(ConversationService conversations)
    {
        Services.AddSingleton(conversations);
        Services.AddSingleton(_feed);
        Services.AddSingleton(ReplyBook.Default);
        Services.AddSingleton(new CircuitClient());
        Services.AddSingleton(app.Factory.Services.GetRequiredService<RateLimits>());
        _storage = JSInterop.SetupModule("./Components/Widget/ChatWidget.razor.js");
        RenderInteractively();
        var chat = Render<ChatWidget>();
        chat.WaitForAssertion(() => Assert.Equal("true", chat.Find(".chat-widget").GetAttribute("data-ready")), Live);
        return chat;
    }

    private static void Type(IRenderedComponent<ChatWidget> chat, string text)
    {
        chat.Find(".message-box input").Input(text);
        chat.Find("form.compose").Submit();
    }

    /// <summary>The conversation the widget keeps for this tab: what it saved to the tab's session storage.</summary>
    private Guid SavedConversation()
    {
        var saved = (string)_storage!.Invocations["save"].Single().Arguments[1]!;
        return Guid.Parse(saved.Split(' ')[0]);
    }
}
