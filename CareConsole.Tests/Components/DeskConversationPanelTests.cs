using System.Text.RegularExpressions;
using CareConsole.Components.Desk;
using CareConsole.Core.Conversations;
using CareConsole.Core.Desk;
using CareConsole.Core.Orders;
using CareConsole.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Components;

/// <summary>The conversation on the desk, rendered from a real conversation as the desk loads it.</summary>
public sealed class DeskConversationPanelTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    private static readonly DeskAgent Asha = new("agent-asha", "Asha Verma");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ConversationService Conversations => app.Factory.Services.GetRequiredService<ConversationService>();
    private DeskService Desk => app.Factory.Services.GetRequiredService<DeskService>();

    [Fact]
    public async Task Render_RefundHandOff_SaysNeedsApprovalUntilDecided_ThenHowItWasDecided()
    {
        var id = await RefundRequestedAsync();
        await Desk.TakeOverAsync(id, Asha, Ct);
        var pending = await RenderAsync(id, DeskSettings.Default);
        var request = Assert.Single((await Desk.GetAsync(id, Ct))!.Conversation.ActionRequests);

        await Desk.DecideAsync(id, request.Id, approve: false, 0, "Outside the return window.", Asha, Ct);
        var decided = await RenderAsync(id, DeskSettings.Default);

        Assert.Equal("Needs approval", HandOffLabel(pending));
        Assert.Equal("Rejected", HandOffLabel(decided));
        Assert.DoesNotContain("Needs approval", ComponentHtml.Text(decided), StringComparison.Ordinal);
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

        var india = ComponentHtml.Text(await RenderAsync(id, DeskSettings.Default));
        var japan = ComponentHtml.Text(await RenderAsync(id, tokyo));

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

        var html = await RenderAsync(id, DeskSettings.Default);

        var request = Assert.Single((await Desk.GetAsync(id, Ct))!.Conversation.ActionRequests);
        Assert.Contains(DeskFormat.WhatApprovingDoes(request.Kind), ComponentHtml.Text(html), StringComparison.Ordinal);
        Assert.Equal(money, html.Contains("class=\"amount\"", StringComparison.Ordinal));
        Assert.Contains("paid", ComponentHtml.Text(html), StringComparison.Ordinal);
    }

    private static string Clock(DateTimeOffset at, TimeSpan offset) =>
        at.ToOffset(offset).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    private static string HandOffLabel(string html) =>
        ComponentHtml.Text(Regex.Match(html, @"<section class=""escalation""[^>]*>\s*<h3[^>]*>(?<label>[^<]*)<").Groups["label"].Value);

    private async Task<string> RenderAsync(Guid id, DeskSettings desk)
    {
        var view = (await Desk.GetAsync(id, Ct))!;
        return await ComponentHtml.RenderAsync<DeskConversationPanel>(
            new Dictionary<string, object?> { ["View"] = view, ["Agent"] = Asha },
            services => services.AddSingleton(Desk).AddSingleton(TimeProvider.System).AddSingleton(desk));
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
