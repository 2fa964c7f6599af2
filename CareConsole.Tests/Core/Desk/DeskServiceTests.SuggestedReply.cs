using CareConsole.Core.Agent;
using CareConsole.Core.Agent.Models.Offline;
using CareConsole.Core.Conversations;
using CareConsole.Core.Desk;
using CareConsole.Core.Knowledge;
using CareConsole.Core.Orders;
using CareConsole.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Core.Desk;

/// <summary>
/// The desk's suggested reply: a draft from the configured model, grounded in the help centre and the customer's
/// account, that the person edits and sends, and that on its own changes nothing and reaches nobody.
/// </summary>
public sealed partial class DeskServiceTests
{
    [Fact]
    public async Task Suggest_PolicyQuestion_DraftsTheHelpCentreAnswerAndNamesTheArticle()
    {
        const string Question = "how long does a refund to my credit card take?";
        var id = await TakenOverAsync("I want to talk to a human");
        await Conversations.SendAsync(id, Question, TestClients.Next(), Ct);

        var suggestion = await Desk.SuggestReplyAsync(id, Asha, Ct);

        // The figure the help centre states, from the store's rules, and the article that states it.
        var source = Assert.Single(suggestion.Sources);
        Assert.Equal("refund-timelines", source.ArticleId);
        Assert.Contains("card reaches you in 5–7 business days", suggestion.Text, StringComparison.Ordinal);
        Assert.Contains(source.Title, suggestion.Text, StringComparison.Ordinal);
        Assert.Equal(OfflineChatClient.ProviderName, suggestion.Provider);
    }

    [Fact]
    public async Task Suggest_LeavesNoTrace_NothingStoredOrSent()
    {
        var id = await TakenOverAsync("I want to talk to a human");
        await Conversations.SendAsync(id, "do you deliver on Sundays?", TestClients.Next(), Ct);
        var before = await DemoDatabase.ConversationAsync(app.Factory, id, Ct);

        await Desk.SuggestReplyAsync(id, Asha, Ct);

        var after = await DemoDatabase.ConversationAsync(app.Factory, id, Ct);
        Assert.Equal(before.Messages.Count, after.Messages.Count);
        Assert.Equal(before.ToolCalls.Count, after.ToolCalls.Count);
        Assert.Equal(before.Events.Count, after.Events.Count);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
    }

    [Fact]
    public async Task Suggest_HindiConversation_DraftsInHindi()
    {
        var id = await TakenOverAsync("मुझे किसी इंसान से बात करनी है");
        await Conversations.SendAsync(id, "रिफंड कितने दिन में आता है?", TestClients.Next(), Ct);

        var suggestion = await Desk.SuggestReplyAsync(id, Asha, Ct);

        var letters = suggestion.Text.Where(char.IsLetter).ToList();
        var devanagari = letters.Count(c => c is >= '\u0900' and <= '\u097F');
        Assert.True(devanagari > letters.Count / 2, suggestion.Text);
        Assert.NotEmpty(suggestion.Sources);
    }

    [Fact]
    public async Task Suggest_RefundWaitingForApproval_QuotesTheOrderAndLeavesTheDecisionToThePerson()
    {
        var (id, order) = await RefundRequestedAsync();
        await Desk.TakeOverAsync(id, Asha, Ct);

        var suggestion = await Desk.SuggestReplyAsync(id, Asha, Ct);

        Assert.Contains(order, suggestion.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("approved", suggestion.Text, StringComparison.OrdinalIgnoreCase);
        var request = Assert.Single((await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).ActionRequests);
        Assert.Equal(ActionRequestStatus.AwaitingApproval, request.Status);
    }

    [Fact]
    public async Task Suggest_HinglishRefundHandedOver_DraftsInHinglishAboutThatOrderAndRequest_EvenWhenTheyOnlySaidHello()
    {
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory,
            o => o.Requestable, Ct);
        var id = (await Conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;
        await Conversations.SendAsync(id, $"Mera number {customer.Phone} hai", TestClients.Next(), Ct);
        Assert.True((await Conversations.SendAsync(id, $"Mera pincode {customer.Pincode} hai", TestClients.Next(), Ct)).Verified);
        var handedOver = await Conversations.SendAsync(id, $"Mujhe order {order.Id} ka refund chahiye, saman toota hua aaya", TestClients.Next(), Ct);
        Assert.Equal(EscalationReason.RiskyAction, handedOver.EscalationRule);
        await Desk.TakeOverAsync(id, Asha, Ct);
        await Desk.ReplyAsync(id, Asha, "Namaste, main Asha hoon.", [], Ct);
        // All the customer has said since a person last wrote: nothing about the order or the refund.
        await Conversations.SendAsync(id, "hello?", TestClients.Next(), Ct);

        var suggestion = await Desk.SuggestReplyAsync(id, Asha, Ct);

        var amount = Assert.Single((await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).ActionRequests).Amount;
        Assert.StartsWith($"Order {order.Id} ke liye aapki refund request (₹{amount:#,0.##}) abhi review ho rahi hai", suggestion.Text, StringComparison.Ordinal);
        // The order was looked up too, and its facts told in the same register.
        Assert.Contains($"Order {order.Id} (", suggestion.Text, StringComparison.Ordinal);
        Assert.Contains("deliver ho chuka hai", suggestion.Text, StringComparison.Ordinal);
        Assert.Equal(Register.Hinglish, LanguageDetector.Detect(suggestion.Text, Register.English));
        Assert.DoesNotContain("approve ho gayi", suggestion.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggest_ConfiguredModel_IsToldWhatTheHandOffIsAbout()
    {
        var (id, order) = await RefundRequestedAsync();
        await Desk.TakeOverAsync(id, Asha, Ct);
        await Conversations.SendAsync(id, "hello?", TestClients.Next(), Ct);
        var model = new ScriptedChatClient().Says("I'm looking at your refund now.");
        var request = Assert.Single((await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).ActionRequests);

        await ScriptedAgent.Desk(app.Factory, model).SuggestReplyAsync(id, Asha, Ct);

        var instructions = model.Requests[0].Instructions;
        Assert.Contains("handoff_reason: needs approval", instructions, StringComparison.Ordinal);
        Assert.Contains($"handoff_orders: {order}", instructions, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"handoff_requests: refund {order} ₹{request.Amount:0.##} awaiting_approval"), instructions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggest_ConfiguredModel_WritesTheDraft_SeesNoPrivateNote_AndIsOfferedOnlyToolsThatRead()
    {
        const string Draft = "UPI refunds reach your bank within 2 days of approval.";
        var model = new ScriptedChatClient()
            .Calls("request_refund", new() { ["orderId"] = "MM0000001", ["reason"] = "broken" })
            .Says(Draft);
        var desk = ScriptedAgent.Desk(app.Factory, model);
        var id = await TakenOverAsync("I want to talk to a human");
        await Desk.AddNoteAsync(id, Ravi, "Flagged by finance for refund abuse.", Ct);
        await Conversations.SendAsync(id, "how long do UPI refunds take?", TestClients.Next(), Ct);

        var suggestion = await desk.SuggestReplyAsync(id, Asha, Ct);

        Assert.Equal(Draft, suggestion.Text);
        Assert.Equal(ScriptedAgent.ProviderName, suggestion.Provider);
        Assert.All(model.Requests, r => Assert.Subset(ToolOffer.DraftTools.ToHashSet(), r.ToolNames.ToHashSet()));
        Assert.All(model.Requests, r => Assert.DoesNotContain("finance", r.AllText(), StringComparison.Ordinal));
        Assert.Contains("drafting a reply for a member of MelaMart's support team", model.Requests[0].Instructions, StringComparison.Ordinal);
        Assert.Contains("how long do UPI refunds take?", model.Requests[0].CustomerTexts);
        // The refund the model asked for was refused before any tool ran, and nothing was recorded.
        Assert.Contains("not available", model.Requests[1].ToolResultsJson, StringComparison.Ordinal);
        Assert.Empty((await DemoDatabase.ConversationAsync(app.Factory, id, Ct)).ActionRequests);
    }

    [Fact]
    public async Task Suggest_NoModelAnswers_SaysSoAndStoresNothing()
    {
        var desk = ScriptedAgent.Desk(app.Factory, ScriptedChatClient.AlwaysFailing(), fallback: ScriptedChatClient.AlwaysFailing());
        var id = await TakenOverAsync("I want to talk to a human");
        var before = await DemoDatabase.MessageCountAsync(app.Factory, id, Ct);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => desk.SuggestReplyAsync(id, Asha, Ct));

        Assert.Contains("No model could draft a reply", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await DemoDatabase.MessageCountAsync(app.Factory, id, Ct));
    }

    [Fact]
    public async Task Suggest_ForSomeoneElsesOrAnUnclaimedConversation_IsRefused()
    {
        var taken = await TakenOverAsync("I want to talk to a human");
        var waiting = (await Conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;
        await Conversations.SendAsync(waiting, "connect me to an agent", TestClients.Next(), Ct);

        var other = await Assert.ThrowsAsync<ConversationTakenException>(() => Desk.SuggestReplyAsync(taken, Ravi, Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Desk.SuggestReplyAsync(waiting, Asha, Ct));
        await Assert.ThrowsAsync<ConversationNotFoundException>(() => Desk.SuggestReplyAsync(Guid.CreateVersion7(), Asha, Ct));

        Assert.Equal("Asha Verma", other.OwnerName);
    }

    [Fact]
    public async Task Reply_FromADraft_CitesOnlyTheSourcesItStillNames()
    {
        var id = await TakenOverAsync("I want to talk to a human");
        Citation kept = new("refund-timelines", "Refund timelines", "/help/refund-timelines");
        Citation dropped = new("cod-refunds", "Refunds for cash on delivery", "/help/cod-refunds");

        await Desk.ReplyAsync(id, Asha, "Card refunds take 5–7 working days; see “Refund timelines”.", [kept, dropped], Ct);

        var reply = (await Conversations.GetTranscriptAsync(id, Ct))!.Messages[^1];
        Assert.Equal(Author.Agent, reply.Author);
        Assert.Equal([kept], reply.Citations);
    }

    private async Task<Guid> TakenOverAsync(string firstMessage)
    {
        var id = await EscalatedAsync(firstMessage);
        await Desk.TakeOverAsync(id, Asha, Ct);
        return id;
    }
}
