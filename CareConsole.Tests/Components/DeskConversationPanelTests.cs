using Bunit;
using CareConsole.Components.Desk;
using CareConsole.Core.Conversations;
using CareConsole.Core.Desk;
using CareConsole.Core.Orders;
using CareConsole.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CareConsole.Tests.Components;

/// <summary>The conversation on the desk, rendered from a real conversation as the desk loads it, and used as an agent would.</summary>
public sealed class DeskConversationPanelTests : MudComponentTest, IClassFixture<DemoAppFixture>
{
    private readonly DemoAppFixture app;

    public DeskConversationPanelTests(DemoAppFixture app)
    {
        this.app = app;
        Register(this, DeskSettings.Default);
    }

    private static readonly DeskAgent Asha = new("agent-asha", "Asha Verma");
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(10);

    private ConversationService Conversations => app.Factory.Services.GetRequiredService<ConversationService>();
    private DeskService Desk => app.Factory.Services.GetRequiredService<DeskService>();

    [Fact]
    public async Task Render_RefundHandOff_SaysNeedsApprovalUntilDecided_ThenHowItWasDecided()
    {
        var id = await RefundRequestedAsync();
        await Desk.TakeOverAsync(id, Asha, Ct);
        var pending = Visible((await RenderAsync(id)).Find(".escalation h3"));
        var request = Assert.Single((await Desk.GetAsync(id, Ct))!.Conversation.ActionRequests);

        await Desk.DecideAsync(id, request.Id, approve: false, 0, "Outside the return window.", Asha, Ct);
        var decided = await RenderAsync(id);

        Assert.StartsWith("Needs approval", pending, StringComparison.Ordinal);
        Assert.StartsWith("Rejected", Visible(decided.Find(".escalation h3")), StringComparison.Ordinal);
        Assert.DoesNotContain("Needs approval", Visible(decided.Find("article")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Times_AreOnTheStaffsClockNotTheServers()
    {
        var id = await RefundRequestedAsync();
        await Desk.TakeOverAsync(id, Asha, Ct);
        var request = Assert.Single((await Desk.GetAsync(id, Ct))!.Conversation.ActionRequests);
        await Desk.DecideAsync(id, request.Id, approve: true, request.Amount, "Damaged on arrival.", Asha, Ct);
        var view = (await Desk.GetAsync(id, Ct))!;
        var tokyo = new DeskSettings(TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));

        var india = Visible((await RenderAsync(id)).Find("article"));
        await using var japanDesk = new OtherDesk(this, tokyo);
        var japan = Visible((await japanDesk.RenderAsync(id)).Find("article"));

        var decidedAt = view.Conversation.ActionRequests[0].DecidedAt!.Value;
        var firstMessage = view.Conversation.Messages[0].CreatedAt;
        Assert.Contains($"at {Clock(decidedAt, TimeSpan.FromMinutes(330))}", india, StringComparison.Ordinal);
        Assert.Contains(Clock(firstMessage, TimeSpan.FromMinutes(330)), india, StringComparison.Ordinal);
        Assert.Contains($"at {Clock(decidedAt, TimeSpan.FromHours(9))}", japan, StringComparison.Ordinal);
        Assert.Contains(Clock(firstMessage, TimeSpan.FromHours(9)), japan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I want a refund for order {0}", true)]
    [InlineData("Order {0} arrived damaged, I want a replacement", false)]
    public async Task Render_PendingRequest_SaysWhatApprovingDoes_AndAsksAnAmountOnlyWhenMoneyGoesBack(string ask, bool money)
    {
        var id = await RequestedAsync(ask);
        await Desk.TakeOverAsync(id, Asha, Ct);

        var panel = await RenderAsync(id);

        var request = Assert.Single((await Desk.GetAsync(id, Ct))!.Conversation.ActionRequests);
        var text = Visible(panel.Find(".request"));
        Assert.Contains(DeskFormat.WhatApprovingDoes(request.Kind), text, StringComparison.Ordinal);
        Assert.Equal(money, panel.FindAll(".amount input").Count == 1);
        Assert.Contains("paid", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_AsksFirst_CancelChangesNothing_ConfirmApprovesAndSaysSo()
    {
        var id = await RefundRequestedAsync();
        await Desk.TakeOverAsync(id, Asha, Ct);
        var dialogs = RenderDialogLayer();
        var panel = await RenderAsync(id);
        panel.Find(".decision-note input").Input("Photos show the damage.");

        panel.Find("button.approve").Click();
        var question = dialogs.WaitForElement(".confirm-dialog");
        Assert.Contains(DeskFormat.WhatApprovingDoes(ActionKind.Refund), Visible(question), StringComparison.Ordinal);
        dialogs.Find("button.cancel").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".confirm-dialog")));
        Assert.Equal(ActionRequestStatus.AwaitingApproval, (await RequestAsync(id)).Status);

        panel.Find("button.approve").Click();
        dialogs.WaitForElement("button.confirm").Click();

        await Poll.UntilAsync(async ct => (await RequestAsync(id)).Status == ActionRequestStatus.Approved, Live);
        Assert.Equal("Photos show the damage.", (await RequestAsync(id)).DecisionNote);
        panel.WaitForAssertion(() => Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message != null && s.Message.StartsWith("Approved: refund", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Reject_Confirmed_LeavesTheOrderAsItWasAndRecordsTheNote()
    {
        var id = await RefundRequestedAsync();
        await Desk.TakeOverAsync(id, Asha, Ct);
        var dialogs = RenderDialogLayer();
        var panel = await RenderAsync(id);
        var orderId = (await RequestAsync(id)).OrderId;
        var order = (await Desk.GetAsync(id, Ct))!.Orders.Single(o => o.Id == orderId);
        panel.Find(".decision-note input").Input("Outside the return window.");

        panel.Find("button.reject").Click();
        Assert.Contains("Nothing changes on the order", Visible(dialogs.WaitForElement(".confirm-dialog")), StringComparison.Ordinal);
        dialogs.Find("button.confirm").Click();

        await Poll.UntilAsync(async ct => (await RequestAsync(id)).Status == ActionRequestStatus.Rejected, Live);
        var after = (await Desk.GetAsync(id, Ct))!.Orders.Single(o => o.Id == order.Id);
        Assert.Equal(order.Status, after.Status);
    }

    [Fact]
    public async Task Resolve_AsksFirst_ThenEndsTheConversation()
    {
        var id = await RefundRequestedAsync();
        await Desk.TakeOverAsync(id, Asha, Ct);
        var dialogs = RenderDialogLayer();
        var panel = await RenderAsync(id);
        panel.Find(".resolution-note input").Input("Explained the refund timeline.");

        panel.Find("form.resolve").Submit();
        Assert.Contains("The chat ends for the customer", Visible(dialogs.WaitForElement(".confirm-dialog")), StringComparison.Ordinal);
        Assert.NotEqual(ConversationPhase.Ended, (await Desk.GetAsync(id, Ct))!.Conversation.Phase);
        dialogs.Find("button.confirm").Click();

        await Poll.UntilAsync(async ct => (await Desk.GetAsync(id, ct))!.Conversation.Phase == ConversationPhase.Ended, Live);
    }

    [Fact]
    public async Task Shortcuts_CtrlEnterSendsToTheCustomer_CtrlShiftEnterAddsAPrivateNote()
    {
        var id = await RefundRequestedAsync();
        await Desk.TakeOverAsync(id, Asha, Ct);
        var panel = await RenderAsync(id);

        panel.Find(".reply-box textarea").Input("Checking your refund now.");
        await panel.Find(".reply-box textarea").KeyDownAsync(new KeyboardEventArgs { Key = "Enter", CtrlKey = true });
        panel.Find(".reply-box textarea").Input("Customer sent photos by e-mail.");
        await panel.Find(".reply-box textarea").KeyDownAsync(new KeyboardEventArgs { Key = "Enter", CtrlKey = true, ShiftKey = true });

        var messages = (await Desk.GetAsync(id, Ct))!.Conversation.Messages;
        var reply = Assert.Single(messages, m => m.Text == "Checking your refund now.");
        var note = Assert.Single(messages, m => m.Text == "Customer sent photos by e-mail.");
        Assert.Equal((Author.Agent, false), (reply.Author, reply.IsPrivateNote));
        Assert.True(note.IsPrivateNote);
        Assert.Equal("", panel.Find(".reply-box textarea").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task Render_NotTakenOver_OffersTakeOverAndNoDecision()
    {
        var id = await RefundRequestedAsync();

        var panel = await RenderAsync(id);

        Assert.Single(panel.FindAll("button.take-over"));
        Assert.Empty(panel.FindAll("button.approve"));
        Assert.True(panel.Find("button.send-reply").HasAttribute("disabled"));
        Assert.Contains("Take the conversation over to decide", Visible(panel.Find(".request")), StringComparison.Ordinal);
    }

    private static string Clock(DateTimeOffset at, TimeSpan offset) =>
        at.ToOffset(offset).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<ActionRequest> RequestAsync(Guid id) => Assert.Single((await Desk.GetAsync(id, Ct))!.Conversation.ActionRequests);

    private Task<IRenderedComponent<DeskConversationPanel>> RenderAsync(Guid id) => RenderPanelAsync(this, id);

    private void Register(MudComponentTest context, DeskSettings desk) =>
        context.Services.AddSingleton(Desk).AddSingleton(TimeProvider.System).AddSingleton(desk);

    private async Task<IRenderedComponent<DeskConversationPanel>> RenderPanelAsync(MudComponentTest context, Guid id)
    {
        var view = (await Desk.GetAsync(id, Ct))!;
        return context.Render<DeskConversationPanel>(p => p.Add(c => c.View, view).Add(c => c.Agent, Asha));
    }

    /// <summary>A second context for a desk in another time zone: services are fixed once a component renders.</summary>
    private sealed class OtherDesk : MudComponentTest
    {
        private readonly DeskConversationPanelTests _tests;

        public OtherDesk(DeskConversationPanelTests tests, DeskSettings desk)
        {
            _tests = tests;
            tests.Register(this, desk);
        }

        public Task<IRenderedComponent<DeskConversationPanel>> RenderAsync(Guid id) => _tests.RenderPanelAsync(this, id);
    }

    private Task<Guid> RefundRequestedAsync() => RequestedAsync("I want a refund for order {0}");

    private async Task<Guid> RequestedAsync(string ask)
    {
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory,
            o => o.Requestable, Ct);
        var id = (await Conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;
        await Conversations.SendAsync(id, $"My number is {customer.Phone}", TestClients.Next(), Ct);
        await Conversations.SendAsync(id, $"My pincode is {customer.Pincode}", TestClients.Next(), Ct);
        var turn = await Conversations.SendAsync(id, string.Format(System.Globalization.CultureInfo.InvariantCulture, ask, order.Id), TestClients.Next(), Ct);
        Assert.True(turn.Escalated, turn.Reply);
        return id;
    }
}
