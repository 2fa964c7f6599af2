using System.Globalization;
using CareConsole.Core.Agent;
using CareConsole.Core.Agent.Replies;
using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Desk;
using CareConsole.Core.Orders;
using CareConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Core.Agent;

/// <summary>
/// Money and orders, guarded in code whatever the model does: a model that tries to cheat (cancels without asking,
/// claims refunds it never made, asks for the same refund twice) changes nothing the customer did not confirm,
/// and the desk can never pay out more than was paid.
/// </summary>
public sealed class OrderChangeTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    private static readonly DeskAgent Asha = new("agent-asha", "Asha Verma");
    private static readonly DeskAgent Ravi = new("agent-ravi", "Ravi Kumar");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ConversationService Offline => app.Factory.Services.GetRequiredService<ConversationService>();

    private DeskService Desk => app.Factory.Services.GetRequiredService<DeskService>();

    // ---- Nothing changes an order without an explicit yes ----

    [Fact]
    public async Task CheatingModel_CancelsWithoutAsking_TheCustomerIsOnlyAskedAndNothingChangesUntilTheirYes()
    {
        var (customer, order) = await SmallUnshippedOrderAsync();
        var model = new ScriptedChatClient();
        var (conversations, id) = await StartVerifiedAsync(model, customer);
        model.Calls("cancel_order", new() { ["orderId"] = order.Id, ["reason"] = "asked" })
            .Says("All done! Your order has been cancelled and your money has been refunded.");

        var asked = await conversations.SendAsync(id, $"what happens if I cancel {order.Id}?", TestClients.Next(), Ct);

        Assert.DoesNotContain("All done", asked.Reply, StringComparison.Ordinal);
        Assert.Contains(order.Id, asked.Reply, StringComparison.Ordinal);
        Assert.Contains(Wording.Amount(order.Total), asked.Reply, StringComparison.Ordinal);
        Assert.Equal(order.Status, (await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct)).Status);

        var calls = model.Requests.Count;
        var confirmed = await conversations.SendAsync(id, "haan kar do", TestClients.Next(), Ct);

        // The yes is read by code, not the model.
        Assert.Equal(calls, model.Requests.Count);
        Assert.Equal(OrderStatus.Cancelled, (await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct)).Status);
        Assert.Contains(order.Id, confirmed.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PendingChange_TakenByTwoSavesThatBothReadIt_OnlyTheFirstIsSaved()
    {
        var (customer, order) = await SmallUnshippedOrderAsync();
        var model = new ScriptedChatClient();
        var (conversations, id) = await StartVerifiedAsync(model, customer);
        model.Calls("cancel_order", new() { ["orderId"] = order.Id, ["reason"] = "asked" }).Says("Asked.");
        await conversations.SendAsync(id, $"cancel {order.Id}", TestClients.Next(), Ct);
        var contexts = app.Factory.Services.GetRequiredService<IDbContextFactory<CareDbContext>>();
        await using var first = await contexts.CreateDbContextAsync(Ct);
        await using var second = await contexts.CreateDbContextAsync(Ct);
        var seenByFirst = await first.Conversations.SingleAsync(c => c.Id == id, Ct);
        var seenBySecond = await second.Conversations.SingleAsync(c => c.Id == id, Ct);

        // Only the part stored in the conversation's row changes: the version must still move.
        Assert.NotNull(seenByFirst.TakePendingChange());
        await first.SaveChangesAsync(Ct);
        Assert.NotNull(seenBySecond.TakePendingChange());

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task CheatingModel_ProposesTwoCancellationsInOneTurn_AYesCancelsOnlyTheOneTheCustomerWasAskedAbout()
    {
        var customers = await DemoDatabase.CustomersAsync(app.Factory, Ct);
        var customer = customers.First(c => c.Orders.Count(o => o.Status is OrderStatus.Placed or OrderStatus.Packed && o.Total <= new AgentSettings().PersonDecidesAbove) >= 2);
        var orders = customer.Orders.Where(o => o.Status is OrderStatus.Placed or OrderStatus.Packed && o.Total <= new AgentSettings().PersonDecidesAbove).Take(2).ToList();
        var model = new ScriptedChatClient();
        var (conversations, id) = await StartVerifiedAsync(model, customer);
        model.CallsAll(
                ("cancel_order", new() { ["orderId"] = orders[0].Id, ["reason"] = "both" }),
                ("cancel_order", new() { ["orderId"] = orders[1].Id, ["reason"] = "both" }))
            .Says("Both will be cancelled when you say yes.");

        var asked = await conversations.SendAsync(id, $"cancel {orders[0].Id} and {orders[1].Id}", TestClients.Next(), Ct);
        await conversations.SendAsync(id, "yes", TestClients.Next(), Ct);

        Assert.Contains(ReplyBook.Default.Say("change.one_at_a_time", Register.English, ("order", orders[1].Id), ("first", orders[0].Id)), asked.Reply, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.Cancelled, (await DemoDatabase.OrderAsync(app.Factory, orders[0].Id, Ct)).Status);
        Assert.Equal(orders[1].Status, (await DemoDatabase.OrderAsync(app.Factory, orders[1].Id, Ct)).Status);
    }

    [Fact]
    public async Task CheatingModel_ClaimsACancellationAndRefundItNeverMade_TheReplyIsReplacedByTheTrueState()
    {
        var (customer, order) = await SmallUnshippedOrderAsync();
        var model = new ScriptedChatClient();
        var (conversations, id) = await StartVerifiedAsync(model, customer);
        model.Says($"Good news: order {order.Id} has been cancelled and ₹{Wording.Amount(order.Total)} has been refunded to your account.");

        var turn = await conversations.SendAsync(id, $"please sort out {order.Id}", TestClients.Next(), Ct);

        Assert.DoesNotContain("has been refunded", turn.Reply, StringComparison.Ordinal);
        Assert.DoesNotContain("has been cancelled", turn.Reply, StringComparison.Ordinal);
        Assert.Contains(order.Id, turn.Reply, StringComparison.Ordinal);
        Assert.Equal(order.Status, (await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct)).Status);
        var trail = (await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).ToolCalls;
        Assert.Contains(trail, c => c.Name == "reply_check");
    }

    [Fact]
    public async Task CheatingModel_ClaimsARefundBeforeVerification_IsToldNothingMoved()
    {
        var model = new ScriptedChatClient().Says("I have refunded ₹4,999 to your card, it is on its way.");
        var conversations = ScriptedAgent.Conversations(app.Factory, model);
        var id = (await conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;

        var turn = await conversations.SendAsync(id, "where is my money", TestClients.Next(), Ct);

        Assert.Equal(ReplyBook.Default.Say("claim.unsupported", Register.English), turn.Reply);
    }

    [Theory]
    [InlineData("yes, cancel MM000001 instead")]
    [InlineData("hmm maybe")]
    [InlineData("yes?")]
    [InlineData("no wait")]
    public async Task Confirmation_ThatIsNotAPlainYesForThisOrder_ChangesNothing(string answer)
    {
        var (customer, order) = await SmallUnshippedOrderAsync();
        var id = await StartVerifiedOfflineAsync(customer);
        await Offline.SendAsync(id, $"cancel {order.Id}", TestClients.Next(), Ct);

        await Offline.SendAsync(id, answer, TestClients.Next(), Ct);
        // The question was for the message right after it: a later yes is about nothing.
        await Offline.SendAsync(id, "yes", TestClients.Next(), Ct);

        Assert.Equal(order.Status, (await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct)).Status);
        Assert.Empty((await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).ActionRequests);
    }

    [Fact]
    public async Task Confirmation_AfterItExpired_ChangesNothingAndAsksAgain()
    {
        var (customer, order) = await SmallUnshippedOrderAsync();
        var settings = new AgentSettings { ConfirmationWindow = TimeSpan.FromTicks(1) };
        var model = new ScriptedChatClient();
        var (conversations, id) = await StartVerifiedAsync(model, customer, settings);
        model.Calls("cancel_order", new() { ["orderId"] = order.Id, ["reason"] = "mistake" }).Says("Shall I?");
        await conversations.SendAsync(id, $"cancel {order.Id}", TestClients.Next(), Ct);

        var late = await conversations.SendAsync(id, "yes", TestClients.Next(), Ct);

        Assert.Contains(order.Id, late.Reply, StringComparison.Ordinal);
        Assert.Contains("\"yes\"", late.Reply, StringComparison.Ordinal);
        Assert.Equal(order.Status, (await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct)).Status);
    }

    [Theory]
    [InlineData("ok", "yes")]
    [InlineData("achha", "haan")]
    [InlineData("ठीक है", "हाँ")]
    public async Task Confirmation_NeitherYesNorNo_KeepsTheOrderAndSaysSo_AndALaterYesIsAskedAboutAgain(string hesitant, string yes)
    {
        var (customer, order) = await SmallUnshippedOrderAsync();
        var id = await StartVerifiedOfflineAsync(customer);
        await Offline.SendAsync(id, $"cancel {order.Id}", TestClients.Next(), Ct);

        var unsure = await Offline.SendAsync(id, hesitant, TestClients.Next(), Ct);
        var later = await Offline.SendAsync(id, yes, TestClients.Next(), Ct);

        Assert.Contains(order.Id, unsure.Reply, StringComparison.Ordinal);
        Assert.Contains(order.Id, later.Reply, StringComparison.Ordinal);
        Assert.Equal(order.Status, (await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct)).Status);
        Assert.Empty((await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).ActionRequests);

        // Asked again, a yes now confirms what the customer was just shown.
        await Offline.SendAsync(id, yes, TestClients.Next(), Ct);
        Assert.Equal(OrderStatus.Cancelled, (await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct)).Status);
    }

    [Fact]
    public async Task Confirmation_AQuestionAboutTheRefund_IsAnsweredWithTheOfferAgain_AndChangesNothing()
    {
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory,
            o => o.Status is OrderStatus.Placed or OrderStatus.Packed && o.Payment == PaymentStatus.Paid && o.Total <= new AgentSettings().PersonDecidesAbove, Ct);
        var id = await StartVerifiedOfflineAsync(customer);
        await Offline.SendAsync(id, $"cancel {order.Id}", TestClients.Next(), Ct);

        var answer = await Offline.SendAsync(id, "yes but when would the refund come?", TestClients.Next(), Ct);

        var stored = await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct);
        var time = new Wording(ReplyBook.Default, Register.English, DateOnly.FromDateTime(DateTime.UtcNow))
            .Time(StorePolicy.From(ScriptedAgent.HelpCentre).RefundTime(stored.Payment.Method));
        Assert.Contains(time, answer.Reply, StringComparison.Ordinal);
        Assert.Equal(order.Status, stored.Status);
    }

    [Fact]
    public async Task Cancel_OrderAboveTheLimit_GoesToAPersonOnTheCustomersYes_AndIsNeverCancelledByTheAssistant()
    {
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory,
            o => o.Status is OrderStatus.Placed or OrderStatus.Packed && o.Total > new AgentSettings().PersonDecidesAbove, Ct);
        var id = await StartVerifiedOfflineAsync(customer);

        var asked = await Offline.SendAsync(id, $"cancel order {order.Id}", TestClients.Next(), Ct);
        var turn = await Offline.SendAsync(id, "yes", TestClients.Next(), Ct);

        Assert.Contains(Wording.Amount(new AgentSettings().PersonDecidesAbove), asked.Reply, StringComparison.Ordinal);
        Assert.True(turn.Escalated);
        Assert.Equal(order.Status, (await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct)).Status);
        var request = Assert.Single((await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).ActionRequests);
        Assert.Equal((ActionKind.Cancellation, ActionRequestStatus.AwaitingApproval), (request.Kind, request.Status));
    }

    // ---- One open request per order and kind; the desk never pays twice ----

    [Fact]
    public async Task CheatingModel_AsksForTheSameRefundInTwoChats_OnlyOneIsRecordedAndTheSecondCustomerHearsItsState()
    {
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory, o => o.Requestable, Ct);
        var first = new ScriptedChatClient();
        var (conversations, firstId) = await StartVerifiedAsync(first, customer);
        first.Calls("request_refund", new() { ["orderId"] = order.Id, ["reason"] = "broken" }).Says("Refund recorded.");
        await conversations.SendAsync(firstId, $"refund {order.Id} please", TestClients.Next(), Ct);

        var second = new ScriptedChatClient();
        var (again, secondId) = await StartVerifiedAsync(second, customer);
        second.CallsAll(
                ("request_refund", new() { ["orderId"] = order.Id, ["reason"] = "broken" }),
                ("request_refund", new() { ["orderId"] = order.Id, ["reason"] = "broken!!" }))
            .Says("I've opened two refunds for you.");
        var turn = await again.SendAsync(secondId, $"refund {order.Id} please", TestClients.Next(), Ct);

        await using var db = await Db();
        var requests = await db.ActionRequests.Where(r => r.OrderId == order.Id).ToListAsync(Ct);
        var only = Assert.Single(requests);
        Assert.Equal(firstId, only.ConversationId);
        Assert.Contains(ReplyBook.Default.Say("state.not_opened_again", Register.English), turn.Reply, StringComparison.Ordinal);
        Assert.False(turn.Escalated);
    }

    [Fact]
    public async Task Refund_AskedForOnAnOrderBeingReturned_IsAnsweredWithTheReturnsState()
    {
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory, o => o.Requestable, Ct);
        await RequestedOfflineAsync(customer, $"I want to return {order.Id}, wrong size");
        var id = await StartVerifiedOfflineAsync(customer);

        var turn = await Offline.SendAsync(id, $"I want a refund for {order.Id}", TestClients.Next(), Ct);

        Assert.Contains(ReplyBook.Default.Say("kind.return", Register.English), turn.Reply, StringComparison.Ordinal);
        Assert.Contains(ReplyBook.Default.Say("state.not_opened_again", Register.English), turn.Reply, StringComparison.Ordinal);
        Assert.Empty((await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).ActionRequests);
    }

    [Fact]
    public async Task Desk_RefundAndReturnOnOneOrder_TogetherCanNeverExceedWhatWasPaid()
    {
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory, o => o.Requestable, Ct);
        var refundChat = await RequestedOfflineAsync(customer, $"I want a refund for {order.Id}, it stopped working");
        var returnChat = await RequestedOfflineAsync(customer, $"I want to return {order.Id}, wrong size");
        await Desk.TakeOverAsync(refundChat, Asha, Ct);
        await Desk.TakeOverAsync(returnChat, Ravi, Ct);
        var paid = (await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct)).Payment.Amount;

        var half = Math.Round(paid / 2, 2);
        await Desk.DecideAsync(refundChat, await RequestIdAsync(refundChat), true, half, "One of the items is faulty.", Asha, Ct);
        var returnId = await RequestIdAsync(returnChat);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Desk.DecideAsync(returnChat, returnId, true, paid, "Return it all.", Ravi, Ct));

        var stored = await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct);
        Assert.Equal(half, stored.Payment.RefundApproved);
        Assert.Equal(ActionRequestStatus.AwaitingApproval, Assert.Single((await DemoDatabase.ConversationAsync(app.Factory, returnChat, Ct)).ActionRequests).Status);

        // What is left can still go back with the return.
        await Desk.DecideAsync(returnChat, returnId, true, paid - half, "The rest, on return.", Ravi, Ct);
        Assert.Equal(paid, (await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct)).Payment.RefundApproved);
    }

    [Fact]
    public async Task Desk_TwoPeopleApprovingMoneyOnOneOrderAtOnce_OnlyOneSucceeds()
    {
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory, o => o.Requestable, Ct);
        var refundChat = await RequestedOfflineAsync(customer, $"I want a refund for {order.Id}, it is defective");
        var returnChat = await RequestedOfflineAsync(customer, $"I want to return {order.Id}, it is defective");
        await Desk.TakeOverAsync(refundChat, Asha, Ct);
        await Desk.TakeOverAsync(returnChat, Ravi, Ct);
        var paid = (await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct)).Payment.Amount;
        var refundId = await RequestIdAsync(refundChat);
        var returnId = await RequestIdAsync(returnChat);

        var outcomes = await Task.WhenAll(
            Attempt(() => Desk.DecideAsync(refundChat, refundId, true, paid, "ok", Asha, Ct)),
            Attempt(() => Desk.DecideAsync(returnChat, returnId, true, paid, "ok", Ravi, Ct)));

        Assert.Single(outcomes, e => e is null);
        Assert.Equal(paid, (await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct)).Payment.RefundApproved);
    }

    // ---- Decisions reach the order; status questions are answered from them ----

    [Theory]
    [InlineData("what's the status of my refund for {0}?", Register.English)]
    [InlineData("{0} ka refund kab aayega?", Register.Hinglish)]
    [InlineData("{0} का रिफंड कब आएगा?", Register.Hindi)]
    public async Task ApprovedRefund_StartsTheRefund_AndAStatusQuestionIsAnsweredFromTheRecordsWithoutANewRequest(string question, Register register)
    {
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory, o => o.Requestable, Ct);
        var chat = await RequestedOfflineAsync(customer, $"I want a refund for {order.Id}, it arrived broken");
        await Desk.TakeOverAsync(chat, Asha, Ct);
        var paid = (await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct)).Payment.Amount;
        await Desk.DecideAsync(chat, await RequestIdAsync(chat), true, paid, "Broken on arrival.", Asha, Ct);

        var stored = await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct);
        Assert.Equal((OrderStatus.RefundPending, PaymentStatus.RefundPending, paid), (stored.Status, stored.Payment.Status, stored.Payment.RefundApproved));
        Assert.NotNull(stored.Payment.RefundStartedAt);

        var id = await StartVerifiedOfflineAsync(customer);
        var answer = await Offline.SendAsync(id, string.Format(CultureInfo.InvariantCulture, question, order.Id), TestClients.Next(), Ct);

        var policy = StorePolicy.From(ScriptedAgent.HelpCentre);
        var due = policy.RefundTime(stored.Payment.Method).LatestFrom(DateOnly.FromDateTime(stored.Payment.RefundStartedAt!.Value.UtcDateTime));
        var wording = new Wording(ReplyBook.Default, register, DateOnly.FromDateTime(DateTime.UtcNow));
        Assert.Contains(Wording.Amount(paid), answer.Reply, StringComparison.Ordinal);
        Assert.Contains(wording.Date(due), answer.Reply, StringComparison.Ordinal);
        Assert.Equal(register == Register.Hindi, Scripts.HasDevanagari(answer.Reply));
        Assert.False(answer.Escalated);
        Assert.Empty((await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).ActionRequests);
    }

    [Fact]
    public async Task StatusQuestion_RefundTheStoreMadeWithoutARequest_IsAnsweredFromThePayment()
    {
        await using var db = await Db();
        var requested = await DemoDatabase.RequestedOrdersAsync(db, Ct);
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory,
            o => o.Payment == PaymentStatus.RefundPending && !requested.Contains(o.Id), Ct);
        var id = await StartVerifiedOfflineAsync(customer);

        var answer = await Offline.SendAsync(id, $"where is my refund for {order.Id}?", TestClients.Next(), Ct);

        var stored = await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct);
        Assert.Contains(Wording.Amount(stored.Payment.RefundApproved), answer.Reply, StringComparison.Ordinal);
        Assert.Contains(new Wording(ReplyBook.Default, Register.English, DateOnly.FromDateTime(DateTime.UtcNow)).Date(stored.Payment.RefundStartedAt!.Value), answer.Reply, StringComparison.Ordinal);
        Assert.Empty((await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).ActionRequests);
    }

    [Fact]
    public async Task ApprovedReplacement_BooksAPickupAndCreatesTheReplacementOrder_WhichTheCustomerIsTold()
    {
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory, o => o.Requestable, Ct);
        var chat = await RequestedOfflineAsync(customer, $"Order {order.Id} arrived damaged, I want a replacement");
        await Desk.TakeOverAsync(chat, Asha, Ct);

        await Desk.DecideAsync(chat, await RequestIdAsync(chat), true, 0, "Photo shows a cracked screen.", Asha, Ct);

        await using var db = await Db();
        var original = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == order.Id, Ct);
        Assert.Equal(OrderStatus.PickupScheduled, original.Status);
        Assert.NotNull(original.PickupOn);
        var replacement = await db.Orders.AsNoTracking().Include(o => o.Items).SingleAsync(o => o.Id == original.ReplacementOrderId, Ct);
        Assert.Equal((order.Id, customer.Id, 0m, OrderStatus.Placed), (replacement.ReplacesOrderId, replacement.CustomerId, replacement.Total, replacement.Status));
        Assert.NotEmpty(replacement.Items);
        var told = (await Offline.GetTranscriptAsync(chat, Ct))!.Messages[^1].Text;
        Assert.Contains(replacement.Id, told, StringComparison.Ordinal);
    }

    // ---- Refusals tell the true reason ----

    [Theory]
    [InlineData(PaymentStatus.DueOnDelivery, "refusal.cod_unpaid")]
    [InlineData(PaymentStatus.Paid, "refusal.not_delivered")]
    public async Task Refund_ForAnOrderStillOnItsWay_SaysWhyAndOffersACancellation(PaymentStatus payment, string reason)
    {
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory,
            o => o.Status is OrderStatus.Shipped or OrderStatus.InTransit or OrderStatus.OutForDelivery && o.Payment == payment, Ct);
        var id = await StartVerifiedOfflineAsync(customer);

        var turn = await Offline.SendAsync(id, $"I want a refund for {order.Id}", TestClients.Next(), Ct);

        var wording = new Wording(ReplyBook.Default, Register.English, DateOnly.FromDateTime(DateTime.UtcNow));
        var expected = wording.Say(reason, ("order", order.Id), ("status", wording.Status(order.Status)), ("verb", wording.Say("verb.refund")));
        Assert.StartsWith(expected, turn.Reply, StringComparison.Ordinal);
        Assert.DoesNotContain("out for delivery, so", turn.Reply, StringComparison.Ordinal);
        Assert.Contains(ReplyBook.Default.Say(payment == PaymentStatus.Paid ? "offer.cancel_paid" : "offer.cancel_cod", Register.English), turn.Reply, StringComparison.Ordinal);
        Assert.Empty((await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).ActionRequests);
        Assert.False(turn.Escalated);
    }

    // ---- helpers ----

    private Task<(DemoCustomer Customer, DemoOrder Order)> SmallUnshippedOrderAsync() =>
        DemoDatabase.CustomerWithOrderAsync(app.Factory,
            o => o.Status is OrderStatus.Placed or OrderStatus.Packed && o.Total <= new AgentSettings().PersonDecidesAbove, Ct);

    private async Task<(ConversationService Conversations, Guid Id)> StartVerifiedAsync(ScriptedChatClient model, DemoCustomer customer, AgentSettings? settings = null)
    {
        var conversations = ScriptedAgent.Conversations(app.Factory, model, settings);
        var id = (await conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;
        model.Calls("find_account", new() { ["phone"] = customer.Phone })
            .Calls("verify_identity", new() { ["pincode"] = customer.Pincode })
            .Says("Verified.");
        Assert.True((await conversations.SendAsync(id, $"{customer.Phone} {customer.Pincode}", TestClients.Next(), Ct)).Verified);
        return (conversations, id);
    }

    private async Task<Guid> StartVerifiedOfflineAsync(DemoCustomer customer)
    {
        var id = (await Offline.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;
        await Offline.SendAsync(id, $"My number is {customer.Phone}", TestClients.Next(), Ct);
        Assert.True((await Offline.SendAsync(id, $"pincode {customer.Pincode}", TestClients.Next(), Ct)).Verified);
        return id;
    }

    /// <summary>A verified chat in which the offline assistant recorded the request for a person.</summary>
    private async Task<Guid> RequestedOfflineAsync(DemoCustomer customer, string ask)
    {
        var id = await StartVerifiedOfflineAsync(customer);
        var turn = await Offline.SendAsync(id, ask, TestClients.Next(), Ct);
        Assert.True(turn.Escalated, turn.Reply);
        return id;
    }

    private async Task<long> RequestIdAsync(Guid conversationId) =>
        Assert.Single((await DemoDatabase.ConversationAsync(app.Factory, conversationId, Ct)).ActionRequests).Id;

    private Task<CareDbContext> Db() =>
        app.Factory.Services.GetRequiredService<IDbContextFactory<CareDbContext>>().CreateDbContextAsync(Ct);

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
