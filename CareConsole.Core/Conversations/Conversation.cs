using CareConsole.Core.Text;

namespace CareConsole.Core.Conversations;

/// <summary>
/// One customer's conversation with support. Its state moves only through the intent methods below, which keep
/// the rules the agent's guardrails rely on: account data needs a verified customer, three failed identity
/// checks end the conversation, a person who owns it silences the AI, and an ended conversation takes no more
/// messages.
/// </summary>
public sealed class Conversation
{
    /// <summary>Identity checks a customer may fail before the conversation closes.</summary>
    public const int MaxVerificationAttempts = 3;

    /// <summary>
    /// How much the newest message moves the rolling sentiment: half, so the last message counts as much as all
    /// before it together, the one before half that, and so on.
    /// </summary>
    public const double SentimentRecentWeight = 0.5;

    private Conversation()
    {
    }

    public Guid Id { get; private set; }
    public Channel Channel { get; private set; }
    public LanguagePreference LanguagePreference { get; private set; }

    /// <summary>How replies are written now: follows the customer's writing unless they picked a language.</summary>
    public Register Register { get; private set; }

    public ConversationStatus Status { get; private set; }
    public ConversationOwner Owner { get; private set; }
    public ConversationPhase Phase { get; private set; }

    /// <summary>
    /// The mobile number the customer says is theirs, not yet proven; whether any account has it is not known here
    /// and never told to anyone before the pincode check.
    /// </summary>
    public string? ClaimedPhone { get; private set; }

    /// <summary>Identity checks for the claimed number (or from the customer's address) are paused until then.</summary>
    public DateTimeOffset? VerificationLockedUntil { get; private set; }

    /// <summary>The customer proven to be talking; every account tool reads it from here.</summary>
    public int? VerifiedCustomerId { get; private set; }

    public int FailedVerifications { get; private set; }

    /// <summary>The customer's rolling sentiment, -1 to 1, recent messages weighing more; null before they write.</summary>
    public double? Sentiment { get; private set; }

    /// <summary>How the latest message moved <see cref="Sentiment"/>: below zero worsening, above zero improving.</summary>
    public double SentimentTrend { get; private set; }

    /// <summary>
    /// The negative-sentiment rule has handed this conversation over, and may not again until the customer's
    /// rolling sentiment recovers: a person handing back to the AI must not bounce straight back.
    /// </summary>
    public bool SentimentAlarmRaised { get; private set; }

    /// <summary>Turns in a row the AI could not help with (nothing found, tools failing, the customer asking again).</summary>
    public int UnhelpedTurnsInARow { get; private set; }

    /// <summary>The member of staff handling it (their account id); null while it waits in the queue or the AI has it.</summary>
    public string? AssigneeId { get; private set; }

    /// <summary>The handling agent's display name, shown on the desk to colleagues.</summary>
    public string? AssigneeName { get; private set; }

    public DateTimeOffset? ClaimedAt { get; private set; }

    /// <summary>What the person who resolved it wrote about the outcome, for colleagues and reports.</summary>
    public string? ResolutionNote { get; private set; }

    /// <summary>SHA-256 of the customer's bearer token; the token itself is never stored.</summary>
    public string TokenHash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>PostgreSQL's row version (xmin): two writers cannot both win.</summary>
    public uint Version { get; private set; }

    public List<Message> Messages { get; } = [];
    public List<ToolCall> ToolCalls { get; } = [];
    public List<Escalation> Escalations { get; } = [];
    public List<ActionRequest> ActionRequests { get; } = [];
    public List<ReportingEvent> Events { get; } = [];
    public Feedback? Feedback { get; private set; }

    /// <summary>
    /// A change to an order the assistant described and asked the customer to confirm. Only the customer's very
    /// next message can confirm it; any other message, a hand-off or the end of the chat drops it.
    /// </summary>
    public PendingChange? PendingChange { get; private set; }

    public bool IsVerified => VerifiedCustomerId is not null;

    public int VerificationAttemptsLeft => Math.Max(0, MaxVerificationAttempts - FailedVerifications);

    public static Conversation Start(Channel channel, LanguagePreference preference, string tokenHash, DateTimeOffset now)
    {
        var conversation = new Conversation
        {
            Id = Guid.CreateVersion7(now),
            Channel = channel,
            LanguagePreference = preference,
            Register = preference == LanguagePreference.Hindi ? Register.Hindi : Register.English,
            Status = ConversationStatus.Open,
            Owner = ConversationOwner.Ai,
            Phase = ConversationPhase.Verification,
            TokenHash = tokenHash,
            CreatedAt = now,
            UpdatedAt = now,
        };
        conversation.Record(ReportingEventName.Started, 0, now);
        return conversation;
    }

    /// <summary>Stores what the customer wrote, with its sentiment. Refused once the conversation has ended.</summary>
    /// <param name="text">The message as the customer wrote it.</param>
    /// <param name="written">The register the message is written in; replies follow it unless a language was picked.</param>
    /// <param name="sentiment">The message's sentiment score, -1 to 1.</param>
    /// <param name="now">The time of receipt.</param>
    public Message ReceiveFromCustomer(string text, Register written, double sentiment, DateTimeOffset now)
    {
        if (Phase == ConversationPhase.Ended)
        {
            throw new ConversationEndedException(Id);
        }
        if (LanguagePreference == LanguagePreference.Auto)
        {
            Register = written;
        }
        sentiment = Math.Clamp(sentiment, -1, 1);
        var before = Sentiment;
        Sentiment = before is { } rolling ? rolling + SentimentRecentWeight * (sentiment - rolling) : sentiment;
        SentimentTrend = before is null ? 0 : Sentiment.Value - before.Value;
        var message = Message.Create(Author.Customer, text, written, now);
        message.Score(sentiment);
        return Add(message, now);
    }

    /// <summary>
    /// How the AI's answer to <paramref name="customerMessage"/> went: a turn it could not help with counts
    /// towards the repeated-failure rule and marks the message unanswered; a helpful one starts the count again.
    /// </summary>
    public void RecordTurnOutcome(Message customerMessage, bool helped)
    {
        if (helped)
        {
            UnhelpedTurnsInARow = 0;
            return;
        }
        customerMessage.MarkUnanswered();
        UnhelpedTurnsInARow++;
    }

    /// <summary>The customer asked again what the AI had answered: the answer did not help them.</summary>
    public void RecordAskedAgain() => UnhelpedTurnsInARow++;

    /// <summary>The customer has calmed down: the negative-sentiment rule may fire again.</summary>
    public void RearmSentimentAlarm() => SentimentAlarmRaised = false;

    /// <summary>The AI agent's answer to the customer, with the help-centre articles it drew on.</summary>
    public Message ReplyAsAssistant(string text, IReadOnlyList<Citation> citations, DateTimeOffset now)
    {
        var firstCustomerMessage = Messages.FirstOrDefault(m => m.Author == Author.Customer);
        var answeredBefore = firstCustomerMessage is not null
            && Messages.Any(m => m.Author is Author.Assistant or Author.Agent && m.CreatedAt >= firstCustomerMessage.CreatedAt);
        if (firstCustomerMessage is not null && !answeredBefore)
        {
            Record(ReportingEventName.FirstResponse, (now - firstCustomerMessage.CreatedAt).TotalSeconds, now);
        }
        var message = Message.Create(Author.Assistant, text, Register, now);
        message.Citations.AddRange(citations);
        return Add(message, now);
    }

    /// <summary>A line from the system the customer should see, such as a hand-off to a person.</summary>
    public Message AddSystemNote(string text, DateTimeOffset now) => Add(Message.Create(Author.System, text, Register, now), now);

    /// <summary>The customer picked a language; replies use it from now on ("auto" follows their writing again).</summary>
    public void ChooseLanguage(LanguagePreference preference, DateTimeOffset now)
    {
        LanguagePreference = preference;
        if (preference != LanguagePreference.Auto)
        {
            Register = preference == LanguagePreference.Hindi ? Register.Hindi : Register.English;
        }
        UpdatedAt = now;
    }

    /// <summary>The customer gave the mobile number (ten digits) they say is theirs; it still has to be proven.</summary>
    public void ClaimPhone(string phone, DateTimeOffset now)
    {
        RequirePhase(ConversationPhase.Verification);
        ClaimedPhone = phone;
        UpdatedAt = now;
    }

    /// <summary>
    /// Records the outcome of an identity check of the claimed number: <paramref name="matchedCustomerId"/> is the
    /// account whose saved address has the pincode given, or null. A match verifies the customer and opens the
    /// assistance phase; the third failure ends the conversation.
    /// </summary>
    public VerificationOutcome RecordVerificationAttempt(int? matchedCustomerId, DateTimeOffset now)
    {
        RequirePhase(ConversationPhase.Verification);
        if (ClaimedPhone is null)
        {
            throw new InvalidOperationException("An identity check needs the customer's mobile number first.");
        }

        if (matchedCustomerId is { } customerId)
        {
            VerifiedCustomerId = customerId;
            Phase = ConversationPhase.Assistance;
            Record(ReportingEventName.Verified, (now - CreatedAt).TotalSeconds, now);
            UpdatedAt = now;
            return new VerificationOutcome(Verified: true, VerificationAttemptsLeft, Ended: false);
        }

        FailedVerifications++;
        Record(ReportingEventName.VerificationFailed, FailedVerifications, now);
        if (FailedVerifications >= MaxVerificationAttempts)
        {
            End(resolved: false, now);
        }
        UpdatedAt = now;
        return new VerificationOutcome(Verified: false, VerificationAttemptsLeft, Ended: Phase == ConversationPhase.Ended);
    }

    /// <summary>
    /// Identity checks were refused: too many failed checks of the claimed number, or from the customer's address.
    /// Shown on the desk, so a person knows why the customer could not prove who they are.
    /// </summary>
    public void NoteVerificationLocked(DateTimeOffset lockedUntil, DateTimeOffset now)
    {
        if (VerificationLockedUntil != lockedUntil)
        {
            Record(ReportingEventName.VerificationLocked, (lockedUntil - now).TotalSeconds, now);
        }
        VerificationLockedUntil = lockedUntil;
        UpdatedAt = now;
    }

    /// <summary>
    /// Hands the conversation to a person: the AI stops answering and it waits in the desk's queue. A second
    /// reason while a person already owns it is recorded for them, without a second hand-off.
    /// </summary>
    /// <param name="rule">The escalation rule that fired.</param>
    /// <param name="why">What made it fire, e.g. "message scored -0.82 (very negative at -0.60)".</param>
    /// <param name="summary">For the person taking over: what the customer wants, what was tried, how they feel.</param>
    /// <param name="priority">How urgent it is.</param>
    /// <param name="now">The time of the hand-off.</param>
    public Escalation HandOffToHuman(EscalationReason rule, string why, string summary, EscalationPriority priority, DateTimeOffset now)
    {
        if (Phase == ConversationPhase.Ended)
        {
            throw new ConversationEndedException(Id);
        }
        var escalation = Escalation.Create(rule, why, summary, priority, now);
        Escalations.Add(escalation);
        // A "yes" typed while a person has the chat is for them, not a confirmation the AI asked for.
        PendingChange = null;
        if (rule == EscalationReason.NegativeSentiment)
        {
            SentimentAlarmRaised = true;
        }
        if (Owner != ConversationOwner.Human)
        {
            Owner = ConversationOwner.Human;
            Status = ConversationStatus.Pending;
            Record(ReportingEventName.Escalated, (now - CreatedAt).TotalSeconds, now);
        }
        UpdatedAt = now;
        return escalation;
    }

    /// <summary>
    /// Records a refund, return, replacement or cancellation the verified customer asked for. The caller decides
    /// from policy whether a person must approve it.
    /// </summary>
    public ActionRequest RequestAction(ActionKind kind, string orderId, decimal amount, string reason, bool needsApproval, DateTimeOffset now)
    {
        RequirePhase(ConversationPhase.Assistance);
        var request = ActionRequest.Create(kind, VerifiedCustomerId!.Value, orderId, amount, reason, needsApproval, now);
        ActionRequests.Add(request);
        Record(ReportingEventName.ActionRequested, 0, now);
        UpdatedAt = now;
        return request;
    }

    /// <summary>
    /// The assistant has told the verified customer what <paramref name="change"/> would do and asked them to confirm
    /// it; nothing has changed yet.
    /// </summary>
    public void ProposeChange(PendingChange change, DateTimeOffset now)
    {
        RequirePhase(ConversationPhase.Assistance);
        PendingChange = change;
        UpdatedAt = now;
    }

    /// <summary>
    /// Takes the proposed change for the customer's new message to confirm or not: it is good for that one message
    /// only, so it is gone whatever the message says.
    /// </summary>
    public PendingChange? TakePendingChange()
    {
        var change = PendingChange;
        PendingChange = null;
        return change;
    }

    /// <summary>Closes the conversation; it accepts no more messages and asks for a rating.</summary>
    public void End(bool resolved, DateTimeOffset now) => End(resolved, null, now);

    /// <summary>
    /// A person takes the conversation: the AI falls silent, the customer is told who joined, and the hand-off is
    /// marked claimed. Refused while another person has it; taking one's own conversation again changes nothing.
    /// </summary>
    /// <param name="agent">Who takes it.</param>
    /// <param name="joinedNote">What the customer sees, e.g. "Priya has joined the chat".</param>
    /// <param name="now">The time of the claim.</param>
    public void TakeOver(DeskAgent agent, string joinedNote, DateTimeOffset now)
    {
        RequireNotEnded();
        if (AssigneeId is not null)
        {
            if (AssigneeId == agent.Id)
            {
                return;
            }
            throw new ConversationTakenException(Id, AssigneeName ?? "another agent");
        }
        var handOff = OpenEscalation;
        handOff?.Claim(agent, now);
        Owner = ConversationOwner.Human;
        Status = ConversationStatus.Open;
        AssigneeId = agent.Id;
        AssigneeName = agent.DisplayName;
        ClaimedAt = now;
        Add(Message.Create(Author.System, joinedNote, Register, now), now);
        Record(ReportingEventName.Claimed, handOff is null ? 0 : (now - handOff.CreatedAt).TotalSeconds, now, agent.Id);
    }

    /// <summary>
    /// The handling agent writes to the customer, citing the help-centre articles the reply draws on. The first reply
    /// after a hand-off is timed for reports.
    /// </summary>
    public Message ReplyAsAgent(DeskAgent agent, string text, IReadOnlyList<Citation> citations, DateTimeOffset now)
    {
        RequireHandledBy(agent);
        var since = ClaimedAt!.Value;
        if (!Messages.Any(m => m.Author == Author.Agent && !m.IsPrivateNote && m.CreatedAt >= since))
        {
            var waitingSince = OpenEscalation?.CreatedAt ?? since;
            Record(ReportingEventName.FirstHumanResponse, (now - waitingSince).TotalSeconds, now, agent.Id);
        }
        var message = Message.FromStaff(agent, text, privateNote: false, Register, now);
        message.Citations.AddRange(citations);
        return Add(message, now);
    }

    /// <summary>
    /// A note for colleagues. Any desk agent may leave one, whoever handles the conversation; the customer never
    /// sees it and the AI never reads it.
    /// </summary>
    public Message AddPrivateNote(DeskAgent agent, string text, DateTimeOffset now)
    {
        RequireNotEnded();
        return Add(Message.FromStaff(agent, text, privateNote: true, Register, now), now);
    }

    /// <summary>
    /// The handling agent approves (with the rupees it sends back, up to what was asked) or rejects a pending
    /// request; the decision is recorded with who and when, and the customer is told.
    /// </summary>
    /// <param name="requestId">The pending request.</param>
    /// <param name="approve">Approve, or reject.</param>
    /// <param name="amount">Rupees approved (ignored when rejecting).</param>
    /// <param name="note">The agent's reason, kept for audit.</param>
    /// <param name="agent">Who decides.</param>
    /// <param name="customerNotice">What the customer is told about the decision, written from the decided request.</param>
    /// <param name="now">The time of the decision.</param>
    public ActionRequest DecideRequest(long requestId, bool approve, decimal amount, string note, DeskAgent agent, Func<ActionRequest, string> customerNotice, DateTimeOffset now)
    {
        RequireHandledBy(agent);
        var request = ActionRequests.SingleOrDefault(r => r.Id == requestId)
            ?? throw new InvalidOperationException($"This conversation has no request {requestId}.");
        request.Decide(approve, amount, note, agent, now);
        var name = (request.Kind, approve) switch
        {
            (ActionKind.Refund, true) => ReportingEventName.RefundApproved,
            (ActionKind.Refund, false) => ReportingEventName.RefundRejected,
            (_, true) => ReportingEventName.RequestApproved,
            _ => ReportingEventName.RequestRejected,
        };
        Record(name, (double)(approve ? amount : request.Amount), now, agent.Id);
        Add(Message.Create(Author.System, customerNotice(request), Register, now), now);
        return request;
    }

    /// <summary>
    /// The handling agent gives the conversation back to the AI, which answers the customer's next message with
    /// everything said so far, the agent's replies included. The failure count starts again, so the AI is not
    /// handed straight back for what the person already dealt with.
    /// </summary>
    public void HandBack(DeskAgent agent, string customerNotice, DateTimeOffset now)
    {
        RequireHandledBy(agent);
        OpenEscalation?.Close(now);
        Record(ReportingEventName.HandedBack, (now - ClaimedAt!.Value).TotalSeconds, now, agent.Id);
        Owner = ConversationOwner.Ai;
        Status = ConversationStatus.Open;
        AssigneeId = null;
        AssigneeName = null;
        ClaimedAt = null;
        UnhelpedTurnsInARow = 0;
        Add(Message.Create(Author.System, customerNotice, Register, now), now);
    }

    /// <summary>The handling agent resolves the conversation with a note on the outcome; the customer is asked to rate it.</summary>
    public void Resolve(DeskAgent agent, string resolutionNote, DateTimeOffset now)
    {
        RequireHandledBy(agent);
        OpenEscalation?.Close(now);
        ResolutionNote = resolutionNote;
        End(resolved: true, agent.Id, now);
    }

    private void End(bool resolved, string? staffUserId, DateTimeOffset now)
    {
        if (Phase == ConversationPhase.Ended)
        {
            return;
        }
        Phase = ConversationPhase.Ended;
        Status = ConversationStatus.Resolved;
        PendingChange = null;
        EndedAt = now;
        Record(resolved ? ReportingEventName.Resolved : ReportingEventName.Closed, (now - CreatedAt).TotalSeconds, now, staffUserId);
        UpdatedAt = now;
    }

    /// <summary>The hand-off a person is (or will be) working on: the latest one not yet handed back or resolved.</summary>
    private Escalation? OpenEscalation => Escalations.Where(e => e.ClosedAt is null).MaxBy(e => e.CreatedAt);

    private void RequireNotEnded()
    {
        if (Phase == ConversationPhase.Ended)
        {
            throw new ConversationEndedException(Id);
        }
    }

    /// <summary>Refuses unless <paramref name="agent"/> handles this open conversation, saying who does if someone else.</summary>
    public void RequireHandledBy(DeskAgent agent)
    {
        RequireNotEnded();
        if (AssigneeId != agent.Id)
        {
            throw AssigneeId is null
                ? new InvalidOperationException("Take the conversation over first.")
                : new ConversationTakenException(Id, AssigneeName ?? "another agent");
        }
    }

    /// <summary>Stores the customer's rating (1 to 5); a later rating replaces an earlier one.</summary>
    public void Rate(int rating, string? comment, DateTimeOffset now)
    {
        if (rating is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(rating), rating, "A rating is 1 to 5.");
        }
        Feedback = new Feedback(rating, comment is null || SafeText.IsBlank(comment) ? null : comment.Trim(), now);
        Record(ReportingEventName.Rated, rating, now);
        UpdatedAt = now;
    }

    /// <summary>Keeps the trail of every tool the AI called, with what it got back.</summary>
    public void RecordToolCall(ToolCall call) => ToolCalls.Add(call);

    private Message Add(Message message, DateTimeOffset now)
    {
        Messages.Add(message);
        UpdatedAt = now;
        return message;
    }

    private void Record(ReportingEventName name, double value, DateTimeOffset now, string? staffUserId = null) =>
        Events.Add(ReportingEvent.Create(name, value, now, staffUserId));

    private void RequirePhase(ConversationPhase phase)
    {
        RequireNotEnded();
        if (Phase != phase)
        {
            throw new InvalidOperationException($"Only allowed in the {phase} phase; the conversation is in {Phase}.");
        }
    }
}

/// <summary>What an identity check came to.</summary>
public sealed record VerificationOutcome(bool Verified, int AttemptsLeft, bool Ended);

/// <summary>The conversation has ended and takes no more messages.</summary>
public sealed class ConversationEndedException(Guid conversationId)
    : InvalidOperationException($"Conversation {conversationId} has ended.");
