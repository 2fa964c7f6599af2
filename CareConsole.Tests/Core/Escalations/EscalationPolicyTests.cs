using CareConsole.Core.Conversations;
using CareConsole.Core.Escalations;
using CareConsole.Core.Sentiment;

namespace CareConsole.Tests.Core.Escalations;

/// <summary>The rules on an in-memory conversation, turn by turn, as the conversation service runs them.</summary>
public sealed class EscalationPolicyTests
{
    private static readonly TurnOutcome NothingFound = new(false, "nothing in the help centre", false, []);

    private readonly EscalationPolicy _policy = new(new EscalationSettings());
    private readonly Conversation _conversation = Conversation.Start(Channel.Web, LanguagePreference.Auto, "hash", DateTimeOffset.UnixEpoch);
    private DateTimeOffset _now = DateTimeOffset.UnixEpoch;

    /// <summary>The customer writes; the rules look before the AI answers, then after its turn went as given.</summary>
    private EscalationDecision? Say(string text, TurnOutcome? turn = null)
    {
        _now = _now.AddMinutes(1);
        var previous = _conversation.Messages.LastOrDefault(m => m.Author == Author.Customer)?.Sentiment;
        var message = _conversation.ReceiveFromCustomer(text, Register.English, LexiconSentimentModel.Default.Score(text, previous).Score, _now);
        if (_policy.OnCustomerMessage(_conversation, message) is { } before)
        {
            return before;
        }
        _conversation.ReplyAsAssistant("(answer)", [], _now.AddSeconds(5));
        return _policy.AfterTurn(_conversation, message, turn ?? TurnOutcome.Fine);
    }

    [Theory]
    [InlineData("Can I talk to a human please?")]
    [InlineData("kisi insaan se baat karwa do")]
    [InlineData("मुझे किसी व्यक्ति से बात करनी है")]
    public void CustomerRequest_BeforeVerification_HandsOver(string text)
    {
        var decision = Say(text);

        Assert.Equal(EscalationReason.CustomerRequest, decision?.Rule);
        Assert.Equal(ConversationPhase.Verification, _conversation.Phase);
        Assert.Contains(text, decision!.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeSentiment_OneVeryNegativeMessage_HandsOverWithHighPriority()
    {
        Assert.Null(Say("where is my order MM240115?"));

        var decision = Say("This is RIDICULOUS, worst service ever, I'm going to consumer court!!!");

        Assert.Equal(EscalationReason.NegativeSentiment, decision?.Rule);
        Assert.Equal(EscalationPriority.High, decision!.Priority);
        Assert.Contains("very negative", decision.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeSentiment_TwoNegativesInARow_HandsOverAtTheSecond()
    {
        Assert.Null(Say("still no update on my parcel"));
        var decision = Say("no reply from anyone either, not happy");

        Assert.Equal(EscalationReason.NegativeSentiment, decision?.Rule);
        Assert.Contains("2 negative messages in a row", decision!.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeSentiment_OneGrumbleThenCalm_StaysWithTheAssistant()
    {
        Assert.Null(Say("the delivery was a bit late, disappointed"));
        Assert.Null(Say("ok, when will the refund come?"));
        Assert.Null(Say("thanks, that helps"));
    }

    [Fact]
    public void NegativeSentiment_FiresOnceUntilTheCustomerCalmsDown()
    {
        var first = Say("WORST service, you are frauds!!!");
        Assert.Equal(EscalationReason.NegativeSentiment, first?.Rule);
        EscalationPolicy.Escalate(_conversation, first!, _now);

        // Still cross: the rule stays quiet (a person handing back would otherwise get it straight back).
        Assert.Null(Say("useless, pathetic people!!"));
        // Calmer now: the rolling score recovers and the rule is armed again.
        Say("ok thank you, that fixed it, great");
        Say("thanks a lot, very helpful");
        Assert.False(_conversation.SentimentAlarmRaised);
        Assert.Equal(EscalationReason.NegativeSentiment, Say("WORST service again, FRAUDS!!!")?.Rule);
    }

    [Fact]
    public void RepeatedFailure_TwoUnhelpedTurnsInARow_HandsOver()
    {
        Assert.Null(Say("do you ship to Antarctica?", NothingFound));
        var decision = Say("what about gift wrapping for corporate hampers?", NothingFound);

        Assert.Equal(EscalationReason.RepeatedFailure, decision?.Rule);
        Assert.Contains("2 times in a row", decision!.Why, StringComparison.Ordinal);
        Assert.Equal(2, _conversation.Messages.Count(m => m.Unanswered));
    }

    [Fact]
    public void RepeatedFailure_AHelpfulTurnInBetween_StartsTheCountAgain()
    {
        Assert.Null(Say("do you ship to Antarctica?", NothingFound));
        Assert.Null(Say("how long does a UPI refund take?"));
        Assert.Null(Say("what about gift wrapping for corporate hampers?", NothingFound));
    }

    [Fact]
    public void RepeatedFailure_AskingAgainWhatWentUnanswered_HandsOverAtTheRepeat()
    {
        Assert.Null(Say("how do I use my gift card balance for a Plus membership?", NothingFound));
        Assert.Null(Say("ok, and where is my order MM240115?"));

        var decision = Say("back to my question: can gift card balance pay for the Plus membership?");

        Assert.Equal(EscalationReason.RepeatedFailure, decision?.Rule);
        Assert.Contains("asked again", decision!.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void RiskyAction_ApprovalNeeded_HandsOverAndBigOrdersGoFirst()
    {
        var small = Say("refund MM240115 please", TurnOutcome.Fine with { Approvals = [new PendingApproval(ActionKind.Refund, "MM240115", 2499m)] });
        var policy = new EscalationPolicy(new EscalationSettings());
        var conversation = Conversation.Start(Channel.Web, LanguagePreference.Auto, "hash", _now);
        var message = conversation.ReceiveFromCustomer("refund MM240116", Register.English, 0, _now);
        var big = policy.AfterTurn(conversation, message, TurnOutcome.Fine with { Approvals = [new PendingApproval(ActionKind.Refund, "MM240116", 54_999m)] });

        Assert.Equal(EscalationReason.RiskyAction, small?.Rule);
        Assert.Equal(EscalationPriority.Normal, small!.Priority);
        Assert.Contains("refund on MM240115", small.Why, StringComparison.Ordinal);
        Assert.Equal(EscalationPriority.High, big?.Priority);
    }

    [Fact]
    public void ProviderFailure_NoModelAnswered_HandsOver() =>
        Assert.Equal(EscalationReason.ProviderFailure, Say("where is my order?", TurnOutcome.ProviderDown("timed out"))?.Rule);

    [Fact]
    public void DisabledRules_DoNotFire()
    {
        var policy = new EscalationPolicy(new EscalationSettings
        {
            CustomerRequest = new RuleSettings { Enabled = false },
            NegativeSentiment = new NegativeSentimentSettings { Enabled = false },
        });
        var conversation = Conversation.Start(Channel.Web, LanguagePreference.Auto, "hash", _now);
        var message = conversation.ReceiveFromCustomer("WORST service, let me talk to a human!!!", Register.English, -0.95, _now);

        Assert.Null(policy.OnCustomerMessage(conversation, message));
    }

    [Fact]
    public void Escalate_RecordsRuleWhyAndASummaryForThePerson()
    {
        Say("my refund for MM240115 has still not come, so disappointing");
        var decision = Say("I want to talk to a person");

        var escalation = EscalationPolicy.Escalate(_conversation, decision!, _now);

        Assert.Equal(EscalationReason.CustomerRequest, escalation.Reason);
        Assert.Equal(decision!.Why, escalation.Why);
        Assert.Contains("orders named: MM240115", escalation.Summary, StringComparison.Ordinal);
        Assert.Contains("identity not verified", escalation.Summary, StringComparison.Ordinal);
        Assert.Matches(@"Feeling: negative \(-0\.\d\d", escalation.Summary);
        Assert.Equal(ConversationOwner.Human, _conversation.Owner);
    }

    [Theory]
    [InlineData(-0.5, -0.6, 0, 2, 2, 4, 0.5, "VeryNegativeAtOrBelow must not be above")]
    [InlineData(-0.8, -0.3, -0.4, 2, 2, 4, 0.5, "RearmAtOrAbove must be above")]
    [InlineData(-0.8, -0.3, 0, 0, 2, 4, 0.5, "NegativeInARow must be 1 to 10")]
    [InlineData(-0.8, -0.3, 0, 2, 0, 4, 0.5, "FailuresInARow must be 1 to 10")]
    [InlineData(-0.8, -0.3, 0, 2, 2, 4, 1.5, "RepeatSimilarity must be above 0")]
    [InlineData(-1.8, -0.3, 0, 2, 2, 4, 0.5, "between -1 and 1")]
    public void Settings_Nonsense_IsNamed(double very, double negative, double rearm, int inARow, int failures, int lookback, double similarity, string expected)
    {
        var settings = new EscalationSettings
        {
            NegativeSentiment = new NegativeSentimentSettings { VeryNegativeAtOrBelow = very, NegativeAtOrBelow = negative, RearmAtOrAbove = rearm, NegativeInARow = inARow },
            RepeatedFailure = new RepeatedFailureSettings { FailuresInARow = failures, RepeatLookback = lookback, RepeatSimilarity = similarity },
        };

        Assert.Contains(expected, settings.Problem(), StringComparison.Ordinal);
        Assert.Null(new EscalationSettings().Problem());
    }
}
