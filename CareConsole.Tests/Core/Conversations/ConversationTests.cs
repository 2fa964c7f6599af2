using CareConsole.Core.Conversations;

namespace CareConsole.Tests.Core.Conversations;

public sealed class ConversationTests
{
    private const int CustomerId = 42;
    private const string Phone = "9876543210";
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(5.5));

    [Fact]
    public void Start_NewConversation_IsOpenWithTheAiAndAwaitsVerification()
    {
        var conversation = New();

        Assert.Equal(ConversationStatus.Open, conversation.Status);
        Assert.Equal(ConversationOwner.Ai, conversation.Owner);
        Assert.Equal(ConversationPhase.Verification, conversation.Phase);
        Assert.False(conversation.IsVerified);
        Assert.Null(conversation.VerifiedCustomerId);
        Assert.Equal(Conversation.MaxVerificationAttempts, conversation.VerificationAttemptsLeft);
        Assert.Equal(Start, conversation.CreatedAt);
        Assert.Null(conversation.EndedAt);
        Assert.Equal([ReportingEventName.Started], conversation.Events.Select(e => e.Name));
    }

    [Theory]
    [InlineData(LanguagePreference.Auto, Register.English)]
    [InlineData(LanguagePreference.English, Register.English)]
    [InlineData(LanguagePreference.Hindi, Register.Hindi)]
    public void Start_WithLanguagePreference_RepliesInThatRegister(LanguagePreference preference, Register expected)
    {
        var conversation = New(preference);

        Assert.Equal(expected, conversation.Register);
    }

    [Fact]
    public void ReceiveFromCustomer_AfterEnd_IsRefused()
    {
        var conversation = New();
        conversation.End(resolved: true, Start.AddMinutes(1));

        Assert.Throws<ConversationEndedException>(() => conversation.ReceiveFromCustomer("one more thing", Register.English, 0, Start.AddMinutes(2)));
        Assert.Empty(conversation.Messages);
    }

    [Fact]
    public void ReceiveFromCustomer_LanguageAuto_RegisterFollowsTheWriting()
    {
        var conversation = New(LanguagePreference.Auto);

        conversation.ReceiveFromCustomer("मेरा ऑर्डर कहाँ है?", Register.Hindi, 0, Start.AddSeconds(5));
        var afterHindi = conversation.Register;
        conversation.ReceiveFromCustomer("mera order kahan hai", Register.Hinglish, 0, Start.AddSeconds(10));
        var afterHinglish = conversation.Register;
        conversation.ReceiveFromCustomer("where is my order", Register.English, 0, Start.AddSeconds(15));

        Assert.Equal(Register.Hindi, afterHindi);
        Assert.Equal(Register.Hinglish, afterHinglish);
        Assert.Equal(Register.English, conversation.Register);
    }

    [Fact]
    public void ReceiveFromCustomer_LanguageChosen_RegisterStaysOnTheChoice()
    {
        var conversation = New(LanguagePreference.Hindi);

        conversation.ReceiveFromCustomer("where is my order", Register.English, 0, Start.AddSeconds(5));
        conversation.ReceiveFromCustomer("mera order kahan hai", Register.Hinglish, 0, Start.AddSeconds(10));

        Assert.Equal(Register.Hindi, conversation.Register);
        // The message itself still records how it was written.
        Assert.Equal([Register.English, Register.Hinglish], conversation.Messages.Select(m => m.Register));
    }

    [Fact]
    public void ChooseLanguage_English_OverridesTheWritingUntilAutoAgain()
    {
        var conversation = New(LanguagePreference.Auto);
        conversation.ChooseLanguage(LanguagePreference.English, Start.AddSeconds(1));

        conversation.ReceiveFromCustomer("मेरा ऑर्डर कहाँ है?", Register.Hindi, 0, Start.AddSeconds(5));
        var whileChosen = conversation.Register;
        conversation.ChooseLanguage(LanguagePreference.Auto, Start.AddSeconds(6));
        conversation.ReceiveFromCustomer("मेरा ऑर्डर कहाँ है?", Register.Hindi, 0, Start.AddSeconds(10));

        Assert.Equal(Register.English, whileChosen);
        Assert.Equal(Register.Hindi, conversation.Register);
    }

    [Fact]
    public void RecordVerificationAttempt_Match_VerifiesTheMatchedAccountAndOpensAssistance()
    {
        var conversation = New();
        conversation.ClaimPhone(Phone, Start.AddSeconds(10));

        var outcome = conversation.RecordVerificationAttempt(CustomerId, Start.AddSeconds(30));

        Assert.True(outcome.Verified);
        Assert.False(outcome.Ended);
        Assert.Equal(ConversationPhase.Assistance, conversation.Phase);
        Assert.Equal(CustomerId, conversation.VerifiedCustomerId);
        Assert.True(conversation.IsVerified);
        var verified = Assert.Single(conversation.Events, e => e.Name == ReportingEventName.Verified);
        Assert.Equal(30, verified.Value);
    }

    [Fact]
    public void RecordVerificationAttempt_Misses_CountDownAttemptsLeft()
    {
        var conversation = New();
        conversation.ClaimPhone(Phone, Start);

        var first = conversation.RecordVerificationAttempt(null, Start.AddSeconds(10));
        var second = conversation.RecordVerificationAttempt(null, Start.AddSeconds(20));

        Assert.Equal((false, 2, false), (first.Verified, first.AttemptsLeft, first.Ended));
        Assert.Equal((false, 1, false), (second.Verified, second.AttemptsLeft, second.Ended));
        Assert.Equal(1, conversation.VerificationAttemptsLeft);
        Assert.Equal(2, conversation.FailedVerifications);
        Assert.Equal(ConversationPhase.Verification, conversation.Phase);
        Assert.Null(conversation.VerifiedCustomerId);
    }

    [Fact]
    public void RecordVerificationAttempt_ThirdMiss_EndsTheConversationUnverified()
    {
        var conversation = New();
        conversation.ClaimPhone(Phone, Start);
        conversation.RecordVerificationAttempt(null, Start.AddSeconds(10));
        conversation.RecordVerificationAttempt(null, Start.AddSeconds(20));

        var third = conversation.RecordVerificationAttempt(null, Start.AddSeconds(30));

        Assert.Equal((false, 0, true), (third.Verified, third.AttemptsLeft, third.Ended));
        Assert.Equal(ConversationPhase.Ended, conversation.Phase);
        Assert.Equal(ConversationStatus.Resolved, conversation.Status);
        Assert.Equal(Start.AddSeconds(30), conversation.EndedAt);
        Assert.Null(conversation.VerifiedCustomerId);
        Assert.Contains(conversation.Events, e => e.Name == ReportingEventName.Closed);
        Assert.DoesNotContain(conversation.Events, e => e.Name == ReportingEventName.Resolved);
        Assert.Throws<ConversationEndedException>(() => conversation.RecordVerificationAttempt(CustomerId, Start.AddSeconds(40)));
        Assert.Throws<ConversationEndedException>(() => conversation.ReceiveFromCustomer("400001", Register.English, 0, Start.AddSeconds(40)));
    }

    [Fact]
    public void RecordVerificationAttempt_WithoutAPhoneNumber_Throws()
    {
        var conversation = New();

        Assert.Throws<InvalidOperationException>(() => conversation.RecordVerificationAttempt(CustomerId, Start.AddSeconds(10)));
        Assert.False(conversation.IsVerified);
        Assert.Equal(Conversation.MaxVerificationAttempts, conversation.VerificationAttemptsLeft);
    }

    [Fact]
    public void HandOffToHuman_First_GivesThePersonTheConversationAndWaitsInTheQueue()
    {
        var conversation = New();

        var escalation = conversation.HandOffToHuman(EscalationReason.CustomerRequest, "asked for a person", "Asked for a person.", EscalationPriority.Normal, Start.AddSeconds(90));

        Assert.Equal(ConversationOwner.Human, conversation.Owner);
        Assert.Equal(ConversationStatus.Pending, conversation.Status);
        Assert.Equal(EscalationReason.CustomerRequest, escalation.Reason);
        Assert.Equal("Asked for a person.", escalation.Summary);
        var escalated = Assert.Single(conversation.Events, e => e.Name == ReportingEventName.Escalated);
        Assert.Equal(90, escalated.Value);
    }

    [Fact]
    public void HandOffToHuman_Twice_RecordsBothReasonsButOneHandOff()
    {
        var conversation = New();
        conversation.HandOffToHuman(EscalationReason.CustomerRequest, "asked for a person", "Asked for a person.", EscalationPriority.Normal, Start.AddSeconds(30));

        conversation.HandOffToHuman(EscalationReason.NegativeSentiment, "message scored -0.8", "Very upset.", EscalationPriority.High, Start.AddSeconds(60));

        Assert.Equal([EscalationReason.CustomerRequest, EscalationReason.NegativeSentiment], conversation.Escalations.Select(e => e.Reason));
        var escalated = Assert.Single(conversation.Events, e => e.Name == ReportingEventName.Escalated);
        Assert.Equal(30, escalated.Value);
        Assert.Equal(ConversationOwner.Human, conversation.Owner);
        Assert.Equal(ConversationStatus.Pending, conversation.Status);
    }

    [Fact]
    public void HandOffToHuman_AfterEnd_IsRefused()
    {
        var conversation = New();
        conversation.End(resolved: true, Start.AddMinutes(1));

        Assert.Throws<ConversationEndedException>(() =>
            conversation.HandOffToHuman(EscalationReason.CustomerRequest, "asked for a person", "", EscalationPriority.Normal, Start.AddMinutes(2)));
        Assert.Empty(conversation.Escalations);
    }

    [Fact]
    public void RequestAction_Verified_RecordsItForTheVerifiedCustomer()
    {
        var conversation = Verified();

        var request = conversation.RequestAction(ActionKind.Refund, "MM240115", 2499m, "Arrived broken", needsApproval: true, Start.AddMinutes(2));

        Assert.Same(request, Assert.Single(conversation.ActionRequests));
        Assert.Equal((ActionKind.Refund, CustomerId, "MM240115", "Arrived broken", ActionRequestStatus.AwaitingApproval),
            (request.Kind, request.CustomerId, request.OrderId, request.Reason, request.Status));
        Assert.Contains(conversation.Events, e => e.Name == ReportingEventName.ActionRequested);
    }

    [Fact]
    public void RequestAction_AllowedByPolicy_IsDoneAtOnce()
    {
        var conversation = Verified();

        var request = conversation.RequestAction(ActionKind.Cancellation, "MM240115", 2499m, "Ordered twice", needsApproval: false, Start.AddMinutes(2));

        Assert.Equal(ActionRequestStatus.Done, request.Status);
    }

    [Fact]
    public void RequestAction_BeforeVerification_IsRefused()
    {
        var conversation = New();
        conversation.ClaimPhone(Phone, Start);

        Assert.Throws<InvalidOperationException>(() =>
            conversation.RequestAction(ActionKind.Refund, "MM240115", 2499m, "Arrived broken", needsApproval: true, Start.AddMinutes(1)));
        Assert.Empty(conversation.ActionRequests);
    }

    [Fact]
    public void RequestAction_AfterEnd_IsRefused()
    {
        var conversation = Verified();
        conversation.End(resolved: true, Start.AddMinutes(3));

        Assert.Throws<ConversationEndedException>(() =>
            conversation.RequestAction(ActionKind.Refund, "MM240115", 2499m, "Arrived broken", needsApproval: true, Start.AddMinutes(4)));
        Assert.Empty(conversation.ActionRequests);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void Rate_OutsideOneToFive_Throws(int rating)
    {
        var conversation = New();

        Assert.Throws<ArgumentOutOfRangeException>(() => conversation.Rate(rating, null, Start.AddMinutes(5)));
        Assert.Null(conversation.Feedback);
    }

    [Fact]
    public void Rate_Again_ReplacesTheEarlierRating()
    {
        var conversation = New();
        conversation.Rate(1, "slow", Start.AddMinutes(5));

        conversation.Rate(5, "  sorted in the end  ", Start.AddMinutes(6));

        Assert.Equal(new Feedback(5, "sorted in the end", Start.AddMinutes(6)), conversation.Feedback);
    }

    [Fact]
    public void Rate_BlankComment_StoresNoComment()
    {
        var conversation = New();

        conversation.Rate(4, "   ", Start.AddMinutes(5));

        Assert.Equal(4, conversation.Feedback?.Rating);
        Assert.Null(conversation.Feedback?.Comment);
    }

    [Fact]
    public void ReplyAsAssistant_FirstAnswerToTheCustomer_RecordsFirstResponseOnceWithItsDelay()
    {
        var conversation = New();
        // The greeting comes before the customer says anything: it is not a response.
        conversation.ReplyAsAssistant("Hello!", [], Start);
        conversation.ReceiveFromCustomer("where is my order", Register.English, 0, Start.AddSeconds(20));

        conversation.ReplyAsAssistant("Please share your mobile number.", [], Start.AddSeconds(27.5));
        conversation.ReceiveFromCustomer("9876543210", Register.English, 0, Start.AddSeconds(40));
        conversation.ReplyAsAssistant("Thanks. Your pincode?", [], Start.AddSeconds(44));

        var firstResponse = Assert.Single(conversation.Events, e => e.Name == ReportingEventName.FirstResponse);
        Assert.Equal(7.5, firstResponse.Value);
        Assert.Equal(Start.AddSeconds(27.5), firstResponse.At);
    }

    [Fact]
    public void ReplyAsAssistant_OnlyTheGreeting_RecordsNoFirstResponse()
    {
        var conversation = New();

        conversation.ReplyAsAssistant("Hello!", [], Start);

        Assert.DoesNotContain(conversation.Events, e => e.Name == ReportingEventName.FirstResponse);
    }

    [Fact]
    public void ReplyAsAssistant_WithCitations_KeepsThemOnTheMessage()
    {
        var conversation = New();
        var citation = new Citation("refund-timelines", "Refund timelines", "/help/refund-timelines");

        var message = conversation.ReplyAsAssistant("UPI refunds take 1 to 3 days.", [citation], Start.AddSeconds(5));

        Assert.Equal(Author.Assistant, message.Author);
        Assert.Equal([citation], message.Citations);
    }

    private static Conversation New(LanguagePreference preference = LanguagePreference.Auto) =>
        Conversation.Start(Channel.Web, preference, "hash", Start);

    private static Conversation Verified()
    {
        var conversation = New();
        conversation.ClaimPhone(Phone, Start.AddSeconds(10));
        conversation.RecordVerificationAttempt(CustomerId, Start.AddSeconds(20));
        return conversation;
    }
}
