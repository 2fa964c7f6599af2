using CareConsole.Core.Agent;
using CareConsole.Core.Conversations;

namespace CareConsole.Tests.Core.Agent;

public sealed class HandOffSubjectTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 6, 30, 0, TimeSpan.Zero);
    private static readonly DeskAgent Asha = new("agent-asha", "Asha Verma");

    [Fact]
    public void Of_RefundAwaitingApproval_NamesItsOrderAndRequest_AndModelsReadItBackFromTheState()
    {
        var conversation = Verified();
        conversation.ReceiveFromCustomer("the mixer from MM240115 is broken, refund please", Register.English, -0.3, Start.AddMinutes(2));
        conversation.RequestAction(ActionKind.Refund, "MM240115", 1259m, "broken", needsApproval: true, Start.AddMinutes(2));
        conversation.HandOffToHuman(EscalationReason.RiskyAction, "refund on MM240115 (₹1,259)", "", EscalationPriority.Normal, Start.AddMinutes(3));

        var subject = HandOffSubject.Of(conversation)!;
        var state = new ConversationState(ConversationPhase.Assistance, true, "Ishita", 3, Register.Hinglish, DateOnly.FromDateTime(Start.UtcDateTime),
            AgentAudience.DeskDraft, subject);
        var read = ConversationState.Read("brief…\n\n" + state.Write())!.HandOff!;

        Assert.Equal("needs approval", subject.Reason);
        Assert.Equal(["MM240115"], subject.Orders);
        Assert.Equal([new HandOffRequest(ActionKind.Refund, "MM240115", 1259m, ActionRequestStatus.AwaitingApproval)], subject.Requests);
        Assert.Contains("handoff_requests: refund MM240115 ₹1259 awaiting_approval", state.Write(), StringComparison.Ordinal);
        Assert.Equal(subject.Reason, read.Reason);
        Assert.Equal(subject.Orders, read.Orders);
        Assert.Equal(subject.Requests, read.Requests);
    }

    [Fact]
    public void Of_AfterAHandBack_LeavesWhatTheEarlierHandOffSettled()
    {
        var conversation = Verified();
        conversation.ReceiveFromCustomer("cancel MM240115 please, and I want a person", Register.English, 0, Start.AddMinutes(2));
        conversation.RequestAction(ActionKind.Cancellation, "MM240115", 1259m, "changed my mind", needsApproval: false, Start.AddMinutes(2));
        conversation.HandOffToHuman(EscalationReason.CustomerRequest, "asked for a person", "", EscalationPriority.Normal, Start.AddMinutes(3));
        conversation.TakeOver(Asha, "Asha joined", Start.AddMinutes(4));
        conversation.HandBack(Asha, "back to the assistant", Start.AddMinutes(6));
        conversation.ReceiveFromCustomer("and where is MM240116? I want a person", Register.English, -0.2, Start.AddMinutes(7));
        conversation.HandOffToHuman(EscalationReason.CustomerRequest, "asked for a person", "", EscalationPriority.Normal, Start.AddMinutes(8));

        var subject = HandOffSubject.Of(conversation)!;

        Assert.Equal("asked for a person", subject.Reason);
        Assert.Equal(["MM240116"], subject.Orders);
        Assert.Empty(subject.Requests);
    }

    [Fact]
    public void Of_NothingHandedOver_IsNothing()
    {
        var conversation = Verified();
        conversation.ReceiveFromCustomer("where is MM240115?", Register.English, 0, Start.AddMinutes(2));

        Assert.Null(HandOffSubject.Of(conversation));
        Assert.Null(ConversationState.Read(new ConversationState(ConversationPhase.Assistance, true, null, 3, Register.English, default).Write())!.HandOff);
    }

    private static Conversation Verified()
    {
        var conversation = Conversation.Start(Channel.Web, LanguagePreference.Auto, "hash", Start);
        conversation.ClaimPhone("9876543210", Start.AddMinutes(1));
        conversation.RecordVerificationAttempt(5, Start.AddMinutes(1));
        return conversation;
    }
}
