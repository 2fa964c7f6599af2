using CareConsole.Core.Agent;
using CareConsole.Core.Agent.Replies;
using CareConsole.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CareConsole.Core.Conversations;

/// <summary>The state of a conversation after a turn, and what to say to the customer.</summary>
/// <param name="Reply">The answer; empty while a person owns the conversation (they reply themselves).</param>
/// <param name="Escalated">A person has the conversation (or is about to).</param>
public sealed record TurnResult(
    string Reply,
    ConversationStatus Status,
    ConversationOwner Owner,
    ConversationPhase Phase,
    bool Verified,
    bool Escalated,
    Register Register,
    IReadOnlyList<Citation> Citations);

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
/// Runs customer conversations: starts them, takes each message through the agent, and serves the transcript.
/// Every customer message is saved before any model is asked, and one conversation's turns never overlap.
/// </summary>
public sealed partial class ConversationService(
    IDbContextFactory<CareDbContext> contexts,
    SupportAgent agent,
    ReplyBook replies,
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
        conversation.ReplyAsAssistant(replies.Say("greeting", conversation.Register), [], now);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(cancellationToken);
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
    /// Takes one customer message through the agent. Once the message is saved the turn runs to the end even if
    /// the caller goes away, so an acknowledged message always gets its answer stored.
    /// </summary>
    /// <exception cref="ArgumentException">The text is empty or longer than <see cref="MaxMessageLength"/>.</exception>
    /// <exception cref="ConversationNotFoundException">No such conversation.</exception>
    /// <exception cref="ConversationEndedException">The conversation has ended.</exception>
    public async Task<TurnResult> SendAsync(Guid id, string text, CancellationToken cancellationToken)
    {
        text = text.Trim();
        if (text.Length == 0 || text.Length > MaxMessageLength)
        {
            throw new ArgumentException($"A message is 1 to {MaxMessageLength} characters.", nameof(text));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var turnLock = await ConversationLock.AcquireAsync(db, id, cancellationToken);
        var conversation = await db.Conversations.Include(c => c.Messages).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new ConversationNotFoundException(id);

        conversation.ReceiveFromCustomer(text, LanguageDetector.Detect(text, conversation.Register), clock.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None);

        if (conversation.Owner == ConversationOwner.Human)
        {
            // A person is handling it: the AI stays silent.
            return Result(conversation, "", []);
        }

        if (HumanRequestDetector.IsAskingForPerson(text))
        {
            conversation.HandOffToHuman(EscalationReason.CustomerRequest, "customer-request", Summary(conversation, "Asked for a person."), EscalationPriority.Normal, clock.GetUtcNow());
            return await AnswerAsync(db, conversation, new AgentReply(replies.Say("handoff.customer_request", conversation.Register), [], "rules"));
        }

        AgentReply reply;
        try
        {
            reply = await agent.ReplyAsync(db, conversation, CancellationToken.None);
        }
        catch (Exception e) when (e is not (OperationCanceledException or DbUpdateException))
        {
            // A fault in the agent itself: the customer still gets an answer and a person.
            LogAgentFailed(logger, conversation.Id, e);
            db.ChangeTracker.Clear();
            conversation = await db.Conversations.Include(c => c.Messages).SingleAsync(c => c.Id == id, CancellationToken.None);
            conversation.HandOffToHuman(EscalationReason.ProviderFailure, "agent-error", Summary(conversation, $"The assistant failed: {e.Message}"), EscalationPriority.High, clock.GetUtcNow());
            reply = new AgentReply(replies.Say("handoff.provider_failure", conversation.Register), [], "rules");
        }
        return await AnswerAsync(db, conversation, reply);
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
        await using var turnLock = await ConversationLock.AcquireAsync(db, id, cancellationToken);
        var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new ConversationNotFoundException(id);
        change(conversation);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<TurnResult> AnswerAsync(CareDbContext db, Conversation conversation, AgentReply reply)
    {
        var now = clock.GetUtcNow();
        conversation.ReplyAsAssistant(reply.Text, reply.Citations, now);
        var handedOver = db.ChangeTracker.Entries<Escalation>().Any(e => e.State == EntityState.Added);
        if (handedOver && conversation.Phase != ConversationPhase.Ended)
        {
            conversation.AddSystemNote(replies.Say("handoff.note", conversation.Register), now);
        }
        await db.SaveChangesAsync(CancellationToken.None);
        return Result(conversation, reply.Text, reply.Citations);
    }

    private static string Summary(Conversation conversation, string what)
    {
        var said = conversation.Messages.Where(m => m.Author == Author.Customer).TakeLast(3).Select(m => $"\"{m.Text}\"");
        var who = conversation.IsVerified ? $"verified customer #{conversation.VerifiedCustomerId}" : "customer not verified";
        return $"{what} ({who}) Recent messages: {string.Join(" / ", said)}";
    }

    private static TurnResult Result(Conversation conversation, string reply, IReadOnlyList<Citation> citations) =>
        new(reply, conversation.Status, conversation.Owner, conversation.Phase, conversation.IsVerified,
            conversation.Owner == ConversationOwner.Human, conversation.Register, citations);

    [LoggerMessage(LogLevel.Error, "The agent failed on conversation {ConversationId}; handed to a person")]
    private static partial void LogAgentFailed(ILogger logger, Guid conversationId, Exception exception);
}
