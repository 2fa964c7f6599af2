using System.Globalization;
using CareConsole.Core.Agent;
using CareConsole.Core.Agent.Replies;
using CareConsole.Core.Conversations;
using CareConsole.Core.Orders;
using CareConsole.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Core.Agent.Models;

/// <summary>
/// The offline model is the app's default provider, so these run whole conversations through the app's own
/// conversation service, with demo customers read from its database.
/// </summary>
public sealed partial class OfflineChatClientTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ConversationService Conversations => app.Factory.Services.GetRequiredService<ConversationService>();

    // ---- Whole conversations in each register ----

    [Fact]
    public async Task GetResponseAsync_EnglishConversation_GreetsVerifiesAndTracksTheLatestOrder()
    {
        var customer = (await DemoDatabase.CustomersAsync(app.Factory, Ct))[0];
        var id = await StartAsync();

        var greeting = await SendAsync(id, "Hi");
        var asked = await SendAsync(id, $"My number is {customer.Phone}");
        var verified = await SendAsync(id, $"My pincode is {customer.Pincode}");
        var tracked = await SendAsync(id, "Where is my order?");

        Assert.Contains("mobile number", greeting.Reply, StringComparison.Ordinal);
        // Nothing of the account before proof, not even the first name.
        Assert.DoesNotContain(customer.FirstName, asked.Reply, StringComparison.Ordinal);
        Assert.Contains("pincode", asked.Reply, StringComparison.OrdinalIgnoreCase);
        Assert.False(asked.Verified);
        Assert.True(verified.Verified);
        Assert.Equal(ConversationPhase.Assistance, verified.Phase);
        Assert.Contains(customer.FirstName, verified.Reply, StringComparison.Ordinal);
        var latest = await LatestOrderAsync(customer);
        Assert.Contains(latest.Id, tracked.Reply, StringComparison.Ordinal);
        Assert.Contains(StatusWords.English[latest.Status], tracked.Reply, StringComparison.OrdinalIgnoreCase);
        Assert.All([greeting, asked, verified, tracked], turn =>
        {
            Assert.Equal(Register.English, turn.Register);
            AssertEnglish(turn.Reply);
        });
    }

    [Fact]
    public async Task GetResponseAsync_HindiConversation_AnswersInDevanagariAndTracksTheLatestOrder()
    {
        var customer = (await DemoDatabase.CustomersAsync(app.Factory, Ct))[1];
        var id = await StartAsync();

        var greeting = await SendAsync(id, "नमस्ते");
        var asked = await SendAsync(id, $"मेरा मोबाइल नंबर {customer.Phone} है");
        var verified = await SendAsync(id, $"मेरा पिनकोड {customer.Pincode} है");
        var tracked = await SendAsync(id, "मेरा ऑर्डर कहाँ है?");

        Assert.DoesNotContain(customer.FirstName, asked.Reply, StringComparison.Ordinal);
        Assert.Contains("पिनकोड", asked.Reply, StringComparison.Ordinal);
        Assert.False(asked.Verified);
        Assert.True(verified.Verified);
        Assert.Contains(customer.FirstName, verified.Reply, StringComparison.Ordinal);
        Assert.Contains((await LatestOrderAsync(customer)).Id, tracked.Reply, StringComparison.Ordinal);
        Assert.All([greeting, asked, verified, tracked], turn =>
        {
            Assert.Equal(Register.Hindi, turn.Register);
            Assert.True(Scripts.HasDevanagari(turn.Reply), turn.Reply);
        });
    }

    [Fact]
    public async Task GetResponseAsync_HinglishConversation_AnswersInHinglishAndTracksTheLatestOrder()
    {
        var customer = (await DemoDatabase.CustomersAsync(app.Factory, Ct))[2];
        var id = await StartAsync();

        var greeting = await SendAsync(id, "namaste");
        var asked = await SendAsync(id, $"mera number {customer.Phone} hai");
        var verified = await SendAsync(id, $"mera pincode {customer.Pincode} hai");
        var tracked = await SendAsync(id, "mera order kahan hai");

        Assert.DoesNotContain(customer.FirstName, asked.Reply, StringComparison.Ordinal);
        Assert.Contains("pincode", asked.Reply, StringComparison.Ordinal);
        Assert.True(verified.Verified);
        Assert.Contains(customer.FirstName, verified.Reply, StringComparison.Ordinal);
        Assert.Contains((await LatestOrderAsync(customer)).Id, tracked.Reply, StringComparison.Ordinal);
        Assert.All([greeting, asked, verified, tracked], turn =>
        {
            Assert.Equal(Register.Hinglish, turn.Register);
            Assert.False(Scripts.HasDevanagari(turn.Reply), turn.Reply);
            // Hindi written in Latin letters, not an English answer.
            Assert.Equal(Register.Hinglish, LanguageDetector.Detect(turn.Reply, Register.English));
        });
    }

    // ---- Orders after verification ----

    [Fact]
    public async Task GetResponseAsync_OrderNumberGiven_AnswersAboutThatOrder()
    {
        var customer = (await DemoDatabase.CustomersAsync(app.Factory, Ct))[3];
        // The oldest order, so the latest one cannot be mistaken for it.
        var order = customer.Orders.MinBy(o => o.PlacedAt)!;
        var id = await StartVerifiedAsync(customer);

        var turn = await SendAsync(id, $"What is the status of order {order.Id}?");

        Assert.Contains(order.Id, turn.Reply, StringComparison.Ordinal);
        Assert.Contains(StatusWords.English[(await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct)).Status], turn.Reply, StringComparison.OrdinalIgnoreCase);
        AssertEnglish(turn.Reply);
    }

    [Fact]
    public async Task GetResponseAsync_ShowMyOrders_ListsTheNewestOrdersFirst()
    {
        var customers = await DemoDatabase.CustomersAsync(app.Factory, Ct);
        var customer = customers.First(c => c.Orders.Count >= 2);
        var id = await StartVerifiedAsync(customer);

        var turn = await SendAsync(id, "show my orders");

        var expected = customer.Orders.OrderByDescending(o => o.PlacedAt).Take(5).Select(o => o.Id).ToList();
        var positions = expected.Select(o => turn.Reply.IndexOf(o, StringComparison.Ordinal)).ToList();
        Assert.All(positions, position => Assert.True(position >= 0, turn.Reply));
        Assert.Equal(positions.Order(), positions);
        Assert.All(customer.Orders.Except(customer.Orders.Where(o => expected.Contains(o.Id))),
            older => Assert.DoesNotContain(older.Id, turn.Reply, StringComparison.Ordinal));
        AssertEnglish(turn.Reply);
    }

    [Fact]
    public async Task GetResponseAsync_WhenWillItArrive_GivesTheEstimatedDeliveryDate()
    {
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory,
            o => o.Status is OrderStatus.Shipped or OrderStatus.InTransit && o.EstimatedDelivery is not null, Ct);
        var id = await StartVerifiedAsync(customer);

        var turn = await SendAsync(id, $"When will order {order.Id} arrive?");

        var eta = order.EstimatedDelivery!.Value;
        var expected = eta == DateOnly.FromDateTime(DateTime.UtcNow) ? "today" : eta.ToString("d MMM", CultureInfo.InvariantCulture);
        Assert.Contains(expected, turn.Reply, StringComparison.Ordinal);
        Assert.Contains(order.Id, turn.Reply, StringComparison.Ordinal);
        AssertEnglish(turn.Reply);
    }

    [Theory]
    [InlineData("Please cancel order {0}, I ordered it by mistake", "yes", false)]
    [InlineData("order {0} cancel kar do please", "haan kar do", false)]
    [InlineData("ऑर्डर {0} रद्द कर दीजिए", "हाँ", true)]
    public async Task GetResponseAsync_CancelBeforeShipping_AsksFirstAndCancelsOnlyOnTheCustomersYes(string ask, string yes, bool hindi)
    {
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory,
            o => o.Status is OrderStatus.Placed or OrderStatus.Packed && o.Total <= new AgentSettings().PersonDecidesAbove, Ct);
        var id = await StartVerifiedAsync(customer);

        var asked = await SendAsync(id, string.Format(CultureInfo.InvariantCulture, ask, order.Id));

        Assert.Contains(order.Id, asked.Reply, StringComparison.Ordinal);
        Assert.Contains(Wording.Amount(order.Total), asked.Reply, StringComparison.Ordinal);
        Assert.Equal(order.Status, (await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct)).Status);
        Assert.Empty((await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).ActionRequests);

        var done = await SendAsync(id, yes);

        Assert.Contains(order.Id, done.Reply, StringComparison.Ordinal);
        if (hindi)
        {
            Assert.Contains("रद्द", done.Reply, StringComparison.Ordinal);
        }
        Assert.False(done.Escalated);
        Assert.Equal(OrderStatus.Cancelled, (await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct)).Status);
        var conversation = await DemoDatabase.ConversationAsync(app.Factory, id, Ct);
        var request = Assert.Single(conversation.ActionRequests);
        Assert.Equal((ActionKind.Cancellation, ActionRequestStatus.Done), (request.Kind, request.Status));
    }

    [Theory]
    [InlineData("can I cancel {0}?", "what about the delivery fee?")]
    [InlineData("what happens if I cancel {0}", "ok")]
    [InlineData("kya main {0} cancel kar sakta hoon?", "shayad, soch ke batata hoon")]
    [InlineData("क्या मैं {0} रद्द कर सकता हूँ?", "हाँ पर पहले बताइए रिफंड कब आएगा?")]
    [InlineData("maybe cancel {0}? not sure", "yes but is the refund instant?")]
    public async Task GetResponseAsync_QuestionOrMaybeAboutCancelling_NeverCancels(string question, string followUp)
    {
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory, o => o.Status is OrderStatus.Placed or OrderStatus.Packed, Ct);
        var id = await StartVerifiedAsync(customer);

        var answer = await SendAsync(id, string.Format(CultureInfo.InvariantCulture, question, order.Id));
        await SendAsync(id, followUp);

        Assert.Contains(order.Id, answer.Reply, StringComparison.Ordinal);
        Assert.Equal(order.Status, (await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct)).Status);
        Assert.Empty((await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).ActionRequests);
    }

    [Fact]
    public async Task GetResponseAsync_CancelAfterShipping_AsksAndThenGoesToAPersonForApproval()
    {
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory,
            o => o.Status is OrderStatus.Shipped or OrderStatus.InTransit or OrderStatus.OutForDelivery, Ct);
        var id = await StartVerifiedAsync(customer);

        var asked = await SendAsync(id, $"Cancel order {order.Id}");

        Assert.False(asked.Escalated);
        Assert.Contains(order.Id, asked.Reply, StringComparison.Ordinal);

        var turn = await SendAsync(id, "yes");

        Assert.True(turn.Escalated);
        Assert.Equal(ConversationOwner.Human, turn.Owner);
        Assert.Contains(order.Id, turn.Reply, StringComparison.Ordinal);
        Assert.DoesNotContain("is cancelled", turn.Reply, StringComparison.OrdinalIgnoreCase);
        AssertEnglish(turn.Reply);
        Assert.Equal(order.Status, (await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct)).Status);
        await AssertEscalatedAsync(id, EscalationReason.RiskyAction);
        var request = Assert.Single((await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).ActionRequests);
        Assert.Equal((ActionKind.Cancellation, ActionRequestStatus.AwaitingApproval), (request.Kind, request.Status));
    }

    [Theory]
    [InlineData(ActionKind.Return, "I want to return order {0}, it doesn't fit")]
    [InlineData(ActionKind.Replacement, "Order {0} arrived damaged, please replace it")]
    public async Task GetResponseAsync_ReturnOrReplacement_GoesToAPersonForApproval(ActionKind kind, string message)
    {
        var customers = await DemoDatabase.CustomersAsync(app.Factory, Ct);
        // A different customer for each kind, each with a delivered order.
        var customer = customers.Where(c => c.Orders.Any(o => o.Requestable)).Skip(kind == ActionKind.Return ? 1 : 2).First();
        var order = customer.Orders.First(o => o.Requestable);
        var id = await StartVerifiedAsync(customer);

        var turn = await SendAsync(id, string.Format(CultureInfo.InvariantCulture, message, order.Id));

        Assert.True(turn.Escalated);
        Assert.Contains(order.Id, turn.Reply, StringComparison.Ordinal);
        AssertEnglish(turn.Reply);
        await AssertEscalatedAsync(id, EscalationReason.RiskyAction);
        var conversation = await DemoDatabase.ConversationAsync(app.Factory, id, Ct);
        var request = Assert.Single(conversation.ActionRequests);
        Assert.Equal((kind, order.Id, ActionRequestStatus.AwaitingApproval), (request.Kind, request.OrderId, request.Status));
        Assert.Equal(OrderStatus.Delivered, (await DemoDatabase.OrderAsync(app.Factory, order.Id, Ct)).Status);
    }

    // ---- What was asked is what gets answered ----

    [Theory]
    [InlineData("Thank you so much for your help", "thanks", false)]
    [InlineData("thanks a lot, that solved it", "thanks", false)]
    [InlineData("ok thanks, bye", "bye", true)]
    [InlineData("dhanyavaad, bas itna hi", "bye", true)]
    [InlineData("बहुत बहुत धन्यवाद", "thanks", false)]
    public async Task GetResponseAsync_ThanksOrGoodbye_ClosesPolitelyWithoutSearchingTheHelpCentre(string message, string reply, bool ends)
    {
        var id = await StartAsync();

        var turn = await SendAsync(id, message);

        Assert.Empty(turn.Citations);
        Assert.Equal(ReplyBook.Default.Say(reply, turn.Register), turn.Reply);
        Assert.Equal(ends, turn.Phase == ConversationPhase.Ended);
        Assert.DoesNotContain((await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).ToolCalls, c => c.Name == "search_knowledge");
    }

    [Theory]
    [InlineData("just tell me the return window", "returns-policy")]
    [InlineData("return window kitne din ki hai?", "returns-policy")]
    [InlineData("how many days do I have to return something", "returns-policy")]
    [InlineData("रिटर्न कितने दिन में कर सकते हैं?", "returns-policy")]
    public async Task GetResponseAsync_GeneralPolicyQuestion_IsAnsweredWithoutAnOrderNumberOrVerification(string question, string article)
    {
        var id = await StartAsync();

        var turn = await SendAsync(id, question);

        Assert.Contains(turn.Citations, c => c.ArticleId.StartsWith(article, StringComparison.Ordinal));
        Assert.DoesNotContain(ReplyBook.Default.Say("ask_phone", turn.Register), turn.Reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Order {0} arrived damaged", false)]
    [InlineData("mera order {0} toot ke aaya hai", false)]
    [InlineData("the item in {0} is not working", false)]
    [InlineData("{0} is not working and it is past the return window", true)]
    public async Task GetResponseAsync_Complaint_ChecksTheWindowAndOffersWhatThePolicyAllows_WithoutRecordingAnything(string complaint, bool windowPassed)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory, windowPassed
            ? o => o.Status == OrderStatus.Delivered && o.DeliveredAt < DateTimeOffset.UtcNow.AddDays(-40)
            : o => o.Requestable, Ct);
        var id = await StartVerifiedAsync(customer);

        var turn = await SendAsync(id, string.Format(CultureInfo.InvariantCulture, complaint, order.Id));

        Assert.Contains(order.Id, turn.Reply, StringComparison.Ordinal);
        var wording = new Wording(ReplyBook.Default, turn.Register, today);
        if (windowPassed)
        {
            Assert.Contains(wording.Date(order.DeliveredAt!.Value), turn.Reply, StringComparison.Ordinal);
            Assert.DoesNotContain(ReplyBook.Default.Say("complaint.next", turn.Register), turn.Reply, StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith(ReplyBook.Default.Say("complaint.sorry", turn.Register), turn.Reply, StringComparison.Ordinal);
            Assert.Contains(ReplyBook.Default.Say("complaint.next", turn.Register), turn.Reply, StringComparison.Ordinal);
        }
        Assert.False(turn.Escalated);
        Assert.Empty((await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).ActionRequests);
    }

    [Theory]
    [InlineData("where is my order {0}?", "My number is {0}", "pincode {0}")]
    [InlineData("mera order {0} kahan hai?", "mera number {0} hai", "pincode {0}")]
    public async Task GetResponseAsync_QuestionAskedBeforeVerification_IsAnsweredOnceVerified(string question, string phone, string pincode)
    {
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory, o => o.Status is OrderStatus.InTransit or OrderStatus.Shipped, Ct);
        var id = await StartAsync();

        var asked = await SendAsync(id, string.Format(CultureInfo.InvariantCulture, question, order.Id));
        await SendAsync(id, string.Format(CultureInfo.InvariantCulture, phone, customer.Phone));
        var verified = await SendAsync(id, string.Format(CultureInfo.InvariantCulture, pincode, customer.Pincode));

        Assert.DoesNotContain(order.Id, asked.Reply, StringComparison.Ordinal);
        Assert.True(verified.Verified);
        Assert.Contains(order.Id, verified.Reply, StringComparison.Ordinal);
        Assert.Contains(new Wording(ReplyBook.Default, verified.Register, DateOnly.FromDateTime(DateTime.UtcNow)).Status(order.Status), verified.Reply, StringComparison.Ordinal);
    }

    // ---- Help centre, people, small talk ----

    [Theory]
    [InlineData("how long do refunds take for UPI?", false)]
    [InlineData("रिफंड कितने दिन में आता है?", true)]
    public async Task GetResponseAsync_HelpQuestionBeforeVerification_AnswersWithAHelpCentreCitation(string question, bool hindi)
    {
        var id = await StartAsync();

        var turn = await SendAsync(id, question);

        var citation = Assert.Single(turn.Citations);
        Assert.StartsWith("/help/", citation.Url, StringComparison.Ordinal);
        Assert.Contains(citation.Title, turn.Reply, StringComparison.Ordinal);
        Assert.False(turn.Verified);
        Assert.Equal(hindi, Scripts.HasDevanagari(turn.Reply));
    }

    [Fact]
    public async Task GetResponseAsync_QuestionNamingAnotherCityBeforeVerification_UsesUpNoIdentityCheck()
    {
        var customers = await DemoDatabase.CustomersAsync(app.Factory, Ct);
        var customer = customers[4];
        var elsewhere = customers.Select(c => c.City).First(city => !customer.Cities.Contains(city));
        var id = await StartAsync();
        await SendAsync(id, $"My number is {customer.Phone}");

        var turn = await SendAsync(id, $"Do you deliver to {elsewhere}?");

        Assert.DoesNotContain("match", turn.Reply, StringComparison.OrdinalIgnoreCase);
        var conversation = await DemoDatabase.ConversationAsync(app.Factory, id, Ct);
        Assert.Equal(0, conversation.FailedVerifications);
    }

    [Theory]
    [InlineData("I want to talk to a human")]
    [InlineData("mujhe insaan se baat karni hai")]
    [InlineData("किसी इंसान से बात कराइए")]
    public async Task GetResponseAsync_AsksForAPerson_HandsOverAtTheCustomersRequest(string text)
    {
        var id = await StartAsync();

        var turn = await SendAsync(id, text);

        Assert.True(turn.Escalated);
        Assert.Equal((ConversationOwner.Human, ConversationStatus.Pending), (turn.Owner, turn.Status));
        Assert.NotEmpty(turn.Reply);
        Assert.Equal(Scripts.HasDevanagari(text), Scripts.HasDevanagari(turn.Reply));
        await AssertEscalatedAsync(id, EscalationReason.CustomerRequest);
    }

    [Fact]
    public async Task GetResponseAsync_Thanks_RepliesAndKeepsTheConversationOpen()
    {
        var id = await StartAsync();

        var turn = await SendAsync(id, "thanks");

        Assert.Contains("welcome", turn.Reply, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((ConversationPhase.Verification, ConversationStatus.Open), (turn.Phase, turn.Status));
        AssertEnglish(turn.Reply);
    }

    [Theory]
    [InlineData("bye")]
    [InlineData("अलविदा")]
    public async Task GetResponseAsync_Bye_EndsTheConversation(string text)
    {
        var id = await StartAsync();

        var turn = await SendAsync(id, text);

        Assert.Equal((ConversationPhase.Ended, ConversationStatus.Resolved), (turn.Phase, turn.Status));
        Assert.NotEmpty(turn.Reply);
        Assert.Equal(Scripts.HasDevanagari(text), Scripts.HasDevanagari(turn.Reply));
        await Assert.ThrowsAsync<ConversationEndedException>(() => Conversations.SendAsync(id, "one more thing", TestClients.Next(), Ct));
    }

    private async Task<Guid> StartAsync() => (await Conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;

    private Task<TurnResult> SendAsync(Guid id, string text) => Conversations.SendAsync(id, text, TestClients.Next(), Ct);

    private async Task<Guid> StartVerifiedAsync(DemoCustomer customer)
    {
        var id = await StartAsync();
        await SendAsync(id, $"My number is {customer.Phone}");
        var verified = await SendAsync(id, customer.Pincode);
        Assert.True(verified.Verified, verified.Reply);
        return id;
    }

    private async Task<DemoOrder> LatestOrderAsync(DemoCustomer customer) =>
        (await DemoDatabase.CustomersAsync(app.Factory, Ct)).Single(c => c.Id == customer.Id).LatestOrder;

    private async Task AssertEscalatedAsync(Guid id, EscalationReason reason)
    {
        var conversation = await DemoDatabase.ConversationAsync(app.Factory, id, Ct);
        Assert.Equal(reason, Assert.Single(conversation.Escalations).Reason);
        Assert.Equal(ConversationOwner.Human, conversation.Owner);
    }

    private static void AssertEnglish(string reply) => Assert.False(Scripts.HasDevanagari(reply), reply);
}
