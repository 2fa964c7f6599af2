using CareConsole.Core.Agent.Replies;
using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Api;

/// <summary>Sentiment, trackers and the escalation rules as a customer of the API meets them, and what is stored.</summary>
public sealed class EscalationApiTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>, IDisposable
{
    private readonly HttpClient _client = app.Factory.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _client.Dispose();

    private Task<CustomerChat> StartAsync() => new CustomerApi(_client).StartAsync();

    [Fact]
    public async Task Turn_ReportsTheMessagesSentiment_AndNoRuleWhileTheAssistantAnswers()
    {
        var chat = await StartAsync();

        var calm = await chat.SayAsync("how long does a UPI refund take?");
        var upset = await chat.SayAsync("my refund is late, not happy");

        Assert.Equal(0, calm.Sentiment);
        Assert.True(upset.Sentiment < -0.2, $"sentiment {upset.Sentiment}");
        Assert.Null(upset.EscalationRule);
        Assert.False(upset.Escalated);
    }

    [Fact]
    public async Task VeryNegativeMessage_HandsOverAsNegativeSentimentWithASummary()
    {
        var chat = await StartAsync();
        await chat.SayAsync("where is my order MM240115?");

        var turn = await chat.SayAsync("This is RIDICULOUS. Worst service ever, I'm going to consumer court!!!");

        Assert.True(turn.Escalated);
        Assert.Equal("negative_sentiment", turn.EscalationRule);
        Assert.Contains("person from our support team", turn.Reply, StringComparison.Ordinal);
        var stored = await DemoDatabase.ConversationAsync(app.Factory, chat.Id, Ct);
        var escalation = Assert.Single(stored.Escalations);
        Assert.Equal((EscalationReason.NegativeSentiment, EscalationPriority.High), (escalation.Reason, escalation.Priority));
        Assert.StartsWith("message scored -0.", escalation.Why, StringComparison.Ordinal);
        Assert.Contains("orders named: MM240115", escalation.Summary, StringComparison.Ordinal);
        Assert.Contains("Feeling: negative", escalation.Summary, StringComparison.Ordinal);
        Assert.True(stored.SentimentAlarmRaised);
    }

    [Theory]
    [InlineData("Can I get an agent please")]
    [InlineData("koi banda hai kya jisse baat ho sake?")]
    [InlineData("मुझे किसी व्यक्ति से बात करनी है")]
    public async Task RequestForAPerson_HandsOverAsCustomerRequest_BeforeVerification(string text)
    {
        var chat = await StartAsync();

        var turn = await chat.SayAsync(text);

        Assert.Equal(("customer_request", "verification"), (turn.EscalationRule, turn.Phase));
        var stored = await DemoDatabase.ConversationAsync(app.Factory, chat.Id, Ct);
        Assert.Equal(EscalationReason.CustomerRequest, Assert.Single(stored.Escalations).Reason);
    }

    [Fact]
    public async Task TwoQuestionsTheHelpCentreCannotAnswer_HandOverAsRepeatedFailure()
    {
        var chat = await StartAsync();

        var first = await chat.SayAsync("What is the capital of France?");
        var second = await chat.SayAsync("Who won the cricket match yesterday?");

        Assert.False(first.Escalated);
        Assert.Equal("repeated_failure", second.EscalationRule);
        var stored = await DemoDatabase.ConversationAsync(app.Factory, chat.Id, Ct);
        Assert.Equal(2, stored.Messages.Count(m => m.Unanswered));
        Assert.Contains("could not help 2 times in a row", Assert.Single(stored.Escalations).Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnsweredQuestion_IsNotMarkedUnanswered()
    {
        var chat = await StartAsync();

        await chat.SayAsync("how long does a UPI refund take?");

        var stored = await DemoDatabase.ConversationAsync(app.Factory, chat.Id, Ct);
        Assert.DoesNotContain(stored.Messages, m => m.Unanswered);
        Assert.Equal(0, stored.UnhelpedTurnsInARow);
    }

    [Fact]
    public async Task WhileAPersonHasIt_TheRuleStaysReportedAndSentimentIsStillStored()
    {
        var chat = await StartAsync();
        await chat.SayAsync("I want to talk to a human");

        var later = await chat.SayAsync("hello?? still waiting, this is frustrating");

        // Nobody has taken it yet: the customer hears a person will answer, and the rule stays the one that handed over.
        Assert.Equal((ReplyBook.Default.Say("waiting.ack", Register.English), "customer_request"), (later.Reply, later.EscalationRule));
        Assert.True(later.Sentiment < 0);
        var stored = await DemoDatabase.ConversationAsync(app.Factory, chat.Id, Ct);
        Assert.Single(stored.Escalations);
    }

    [Fact]
    public async Task EachCustomerMessage_StoresItsScore_AndTheConversationARollingScoreWithTrend()
    {
        var chat = await StartAsync();

        await chat.SayAsync("thank you, that was really helpful!");
        await chat.SayAsync("but the parcel is still not here, disappointed");

        var stored = await DemoDatabase.ConversationAsync(app.Factory, chat.Id, Ct);
        var scores = stored.Messages.Where(m => m.Author == Author.Customer).OrderBy(m => m.Id).Select(m => m.Sentiment!.Value).ToList();
        Assert.True(scores[0] > 0 && scores[1] < 0, string.Join(", ", scores));
        Assert.Equal(scores[0] + (scores[1] - scores[0]) * Conversation.SentimentRecentWeight, stored.Sentiment!.Value, 6);
        Assert.True(stored.SentimentTrend < 0, "the conversation is getting worse");
        Assert.All(stored.Messages.Where(m => m.Author != Author.Customer), m => Assert.Null(m.Sentiment));
    }

    [Fact]
    public async Task TrackerHits_AreStoredPerMessage()
    {
        var chat = await StartAsync();

        await chat.SayAsync("is the great indian sale on? Amazon already has a deal on phones");

        var hits = await DemoDatabase.TrackerHitsAsync(app.Factory, chat.Id, Ct);
        Assert.Equal([("Competitors", "amazon"), ("Great Indian Sale", "great indian sale")], hits.OrderBy(h => h.Tracker));
    }

    [Fact]
    public async Task Database_StartsWithTheThreeSeededTrackers()
    {
        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<CareDbContext>>().CreateDbContextAsync(Ct);

        var names = await db.Trackers.OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(Ct);

        Assert.Equal(["Competitors", "Great Indian Sale", "Late delivery"], names);
    }
}
