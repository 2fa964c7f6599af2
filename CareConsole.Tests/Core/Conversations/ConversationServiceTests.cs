using System.Globalization;
using CareConsole.Core.Agent.Replies;
using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Desk;
using CareConsole.Core.Escalations;
using CareConsole.Core.Orders;
using CareConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
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
        await Poll.UntilAsync(() => app.Factory.Services.GetRequiredService<ConversationLocks>().QueuedFor(id) >= 2, TimeSpan.FromSeconds(30));
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
    public async Task SendAsync_TheTurnsSaveFails_IsSavedAgainAsAHandOffSoTheRequestReachesAPerson()
    {
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory, o => o.Requestable, Ct);
        var model = new ScriptedChatClient()
            .Calls("find_account", new() { ["phone"] = customer.Phone })
            .Calls("verify_identity", new() { ["pincode"] = customer.Pincode })
            .Says("Verified.")
            .Calls("request_refund", new() { ["orderId"] = order.Id, ["reason"] = "it broke" })
            .Says("Recorded.");
        // The database refuses the save that carries the refund turn's answer, once, as a failing disk or a broken
        // value would.
        var failing = new FailOnce(entries => entries.Any(e => e.Entity is ActionRequest && e.State == EntityState.Added));
        var contexts = app.Factory.Store.ContextFactory(options => options.AddInterceptors(failing));
        var conversations = ScriptedAgent.Conversations(app.Factory, model, contexts: contexts);
        var id = (await conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;
        await conversations.SendAsync(id, $"my number is {customer.Phone}, pincode {customer.Pincode}", TestClients.Next(), Ct);

        var turn = await conversations.SendAsync(id, $"I want a refund for order {order.Id}", TestClients.Next(), Ct);

        Assert.True(failing.Failed);
        Assert.True(turn.Escalated);
        Assert.Equal(EscalationReason.ProviderFailure, turn.EscalationRule);
        var conversation = await DemoDatabase.ConversationAsync(app.Factory, id, Ct);
        Assert.Equal(ConversationOwner.Human, conversation.Owner);
        Assert.Contains("could not be saved", Assert.Single(conversation.Escalations).Why, StringComparison.Ordinal);
        // The customer's own words are kept for the person: "I want a refund for order …".
        Assert.Contains(conversation.Messages, m => m.Author == Author.Customer && m.Text.Contains(order.Id, StringComparison.Ordinal));
        Assert.Equal(Author.System, conversation.Messages.MaxBy(m => m.Id)!.Author);
    }

    /// <summary>Fails the first save whose changes match, as the database would refuse it.</summary>
    private sealed class FailOnce(Func<IEnumerable<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry>, bool> matches) : SaveChangesInterceptor
    {
        public bool Failed { get; private set; }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (!Failed && matches(eventData.Context!.ChangeTracker.Entries()))
            {
                Failed = true;
                throw new DbUpdateException("The database refused the save.");
            }
            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
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
    public async Task SendAsync_PersonOwnsTheConversation_AiStaysOut_AWaitingCustomerHearsOnceThatAPersonWillAnswer()
    {
        var model = new ScriptedChatClient();
        var conversations = ScriptedAgent.Conversations(app.Factory, model);
        var id = (await conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;
        await conversations.SendAsync(id, "connect me with an agent", TestClients.Next(), Ct);

        var waiting = await conversations.SendAsync(id, "hello? is anyone there?", TestClients.Next(), Ct);
        var again = await conversations.SendAsync(id, "hello??", TestClients.Next(), Ct);

        Assert.Empty(model.Requests);
        Assert.Equal(ReplyBook.Default.Say("waiting.ack", Register.English), waiting.Reply);
        Assert.Equal("", again.Reply);
        Assert.Equal(ConversationOwner.Human, again.Owner);
        var last = (await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).Messages.MaxBy(m => m.Id)!;
        Assert.Equal((Author.Customer, "hello??"), (last.Author, last.Text));
    }

    [Theory]
    [InlineData("My number is {0}", "pincode {0}", Register.English)]
    [InlineData("mera number {0} hai", "mera pincode {0} hai", Register.Hinglish)]
    [InlineData("मेरा नंबर {0} है", "पिनकोड {0}", Register.Hindi)]
    public async Task SendAsync_HandedOverBeforeVerifying_CanStillProveWhoTheyAre_AndThePersonSeesTheAccount(string phone, string pincode, Register register)
    {
        var customer = (await DemoDatabase.CustomersAsync(app.Factory, Ct))[23];
        var model = new ScriptedChatClient();
        var conversations = ScriptedAgent.Conversations(app.Factory, model);
        var id = (await conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;
        Assert.True((await conversations.SendAsync(id, "I want to talk to a human", TestClients.Next(), Ct)).Escalated);

        var noted = await conversations.SendAsync(id, string.Format(CultureInfo.InvariantCulture, phone, customer.Phone), TestClients.Next(), Ct);
        var verified = await conversations.SendAsync(id, string.Format(CultureInfo.InvariantCulture, pincode, customer.Pincode), TestClients.Next(), Ct);

        Assert.Empty(model.Requests);
        Assert.NotEqual("", noted.Reply);
        Assert.True(verified.Verified);
        Assert.Equal(ConversationOwner.Human, verified.Owner);
        Assert.Equal(ReplyBook.Default.Say("verify.ok_person", register, ("name", customer.FirstName)), verified.Reply);
        var desk = await app.Factory.Services.GetRequiredService<DeskService>().GetAsync(id, Ct);
        Assert.Equal(customer.Id, desk!.Customer!.Id);
        Assert.NotEmpty(desk.Orders);
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
}
