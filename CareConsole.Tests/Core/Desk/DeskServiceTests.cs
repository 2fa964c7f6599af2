using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Desk;
using CareConsole.Core.Live;
using CareConsole.Core.Orders;
using CareConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Core.Desk;

/// <summary>The desk's actions on real conversations in a real PostgreSQL, with the offline model answering.</summary>
public sealed partial class DeskServiceTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    private static readonly DeskAgent Asha = new("agent-asha", "Asha Verma");
    private static readonly DeskAgent Ravi = new("agent-ravi", "Ravi Kumar");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ConversationService Conversations => app.Factory.Services.GetRequiredService<ConversationService>();
    private DeskService Desk => app.Factory.Services.GetRequiredService<DeskService>();

    [Fact]
    public async Task Queue_ShowsAnEscalatedConversationWithItsRuleSummaryAndSentiment()
    {
        var id = await EscalatedAsync("this is useless, I want to talk to a human");

        var entry = Assert.Single(await Desk.QueueAsync(Ct), e => e.Id == id);

        Assert.Equal(EscalationReason.CustomerRequest, entry.Rule);
        Assert.Contains("Wants:", entry.Summary, StringComparison.Ordinal);
        Assert.True(entry.Sentiment < 0, $"sentiment {entry.Sentiment}");
        Assert.Null(entry.AssigneeName);
    }

    [Fact]
    public async Task Queue_PutsHighPriorityFirst_ThenTheLongestWaiting()
    {
        var calmFirst = await EscalatedAsync("can I talk to a person please");
        var calmSecond = await EscalatedAsync("connect me to an agent");
        var furious = await EscalatedAsync("WORST SERVICE EVER!!! I'm going to consumer court, you cheats");

        var order = (await Desk.QueueAsync(Ct)).Select(e => e.Id).Where(id => id == calmFirst || id == calmSecond || id == furious).ToList();

        Assert.Equal([furious, calmFirst, calmSecond], order);
    }

    [Fact]
    public async Task TakeOver_CustomerIsToldWhoJoined_AndTheAiFallsSilent()
    {
        var id = await EscalatedAsync("I want to talk to a human");

        await Desk.TakeOverAsync(id, Asha, Ct);
        var turn = await Conversations.SendAsync(id, "hello? where is my order?", TestClients.Next(), Ct);

        Assert.Equal("", turn.Reply);
        Assert.Equal(ConversationOwner.Human, turn.Owner);
        var transcript = (await Conversations.GetTranscriptAsync(id, Ct))!;
        Assert.Contains(transcript.Messages, m => m.Author == Author.System && m.Text.Contains("Asha", StringComparison.Ordinal) && m.Text.Contains("joined", StringComparison.Ordinal));
        Assert.DoesNotContain("Verma", string.Join("\n", transcript.Messages.Select(m => m.Text)), StringComparison.Ordinal);
        Assert.Equal(Author.Customer, transcript.Messages[^1].Author);
        var entry = Assert.Single(await Desk.QueueAsync(Ct), e => e.Id == id);
        Assert.Equal("Asha Verma", entry.AssigneeName);
    }

    [Fact]
    public async Task TakeOver_TwoAgentsAtOnce_OneWinsAndTheOtherIsToldWho()
    {
        var id = await EscalatedAsync("I want to talk to a human");

        var attempts = await Task.WhenAll(
            Attempt(() => Desk.TakeOverAsync(id, Asha, Ct)),
            Attempt(() => Desk.TakeOverAsync(id, Ravi, Ct)));

        var taken = Assert.IsType<ConversationTakenException>(Assert.Single(attempts, e => e is not null));
        var winner = (await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).AssigneeName;
        Assert.NotNull(winner);
        Assert.Equal(winner, taken.OwnerName);
        Assert.Single((await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).Events, e => e.Name == ReportingEventName.Claimed);
    }

    [Fact]
    public async Task TakeOver_SavedOverAClaimMadeMeanwhile_IsRefusedByTheDatabase()
    {
        var id = await EscalatedAsync("I want to talk to a human");
        var contexts = app.Factory.Services.GetRequiredService<IDbContextFactory<CareDbContext>>();
        await using var first = await contexts.CreateDbContextAsync(Ct);
        await using var second = await contexts.CreateDbContextAsync(Ct);
        var seenByFirst = await first.Conversations.Include(c => c.Escalations).SingleAsync(c => c.Id == id, Ct);
        var seenBySecond = await second.Conversations.Include(c => c.Escalations).SingleAsync(c => c.Id == id, Ct);

        seenByFirst.TakeOver(Asha, "Asha has joined", DateTimeOffset.UtcNow);
        await first.SaveChangesAsync(Ct);
        seenBySecond.TakeOver(Ravi, "Ravi has joined", DateTimeOffset.UtcNow);

        // Both read the conversation unclaimed; the row version stops the second from overwriting the first.
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));
        Assert.Equal("Asha Verma", (await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).AssigneeName);
    }

    [Fact]
    public async Task Reply_ReachesTheCustomer_AndOnlyTheOwnerMayReply()
    {
        var id = await EscalatedAsync("I want to talk to a human");
        await Desk.TakeOverAsync(id, Asha, Ct);

        await Desk.ReplyAsync(id, Asha, "Hi, I'm looking into it now.", [], Ct);
        var refused = await Assert.ThrowsAsync<ConversationTakenException>(() => Desk.ReplyAsync(id, Ravi, "me too", [], Ct));

        Assert.Equal("Asha Verma", refused.OwnerName);
        var transcript = (await Conversations.GetTranscriptAsync(id, Ct))!;
        Assert.Equal(Author.Agent, transcript.Messages[^1].Author);
        Assert.Equal("Hi, I'm looking into it now.", transcript.Messages[^1].Text);
        var events = (await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).Events;
        var first = Assert.Single(events, e => e.Name == ReportingEventName.FirstHumanResponse);
        Assert.Equal(Asha.Id, first.StaffUserId);
    }

    [Fact]
    public async Task PrivateNote_NeverReachesTheCustomerOrTheAi()
    {
        const string Note = "Customer has asked for refunds on 4 orders this month; check with finance.";
        var model = new ScriptedChatClient().Says("Happy to help again.");
        var conversations = ScriptedAgent.Conversations(app.Factory, model);
        var id = (await conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;
        await conversations.SendAsync(id, "I want to talk to a human", TestClients.Next(), Ct);
        await Desk.TakeOverAsync(id, Asha, Ct);

        await Desk.AddNoteAsync(id, Ravi, Note, Ct);
        await Desk.ReplyAsync(id, Asha, "All sorted, handing you back.", [], Ct);
        await Desk.HandBackAsync(id, Asha, Ct);
        await conversations.SendAsync(id, "thanks, one more question", TestClients.Next(), Ct);

        var transcript = (await conversations.GetTranscriptAsync(id, Ct))!;
        Assert.DoesNotContain(transcript.Messages, m => m.Text.Contains("finance", StringComparison.Ordinal));
        var seenByModel = string.Join("\n", model.Requests.SelectMany(r => r.Messages).Select(m => m.Text));
        Assert.DoesNotContain("finance", seenByModel, StringComparison.Ordinal);
        // The AI picks up with what the person said.
        Assert.Contains("All sorted, handing you back.", seenByModel, StringComparison.Ordinal);
        var note = Assert.Single((await Desk.GetAsync(id, Ct))!.Conversation.Messages, m => m.IsPrivateNote);
        Assert.Equal("Ravi Kumar", note.StaffName);
    }

    [Fact]
    public async Task HandBack_TheAiAnswersAgain()
    {
        var id = await EscalatedAsync("I want to talk to a human");
        await Desk.TakeOverAsync(id, Asha, Ct);

        await Desk.HandBackAsync(id, Asha, Ct);
        var turn = await Conversations.SendAsync(id, "how long do refunds take for UPI?", TestClients.Next(), Ct);

        Assert.Equal(ConversationOwner.Ai, turn.Owner);
        Assert.False(string.IsNullOrWhiteSpace(turn.Reply));
        Assert.DoesNotContain(await Desk.QueueAsync(Ct), e => e.Id == id);
        var stored = await DemoDatabase.ConversationAsync(app.Factory, id, Ct);
        Assert.Null(stored.AssigneeId);
        Assert.NotNull(Assert.Single(stored.Escalations).ClosedAt);
        Assert.Equal(Asha.Id, Assert.Single(stored.Events, e => e.Name == ReportingEventName.HandedBack).StaffUserId);
    }

    [Fact]
    public async Task Refund_ApprovedWithAnAmount_IsRecordedWithWhoAndWhen_AndTheCustomerIsTold()
    {
        var (id, order) = await RefundRequestedAsync();
        await Desk.TakeOverAsync(id, Asha, Ct);
        var request = Assert.Single((await Desk.GetAsync(id, Ct))!.Conversation.ActionRequests);
        var partial = Math.Round(request.Amount / 2, 2);

        await Desk.DecideAsync(id, request.Id, approve: true, partial, "Half refunded: one of two items returned.", Asha, Ct);

        var stored = Assert.Single((await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).ActionRequests);
        Assert.Equal(ActionRequestStatus.Approved, stored.Status);
        Assert.Equal(partial, stored.ApprovedAmount);
        Assert.Equal(Asha.Id, stored.DecidedById);
        Assert.NotNull(stored.DecidedAt);
        var told = (await Conversations.GetTranscriptAsync(id, Ct))!.Messages[^1];
        Assert.Equal(Author.System, told.Author);
        Assert.Contains(order, told.Text, StringComparison.Ordinal);
        Assert.Contains("approved", told.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("finance", told.Text, StringComparison.Ordinal);
        var approved = Assert.Single((await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).Events, e => e.Name == ReportingEventName.RefundApproved);
        Assert.Equal((double)partial, approved.Value);
    }

    [Fact]
    public async Task Queue_RefundHandOff_NamesTheCustomerFromTheirAccount_AndCountsWhatStillAwaitsApproval()
    {
        var (id, order) = await RefundRequestedAsync();
        var waiting = Assert.Single(await Desk.QueueAsync(Ct), e => e.Id == id);
        var customerId = (await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).VerifiedCustomerId;
        var name = (await DemoDatabase.CustomersAsync(app.Factory, Ct)).Single(c => c.Id == customerId).FullName;

        await Desk.TakeOverAsync(id, Asha, Ct);
        var request = Assert.Single((await Desk.GetAsync(id, Ct))!.Conversation.ActionRequests);
        await Desk.DecideAsync(id, request.Id, approve: true, request.Amount, "Damaged on arrival, photos checked.", Asha, Ct);
        var decided = Assert.Single(await Desk.QueueAsync(Ct), e => e.Id == id);

        Assert.Equal(EscalationReason.RiskyAction, waiting.Rule);
        Assert.Contains($"identity verified: {name}", waiting.Summary, StringComparison.Ordinal);
        Assert.Contains($"recorded a refund request on {order}", waiting.Summary, StringComparison.Ordinal);
        Assert.Contains($"Handed over: needs approval — refund on {order}", waiting.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("customer #", waiting.Summary, StringComparison.Ordinal);
        Assert.Equal((1, 0, 0), (waiting.AwaitingApproval, waiting.Approved, waiting.Rejected));
        Assert.Equal((0, 1, 0), (decided.AwaitingApproval, decided.Approved, decided.Rejected));
    }

    [Fact]
    public async Task Refund_DecidedTwiceOrForTooMuch_IsRefusedAndNothingChanges()
    {
        var (id, _) = await RefundRequestedAsync();
        await Desk.TakeOverAsync(id, Asha, Ct);
        var request = Assert.Single((await Desk.GetAsync(id, Ct))!.Conversation.ActionRequests);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Desk.DecideAsync(id, request.Id, true, request.Amount + 1, "too much", Asha, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Desk.DecideAsync(id, request.Id, true, 0, "nothing", Asha, Ct));
        await Desk.DecideAsync(id, request.Id, approve: false, 0, "Outside the return window.", Asha, Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Desk.DecideAsync(id, request.Id, true, request.Amount, "changed my mind", Asha, Ct));

        var stored = Assert.Single((await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).ActionRequests);
        Assert.Equal(ActionRequestStatus.Rejected, stored.Status);
        Assert.Null(stored.ApprovedAmount);
        Assert.Equal("Outside the return window.", stored.DecisionNote);
    }

    [Fact]
    public async Task Resolve_EndsTheConversationWithItsNote_AndRecordsWhoResolvedIt()
    {
        var id = await EscalatedAsync("I want to talk to a human");
        await Desk.TakeOverAsync(id, Asha, Ct);

        await Desk.ResolveAsync(id, Asha, "Explained the delivery delay; courier confirmed for tomorrow.", Ct);

        var stored = await DemoDatabase.ConversationAsync(app.Factory, id, Ct);
        Assert.Equal(ConversationPhase.Ended, stored.Phase);
        Assert.Equal("Explained the delivery delay; courier confirmed for tomorrow.", stored.ResolutionNote);
        Assert.Equal(Asha.Id, Assert.Single(stored.Events, e => e.Name == ReportingEventName.Resolved).StaffUserId);
        await Assert.ThrowsAsync<ConversationEndedException>(() => Conversations.SendAsync(id, "one more thing", TestClients.Next(), Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Reply_Empty_IsRefusedAndStoresNothing(string text)
    {
        var id = await EscalatedAsync("I want to talk to a human");
        await Desk.TakeOverAsync(id, Asha, Ct);
        var before = await DemoDatabase.MessageCountAsync(app.Factory, id, Ct);

        await Assert.ThrowsAsync<ArgumentException>(() => Desk.ReplyAsync(id, Asha, text, [], Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Desk.AddNoteAsync(id, Asha, new string('x', DeskService.MaxTextLength + 1), Ct));

        Assert.Equal(before, await DemoDatabase.MessageCountAsync(app.Factory, id, Ct));
    }

    [Fact]
    public async Task Feed_HearsACustomerMessageThroughPostgreSql_WithWhoOwnsTheConversation()
    {
        var withPerson = await EscalatedAsync("I want to talk to a human");
        var withAi = (await Conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;
        var heardWithPerson = new TaskCompletionSource<ConversationChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        var heardWithAi = new TaskCompletionSource<ConversationChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = app.Factory.Services.GetRequiredService<ConversationFeed>().Subscribe(change =>
        {
            // The escalation's own announcements (owner still "ai" for its first) may arrive after subscribing: wait
            // for the one that says a person has it.
            if (change.ConversationId == withPerson && change.WithPerson)
            {
                heardWithPerson.TrySetResult(change);
            }
            else if (change.ConversationId == withAi)
            {
                heardWithAi.TrySetResult(change);
            }
        });

        await Conversations.SendAsync(withPerson, "are you there?", TestClients.Next(), Ct);
        await Conversations.SendAsync(withAi, "how long do refunds take?", TestClients.Next(), Ct);

        Assert.True((await heardWithPerson.Task.WaitAsync(TimeSpan.FromSeconds(2), Ct)).WithPerson);
        Assert.False((await heardWithAi.Task.WaitAsync(TimeSpan.FromSeconds(2), Ct)).WithPerson);
    }

    private async Task<Guid> EscalatedAsync(string text)
    {
        var id = (await Conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;
        var turn = await Conversations.SendAsync(id, text, TestClients.Next(), Ct);
        Assert.True(turn.Escalated, turn.Reply);
        return id;
    }

    private async Task<(Guid Id, string Order)> RefundRequestedAsync()
    {
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory,
            o => o.Requestable, Ct);
        var id = (await Conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;
        await Conversations.SendAsync(id, $"My number is {customer.Phone}", TestClients.Next(), Ct);
        Assert.True((await Conversations.SendAsync(id, $"My pincode is {customer.Pincode}", TestClients.Next(), Ct)).Verified);
        var turn = await Conversations.SendAsync(id, $"I want a refund for order {order.Id}", TestClients.Next(), Ct);
        Assert.True(turn.Escalated, turn.Reply);
        return (id, order.Id);
    }

    private static async Task<Exception?> Attempt(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
