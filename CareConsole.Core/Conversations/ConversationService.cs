using System.Data.Common;
using CareConsole.Core.Agent;
using CareConsole.Core.Agent.Replies;
using CareConsole.Core.Clients;
using CareConsole.Core.Data;
using CareConsole.Core.Escalations;
using CareConsole.Core.Live;
using CareConsole.Core.Text;
using CareConsole.Core.Trackers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CareConsole.Core.Conversations;

/// <summary>The state of a conversation after a turn, and what to say to the customer.</summary>
/// <param name="Reply">The answer; empty while a person owns the conversation (they reply themselves).</param>
/// <param name="Escalated">A person has the conversation (or is about to).</param>
/// <param name="Sentiment">The score of the customer's message this turn answered; null for the greeting.</param>
/// <param name="EscalationRule">The rule that handed the conversation to a person, while a person has it.</param>
public sealed record TurnResult(
    string Reply,
    ConversationStatus Status,
    ConversationOwner Owner,
    ConversationPhase Phase,
    bool Verified,
    bool Escalated,
    Register Register,
    IReadOnlyList<Citation> Citations,
    double? Sentiment = null,
    EscalationReason? EscalationRule = null);

public sealed record StartedConversation(Guid Id, string Token, TurnResult Greeting);

/// <summary>A message as the customer may see it.</summary>
public sealed record TranscriptMessage(long Id, Author Author, string Text, DateTimeOffset CreatedAt, IReadOnlyList<Citation> Citations);

/// <summary>What the customer may see of a conversation: never staff notes or the AI's tool calls.</summary>
public sealed record Transcript(
    Guid Id,
    ConversationStatus Status,
    ConversationOwner Owner,
    ConversationPhase Phase,
    Register Register,
    LanguagePreference LanguagePreference,
    Feedback? Feedback,
    IReadOnlyList<TranscriptMessage> Messages);

/// <summary>No conversation has that id.</summary>
public sealed class ConversationNotFoundException(Guid id) : Exception($"Conversation {id} does not exist.");

/// <summary>
/// Runs customer conversations: starts them, takes each message through the escalation policy and the agent,
/// and serves the transcript. Every customer message is saved (with its sentiment and tracker hits) before any
/// model is asked, and one conversation's turns never overlap.
/// </summary>
public sealed partial class ConversationService(
    IDbContextFactory<CareDbContext> contexts,
    SupportAgent agent,
    MessageAnalyzer analyzer,
    TrackerRecorder trackers,
    EscalationPolicy policy,
    ReplyBook replies,
    ConversationLocks locks,
    ConversationFeed feed,
    TimeProvider clock,
    ILogger<ConversationService> logger)
{
    /// <summary>The longest message a customer may send, in characters.</summary>
    public const int MaxMessageLength = 4000;

    public async Task<StartedConversation> StartAsync(Channel channel, LanguagePreference preference, CancellationToken cancellationToken)
    {
        var (token, hash) = ConversationTokens.Create();
        var now = clock.GetUtcNow();
        var conversation = Conversation.Start(channel, preference, hash, now);
        var greeting = conversation.ReplyAsAssistant(replies.Say("greeting", conversation.Register), [], now);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(cancellationToken);
        await trackers.RecordAsync(db, greeting, CancellationToken.None);
        return new StartedConversation(conversation.Id, token, Result(conversation, conversation.Messages[^1].Text, []));
    }

    /// <summary>Whether <paramref name="token"/> opens conversation <paramref name="id"/>; false for an unknown id too.</summary>
    public async Task<bool> IsAuthorizedAsync(Guid id, string? token, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var hash = await db.Conversations.Where(c => c.Id == id).Select(c => c.TokenHash).SingleOrDefaultAsync(cancellationToken);
        return hash is not null && ConversationTokens.Matches(token, hash);
    }

    /// <summary>
    /// Takes one customer message from <paramref name="client"/> through the agent. Once the message is saved the turn runs to the end even if
    /// the caller goes away, so an acknowledged message always gets its answer stored.
    /// </summary>
    /// <exception cref="ArgumentException">The text is empty or longer than <see cref="MaxMessageLength"/>.</exception>
    /// <exception cref="ConversationNotFoundException">No such conversation.</exception>
    /// <exception cref="ConversationEndedException">The conversation has ended.</exception>
    /// <exception cref="ConsoleBusyException">Too busy to take it now; nothing was stored.</exception>
    public async Task<TurnResult> SendAsync(Guid id, string text, ClientKey client, CancellationToken cancellationToken)
    {
        text = text.Trim();
        if (text.Length > MaxMessageLength || SafeText.IsBlank(text))
        {
            throw new ArgumentException($"A message is 1 to {MaxMessageLength} characters.", nameof(text));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var turnLock = await locks.AcquireAsync(db, id, isTurn: true, cancellationToken);
        var conversation = await db.Conversations.Include(c => c.Messages).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new ConversationNotFoundException(id);

        var previous = conversation.Messages.Where(m => m.Author == Author.Customer).OrderBy(m => m.CreatedAt).LastOrDefault()?.Sentiment;
        var analysis = analyzer.Analyze(text, conversation.Register, previous);
        var message = conversation.ReceiveFromCustomer(text, analysis.Register, analysis.Sentiment.Score, clock.GetUtcNow());
        // The one write that must succeed before anything else: from here on the message is acknowledged.
        await db.SaveChangesAsync(CancellationToken.None);
        // Matched once stored, not with the analysis above: a tracker edited meanwhile counts it by its new phrases.
        await trackers.RecordAsync(db, message, CancellationToken.None);
        // The desk shows the message at once, before the AI (which may take seconds) answers it.
        await FollowUpAsync(db, id, "the announcement", () => feed.AnnounceAsync(db, conversation, CancellationToken.None));
        return await AnswerStoredAsync(db, conversation, message, client);
    }

    /// <summary>
    /// Conversations whose latest customer message is stored but was never answered while the AI has them: the
    /// process answering it stopped (a crash, a kill) between storing and answering.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> UnansweredAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Conversations.AsNoTracking()
            .Where(c => c.Owner == ConversationOwner.Ai && c.Phase != ConversationPhase.Ended)
            .Where(c => c.Messages.Where(m => m.Author == Author.Customer).Max(m => (long?)m.Id)
                > (c.Messages.Where(m => (m.Author == Author.Assistant || m.Author == Author.Agent) && !m.IsPrivateNote).Max(m => (long?)m.Id) ?? 0))
            .OrderBy(c => c.UpdatedAt)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Answers the latest customer message of conversation <paramref name="id"/> if it still waits for the AI (another
    /// instance may have answered it meanwhile), as its turn would have. True when it answered.
    /// </summary>
    public async Task<bool> AnswerWaitingAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var turnLock = await locks.AcquireAsync(db, id, isTurn: true, cancellationToken);
        var conversation = await db.Conversations.Include(c => c.Messages).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        var waiting = conversation?.Messages.Where(m => !m.IsPrivateNote && m.Author is Author.Customer or Author.Assistant or Author.Agent)
            .MaxBy(m => m.Id);
        if (conversation is null || conversation.Owner != ConversationOwner.Ai || conversation.Phase == ConversationPhase.Ended
            || waiting?.Author != Author.Customer)
        {
            return false;
        }
        LogAnsweringWaiting(logger, id, waiting.CreatedAt);
        await AnswerStoredAsync(db, conversation, waiting, ClientKey.Named("restart"));
        return true;
    }

    /// <summary>The turn for a customer message already stored: the escalation rules, then the agent, then the answer.</summary>
    private async Task<TurnResult> AnswerStoredAsync(CareDbContext db, Conversation conversation, Message message, ClientKey client)
    {
        var id = conversation.Id;
        if (conversation.Owner == ConversationOwner.Human)
        {
            // A person is handling it: the AI stays silent, but identity checks still run and a waiting customer
            // hears that a person will answer.
            var meanwhile = await agent.WhileWithPersonAsync(db, conversation, message, client, CancellationToken.None);
            return meanwhile.Text.Length == 0
                ? await ResultAsync(db, conversation, "", [], message)
                : await AnswerOrHandOverAsync(db, conversation, message, meanwhile);
        }

        if (policy.OnCustomerMessage(conversation, message) is { } before)
        {
            await EscalateAsync(db, conversation, before);
            return await AnswerOrHandOverAsync(db, conversation, message, new AgentReply(HandOffReply(before, conversation.Register), [], "rules", TurnOutcome.Fine));
        }

        AgentReply reply;
        try
        {
            reply = await agent.ReplyAsync(db, conversation, client, CancellationToken.None);
        }
        catch (Exception e) when (e is not (OperationCanceledException or DbUpdateException))
        {
            // A fault in the agent itself: the customer still gets an answer, and the policy decides on a person.
            LogAgentFailed(logger, conversation.Id, e);
            db.ChangeTracker.Clear();
            conversation = await db.Conversations.Include(c => c.Messages).SingleAsync(c => c.Id == id, CancellationToken.None);
            message = conversation.Messages.Single(m => m.Id == message.Id);
            reply = new AgentReply("", [], "rules", TurnOutcome.ProviderDown($"the assistant failed: {e.Message}"));
        }

        var after = conversation.Owner == ConversationOwner.Human ? null : policy.AfterTurn(conversation, message, reply.Outcome);
        if (after is not null)
        {
            await EscalateAsync(db, conversation, after);
        }
        var answer = reply.Outcome.ProviderFailed
            ? replies.Say(after?.Rule == EscalationReason.ProviderFailure ? "handoff.provider_failure" : "fallback.provider_unavailable", conversation.Register)
            : after?.Rule is EscalationReason.RepeatedFailure or EscalationReason.NegativeSentiment
                ? reply.Text + "\n\n" + HandOffReply(after, conversation.Register)
                : reply.Text;
        return await AnswerOrHandOverAsync(db, conversation, message, reply with { Text = answer });
    }

    /// <summary>
    /// Saves the turn (the answer with everything the agent and the rules did); if that save fails, the turn is
    /// saved again as a hand-off to a person, so what the customer asked for (a person, a refund) reaches someone
    /// instead of vanishing with the failed write.
    /// </summary>
    private async Task<TurnResult> AnswerOrHandOverAsync(CareDbContext db, Conversation conversation, Message answered, AgentReply reply)
    {
        try
        {
            return await AnswerAsync(db, conversation, answered, reply);
        }
        catch (Exception e) when (e is DbUpdateException || DatabaseBusy.Is(e))
        {
            // Busy: SQLite's write queue or lock stayed taken past its timeout; the message itself is stored.
            LogTurnNotSaved(logger, conversation.Id, e);
        }
        db.ChangeTracker.Clear();
        var reloaded = await db.Conversations.Include(c => c.Messages).SingleAsync(c => c.Id == conversation.Id, CancellationToken.None);
        var message = reloaded.Messages.Single(m => m.Id == answered.Id);
        if (reloaded.Owner != ConversationOwner.Human && reloaded.Phase != ConversationPhase.Ended)
        {
            await EscalateAsync(db, reloaded, new EscalationDecision(EscalationReason.ProviderFailure, "the assistant's answer could not be saved", EscalationPriority.High));
        }
        var text = reloaded.Owner == ConversationOwner.Human || reloaded.Escalations.Count > 0
            ? replies.Say("handoff.provider_failure", reloaded.Register)
            : replies.Say("fallback.provider_unavailable", reloaded.Register);
        return await AnswerAsync(db, reloaded, message, new AgentReply(text, [], "rules", TurnOutcome.Fine));
    }

    /// <summary>
    /// A write that follows the stored message but must not cost the turn: a failure is logged and the turn goes on.
    /// </summary>
    private async Task FollowUpAsync(CareDbContext db, Guid conversationId, string what, Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception e) when (e is DbUpdateException or DbException or InvalidOperationException)
        {
            LogFollowUpFailed(logger, what, conversationId, e);
        }
    }

    public async Task<Transcript?> GetTranscriptAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var conversation = await db.Conversations.AsNoTracking().Include(c => c.Messages).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (conversation is null)
        {
            return null;
        }
        var messages = conversation.Messages
            .Where(m => m.IsCustomerVisible)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new TranscriptMessage(m.Id, m.Author, m.Text, m.CreatedAt, m.Citations))
            .ToList();
        return new Transcript(conversation.Id, conversation.Status, conversation.Owner, conversation.Phase, conversation.Register,
            conversation.LanguagePreference, conversation.Feedback, messages);
    }

    /// <summary>Stores the customer's 1–5 rating; a later rating replaces the earlier one.</summary>
    public async Task RateAsync(Guid id, int rating, string? comment, CancellationToken cancellationToken)
    {
        await UpdateAsync(id, conversation => conversation.Rate(rating, comment, clock.GetUtcNow()), cancellationToken);
    }

    /// <summary>The customer picked a language in the widget.</summary>
    public async Task ChooseLanguageAsync(Guid id, LanguagePreference preference, CancellationToken cancellationToken)
    {
        await UpdateAsync(id, conversation => conversation.ChooseLanguage(preference, clock.GetUtcNow()), cancellationToken);
    }

    private async Task UpdateAsync(Guid id, Action<Conversation> change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var turnLock = await locks.AcquireAsync(db, id, isTurn: false, cancellationToken);
        var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new ConversationNotFoundException(id);
        change(conversation);
        await db.SaveChangesAsync(cancellationToken);
        await feed.AnnounceAsync(db, conversation, CancellationToken.None);
    }

    private async Task<TurnResult> AnswerAsync(CareDbContext db, Conversation conversation, Message answered, AgentReply reply)
    {
        var now = clock.GetUtcNow();
        var answer = conversation.ReplyAsAssistant(reply.Text, reply.Citations, now);
        var handedOver = db.ChangeTracker.Entries<Escalation>().Any(e => e.State == EntityState.Added);
        if (handedOver && conversation.Phase != ConversationPhase.Ended)
        {
            conversation.AddSystemNote(replies.Say("handoff.note", conversation.Register), now);
        }
        await db.SaveChangesAsync(CancellationToken.None);
        await trackers.RecordAsync(db, answer, CancellationToken.None);
        await FollowUpAsync(db, conversation.Id, "the announcement", () => feed.AnnounceAsync(db, conversation, CancellationToken.None));
        return await ResultAsync(db, conversation, reply.Text, reply.Citations, answered);
    }

    /// <summary>
    /// Hands over as the policy decided; the summary reads the whole trail and names the verified customer as their
    /// account does, so both are loaded first.
    /// </summary>
    private async Task EscalateAsync(CareDbContext db, Conversation conversation, EscalationDecision decision)
    {
        await db.Entry(conversation).Collection(c => c.ToolCalls).LoadAsync(CancellationToken.None);
        await db.Entry(conversation).Collection(c => c.ActionRequests).LoadAsync(CancellationToken.None);
        var customerName = conversation.VerifiedCustomerId is { } customerId
            ? await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => c.FullName).SingleOrDefaultAsync(CancellationToken.None)
            : null;
        EscalationPolicy.Escalate(conversation, decision, customerName, clock.GetUtcNow());
    }

    /// <summary>What the customer is told when a rule hands them to a person before the AI answers.</summary>
    private string HandOffReply(EscalationDecision decision, Register register) => replies.Say(decision.Rule switch
    {
        EscalationReason.NegativeSentiment => "handoff.negative_sentiment",
        EscalationReason.RepeatedFailure => "handoff.repeated_failure",
        _ => "handoff.customer_request",
    }, register);

    private static async Task<TurnResult> ResultAsync(CareDbContext db, Conversation conversation, string reply, IReadOnlyList<Citation> citations, Message? answered)
    {
        EscalationReason? rule = null;
        if (conversation.Owner == ConversationOwner.Human)
        {
            // The hand-off in force: the first escalation since a person last took the conversation.
            rule = conversation.Escalations.Count > 0
                ? conversation.Escalations[0].Reason
                : await db.Escalations.Where(e => e.ConversationId == conversation.Id).OrderByDescending(e => e.Id)
                    .Select(e => (EscalationReason?)e.Reason).FirstOrDefaultAsync(CancellationToken.None);
        }
        return Result(conversation, reply, citations) with { Sentiment = answered?.Sentiment, EscalationRule = rule };
    }

    private static TurnResult Result(Conversation conversation, string reply, IReadOnlyList<Citation> citations) =>
        new(reply, conversation.Status, conversation.Owner, conversation.Phase, conversation.IsVerified,
            conversation.Owner == ConversationOwner.Human, conversation.Register, citations);

    [LoggerMessage(LogLevel.Warning, "Answering conversation {ConversationId}, whose message of {StoredAt} was stored but never answered")]
    private static partial void LogAnsweringWaiting(ILogger logger, Guid conversationId, DateTimeOffset storedAt);

    [LoggerMessage(LogLevel.Error, "The turn of conversation {ConversationId} could not be saved; saving it as a hand-off")]
    private static partial void LogTurnNotSaved(ILogger logger, Guid conversationId, Exception exception);

    [LoggerMessage(LogLevel.Warning, "Saving {What} of conversation {ConversationId} failed; the turn goes on")]
    private static partial void LogFollowUpFailed(ILogger logger, string what, Guid conversationId, Exception exception);

    [LoggerMessage(LogLevel.Error, "The agent failed on conversation {ConversationId}; handed to a person")]
    private static partial void LogAgentFailed(ILogger logger, Guid conversationId, Exception exception);
}
