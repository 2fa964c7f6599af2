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
        EscalationPolicy.Escalate(_conversation, first!, null, _now);

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

        var escalation = EscalationPolicy.Escalate(_conversation, decision!, null, _now);

        Assert.Equal(EscalationReason.CustomerRequest, escalation.Reason);
        Assert.Equal(decision!.Why, escalation.Why);
        Assert.Contains("orders named: MM240115", escalation.Summary, StringComparison.Ordinal);
        Assert.Contains("identity not verified", escalation.Summary, StringComparison.Ordinal);
        Assert.Matches(@"Feeling: negative \(-0\.\d\d", escalation.Summary);
        // The rule is said once, in words, then what the customer said.
        Assert.EndsWith("Handed over: asked for a person — \"I want to talk to a person\"", escalation.Summary, StringComparison.Ordinal);
        Assert.Equal(ConversationOwner.Human, _conversation.Owner);
    }

    [Fact]
    public void Escalate_VerifiedCustomerWithLookupsAndARefund_ReadsLikeAColleaguesNote()
    {
        var conversation = Conversation.Start(Channel.Web, LanguagePreference.Auto, "hash", _now);
        conversation.ClaimPhone("9876543210", _now);
        conversation.RecordVerificationAttempt(5, _now);
        var message = conversation.ReceiveFromCustomer("the mixer in MM240115 arrived broken, refund it please", Register.English, -0.4, _now);
        Called(conversation, "list_orders", """{"limit":5}""", """{"totalOrders":3,"orders":[]}""");
        Called(conversation, "get_order", """{"orderId":"MM240115"}""", """{"orderId":"MM240115","status":"delivered"}""");
        Called(conversation, "get_order", """{"orderId":"mm-240116"}""", """{"orderId":"MM240116","status":"shipped"}""");
        Called(conversation, "get_order", """{"orderId":"MM240999"}""", """{"error":"No order MM240999 on this customer's account."}""");
        Called(conversation, "get_profile", "{}", """{"name":"Asha Verma"}""");
        Called(conversation, "request_refund", """{"orderId":"MM240115","reason":"broken"}""",
            """{"kind":"refund","orderId":"MM240115","recorded":true,"awaitingApproval":true}""");
        conversation.RequestAction(ActionKind.Refund, "MM240115", 591m, "broken", needsApproval: true, _now);
        var decision = _policy.AfterTurn(conversation, message, TurnOutcome.Fine with { Approvals = [new PendingApproval(ActionKind.Refund, "MM240115", 591m)] });

        var summary = EscalationPolicy.Escalate(conversation, decision!, "Asha Verma", _now).Summary;

        Assert.Contains("Wants: a refund on MM240115 (₹591), awaiting approval", summary, StringComparison.Ordinal);
        Assert.Contains("Tried: identity verified: Asha Verma; looked up orders MM240115, MM240116; listed recent orders; could not look up order MM240999; read the profile; recorded a refund request on MM240115", summary, StringComparison.Ordinal);
        Assert.EndsWith("Handed over: needs approval — refund on MM240115 (₹591)", summary, StringComparison.Ordinal);
        NamesNothingInternal(summary);
    }

    [Theory]
    [InlineData(EscalationReason.CustomerRequest, "asked for a person")]
    [InlineData(EscalationReason.RiskyAction, "needs approval")]
    [InlineData(EscalationReason.NegativeSentiment, "customer upset")]
    [InlineData(EscalationReason.RepeatedFailure, "the assistant could not help")]
    [InlineData(EscalationReason.ProviderFailure, "the assistant was unavailable")]
    [InlineData(EscalationReason.AgentDecision, "the assistant handed over")]
    public void Escalate_EveryRule_IsSaidInWords(EscalationReason rule, string words)
    {
        Say("where is my order?");

        var summary = EscalationPolicy.Escalate(_conversation, new EscalationDecision(rule, "what made it fire", EscalationPriority.Normal), null, _now).Summary;

        Assert.EndsWith($"Handed over: {words} — what made it fire", summary, StringComparison.Ordinal);
        NamesNothingInternal(summary);
    }

    [Fact]
    public void Escalate_VerifiedButNameUnknown_SaysVerifiedWithoutAnAccountNumber()
    {
        var conversation = Conversation.Start(Channel.Web, LanguagePreference.Auto, "hash", _now);
        conversation.ClaimPhone("9876543210", _now);
        conversation.RecordVerificationAttempt(5, _now);
        conversation.ReceiveFromCustomer("talk to a human", Register.English, 0, _now);

        var summary = EscalationPolicy.Escalate(conversation, new EscalationDecision(EscalationReason.CustomerRequest, "asked", EscalationPriority.Normal), null, _now).Summary;

        Assert.Contains("Tried: identity verified\n", summary.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        NamesNothingInternal(summary);
    }

    private void Called(Conversation conversation, string tool, string arguments, string result) =>
        conversation.RecordToolCall(ToolCall.Create(tool, arguments, result, null, TimeSpan.FromMilliseconds(3), "Offline", _now));

    /// <summary>No rule, status or tool name, and no account number: words a support agent would use.</summary>
    private static void NamesNothingInternal(string summary)
    {
        Assert.DoesNotMatch(@"\w_\w", summary);
        Assert.DoesNotMatch(@"#\d", summary);
        foreach (var name in Enum.GetNames<EscalationReason>().Concat(Enum.GetNames<ActionRequestStatus>()).Concat(Enum.GetNames<ActionKind>()))
        {
            Assert.DoesNotContain(name, summary, StringComparison.Ordinal);
        }
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
