using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Core.Conversations;

public sealed class ConversationServiceTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendAsync_SecondMessageWhileTheFirstIsAnswered_WaitsAndSeesTheFirstAnswer()
    {
        var firstInModel = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var model = new ScriptedChatClient()
            .Then(async (_, _) =>
            {
                firstInModel.SetResult();
                await releaseFirst.Task;
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, "first answer"));
            })
            .Says("second answer");
        var conversations = ScriptedAgent.Conversations(app.Factory, model);
        var id = (await conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;

        var first = conversations.SendAsync(id, "first question", TestClients.Next(), Ct);
        await firstInModel.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var second = conversations.SendAsync(id, "second question", TestClients.Next(), Ct);
        // The second turn is parked behind the first, not racing it.
        await WaitForQueueAsync(id, 2);
        var requestsWhileBlocked = model.Requests.Count;
        releaseFirst.SetResult();
        var turns = await Task.WhenAll(first, second);

        Assert.Equal(1, requestsWhileBlocked);
        Assert.Equal(["first answer", "second answer"], turns.Select(t => t.Reply));
        Assert.Equal(["first question", "first answer", "second question"], model.Requests[1].Messages.Skip(1).Select(m => m.Text));
        var stored = (await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).Messages.OrderBy(m => m.Id).Skip(1).Select(m => m.Text);
        Assert.Equal(["first question", "first answer", "second question", "second answer"], stored);
    }

    [Fact]
    public async Task SendAsync_CustomerAsksForAPerson_HandsOverWithoutAskingTheModel()
    {
        var model = new ScriptedChatClient();
        var conversations = ScriptedAgent.Conversations(app.Factory, model);
        var id = (await conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;

        var turn = await conversations.SendAsync(id, "I want to talk to a human", TestClients.Next(), Ct);

        Assert.Empty(model.Requests);
        Assert.True(turn.Escalated);
        Assert.False(string.IsNullOrWhiteSpace(turn.Reply));
        var conversation = await DemoDatabase.ConversationAsync(app.Factory, id, Ct);
        Assert.Equal(EscalationReason.CustomerRequest, Assert.Single(conversation.Escalations).Reason);
        // The customer is told a person is coming, in a system line as well as the reply.
        Assert.Equal([Author.Assistant, Author.Customer, Author.Assistant, Author.System], conversation.Messages.OrderBy(m => m.Id).Select(m => m.Author));
    }

    [Fact]
    public async Task SendAsync_PersonOwnsTheConversation_AiStaysSilentButKeepsTheMessage()
    {
        var model = new ScriptedChatClient();
        var conversations = ScriptedAgent.Conversations(app.Factory, model);
        var id = (await conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;
        await conversations.SendAsync(id, "connect me with an agent", TestClients.Next(), Ct);

        var turn = await conversations.SendAsync(id, "hello? is anyone there?", TestClients.Next(), Ct);

        Assert.Empty(model.Requests);
        Assert.Equal("", turn.Reply);
        Assert.Equal(ConversationOwner.Human, turn.Owner);
        var last = (await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).Messages.MaxBy(m => m.Id)!;
        Assert.Equal((Author.Customer, "hello? is anyone there?"), (last.Author, last.Text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\t ")]
    public async Task SendAsync_EmptyText_IsRefusedAndStoresNothing(string text)
    {
        await AssertRefusedAsync(text);
    }

    [Fact]
    public async Task SendAsync_TextOverTheLimit_IsRefusedAndStoresNothing()
    {
        await AssertRefusedAsync(new string('a', ConversationService.MaxMessageLength + 1));
    }

    [Fact]
    public async Task SendAsync_UnknownConversation_ThrowsNotFound()
    {
        var conversations = ScriptedAgent.Conversations(app.Factory, new ScriptedChatClient());

        await Assert.ThrowsAsync<ConversationNotFoundException>(() => conversations.SendAsync(Guid.NewGuid(), "hello", TestClients.Next(), Ct));
    }

    private async Task AssertRefusedAsync(string text)
    {
        var model = new ScriptedChatClient();
        var conversations = ScriptedAgent.Conversations(app.Factory, model);
        var id = (await conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;

        await Assert.ThrowsAsync<ArgumentException>(() => conversations.SendAsync(id, text, TestClients.Next(), Ct));

        Assert.Empty(model.Requests);
        Assert.Equal(1, await DemoDatabase.MessageCountAsync(app.Factory, id, Ct));
    }

    /// <summary>Polls until <paramref name="count"/> turns hold or wait for the conversation.</summary>
    private async Task WaitForQueueAsync(Guid id, int count)
    {
        var locks = app.Factory.Services.GetRequiredService<ConversationLocks>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (locks.QueuedFor(id) < count)
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
