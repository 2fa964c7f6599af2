using System.Globalization;
using CareConsole.Core.Agent;
using CareConsole.Core.Agent.Replies;
using CareConsole.Core.Conversations;
using CareConsole.Core.Customers;
using CareConsole.Core.Agent.Plugins;
using CareConsole.Core.Data;
using CareConsole.Core.Knowledge;
using CareConsole.Core.Live;
using CareConsole.Core.Orders;
using CareConsole.Core.Text;
using CareConsole.Core.Trackers;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Desk;

/// <summary>A conversation in the desk's queue: waiting for a person, or handled by one.</summary>
/// <param name="AwaitingApproval">Its requests still waiting for a person's decision.</param>
/// <param name="Approved">Its requests a person approved.</param>
/// <param name="Rejected">Its requests a person rejected.</param>
public sealed record QueueEntry(
    Guid Id,
    string? CustomerName,
    Register Language,
    EscalationReason? Rule,
    string? Why,
    string? Summary,
    EscalationPriority Priority,
    double? Sentiment,
    DateTimeOffset WaitingSince,
    string? AssigneeId,
    string? AssigneeName,
    string? LastCustomerMessage,
    DateTimeOffset LastActivity,
    DateTimeOffset? VerificationLockedUntil = null,
    int AwaitingApproval = 0,
    int Approved = 0,
    int Rejected = 0);

/// <summary>Everything the desk shows about one conversation.</summary>
public sealed record DeskConversation(Conversation Conversation, Customer? Customer, IReadOnlyList<Order> Orders);

/// <summary>A draft for the person handling a conversation, the help-centre articles it draws on, and the model that wrote it.</summary>
public sealed record SuggestedReply(string Text, IReadOnlyList<Citation> Sources, string Provider);

/// <summary>
/// What human agents do on the desk: read the queue and a conversation, take it over, reply, leave private notes,
/// decide pending requests, hand back to the AI or resolve, and ask the model for a draft. Every action runs under
/// the conversation's lock (so it waits for an AI turn in progress), is saved with the conversation's row version
/// (so two agents racing cannot both win), and is announced to every instance.
/// </summary>
public sealed class DeskService(
    IDbContextFactory<CareDbContext> contexts,
    SupportAgent agent,
    ReplyBook replies,
    IKnowledgeIndex knowledge,
    ConversationLocks locks,
    ConversationFeed feed,
    TrackerRecorder trackers,
    TimeProvider clock)
{
    public const int MaxTextLength = ConversationService.MaxMessageLength;

    /// <summary>
    /// Conversations waiting for a person or handled by one, the most urgent first, then those waiting longest.
    /// </summary>
    public async Task<IReadOnlyList<QueueEntry>> QueueAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Conversations.AsNoTracking()
            .Where(c => c.Owner == ConversationOwner.Human && c.Phase != ConversationPhase.Ended)
            .Select(c => new
            {
                c.Id,
                c.Register,
                c.Sentiment,
                c.AssigneeId,
                c.AssigneeName,
                c.UpdatedAt,
                c.VerificationLockedUntil,
                Customer = db.Customers.Where(x => x.Id == c.VerifiedCustomerId).Select(x => x.FullName).FirstOrDefault(),
                HandOff = c.Escalations.OrderByDescending(e => e.CreatedAt)
                    .Select(e => new { e.Reason, e.Why, e.Summary, e.Priority, e.CreatedAt }).FirstOrDefault(),
                LastSaid = c.Messages.Where(m => m.Author == Author.Customer).OrderByDescending(m => m.Id).Select(m => m.Text).FirstOrDefault(),
                // Whether "needs approval" still holds, and if not, how it was decided.
                AwaitingApproval = c.ActionRequests.Count(r => r.Status == ActionRequestStatus.AwaitingApproval),
                Approved = c.ActionRequests.Count(r => r.Status == ActionRequestStatus.Approved),
                Rejected = c.ActionRequests.Count(r => r.Status == ActionRequestStatus.Rejected),
            })
            .ToListAsync(cancellationToken);
        return rows
            .Select(r => new QueueEntry(r.Id, r.Customer, r.Register, r.HandOff?.Reason, r.HandOff?.Why, r.HandOff?.Summary,
                r.HandOff?.Priority ?? EscalationPriority.Normal, r.Sentiment, r.HandOff?.CreatedAt ?? r.UpdatedAt,
                r.AssigneeId, r.AssigneeName, r.LastSaid, r.UpdatedAt, r.VerificationLockedUntil, r.AwaitingApproval, r.Approved, r.Rejected))
            .OrderByDescending(e => e.Priority)
            .ThenBy(e => e.WaitingSince)
            .ToList();
    }

    /// <summary>The whole conversation (private notes and the AI's tool calls included), with the verified customer's profile and orders.</summary>
    public async Task<DeskConversation?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var conversation = await db.Conversations.AsNoTracking().AsSplitQuery()
            .Include(c => c.Messages).Include(c => c.ToolCalls).Include(c => c.Escalations).Include(c => c.ActionRequests)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (conversation is null)
        {
            return null;
        }
        conversation.Messages.Sort((a, b) => a.Id.CompareTo(b.Id));
        conversation.ToolCalls.Sort((a, b) => a.Id.CompareTo(b.Id));
        if (conversation.VerifiedCustomerId is not { } customerId)
        {
            return new DeskConversation(conversation, null, []);
        }
        var customer = await db.Customers.AsNoTracking().Include(c => c.Addresses).SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        // The latest ten, and any older one a request here is about, so every decision shows its order's money.
        var ofCustomer = db.Orders.AsNoTracking().Include(o => o.Items).ThenInclude(i => i.Product).Include(o => o.Payment)
            .Where(o => o.CustomerId == customerId);
        var orders = await ofCustomer.OrderByDescending(o => o.PlacedAt).Take(10).ToListAsync(cancellationToken);
        var older = conversation.ActionRequests.Select(r => r.OrderId).Except(orders.Select(o => o.Id)).ToList();
        if (older.Count > 0)
        {
            orders.AddRange(await ofCustomer.Where(o => older.Contains(o.Id)).ToListAsync(cancellationToken));
        }
        return new DeskConversation(conversation, customer, orders);
    }

    public Task TakeOverAsync(Guid id, DeskAgent agent, CancellationToken cancellationToken) =>
        ActAsync(id, c => c.TakeOver(agent, replies.Say("desk.joined", c.Register, ("name", agent.FirstName)), clock.GetUtcNow()), cancellationToken);

    /// <param name="sources">
    /// The articles of a suggested draft the reply came from. Only those the sent text still names are cited: a
    /// person who rewrote the answer should not point the customer at an article it no longer rests on.
    /// </param>
    public Task ReplyAsync(Guid id, DeskAgent agent, string text, IReadOnlyList<Citation> sources, CancellationToken cancellationToken)
    {
        text = Checked(text);
        var cited = sources
            .Where(s => text.Contains(s.Title, StringComparison.OrdinalIgnoreCase) || text.Contains(s.Url, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(s => s.ArticleId)
            .ToList();
        return ActAsync(id, c => c.ReplyAsAgent(agent, text, cited, clock.GetUtcNow()), cancellationToken);
    }

    /// <summary>
    /// Asks the configured model for a reply the handling agent may edit and send, about what the conversation was
    /// handed over for (its orders and requests) and what the customer said since, grounded in the help centre and
    /// the verified customer's account. Nothing is stored and nothing reaches the customer: the draft goes back to
    /// the person only. Private notes are never shown to the model, so a draft cannot repeat one.
    /// </summary>
    public async Task<SuggestedReply> SuggestReplyAsync(Guid id, DeskAgent deskAgent, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Untracked, and never saved: the tools' record of calls made for a draft goes nowhere. The hand-offs and
        // requests tell the draft what the person took the chat over for.
        var conversation = await db.Conversations.AsNoTracking().AsSplitQuery()
            .Include(c => c.Messages).Include(c => c.Escalations).Include(c => c.ActionRequests)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new ConversationNotFoundException(id);
        conversation.RequireHandledBy(deskAgent);
        if (!conversation.Messages.Any(m => m.Author == Author.Customer))
        {
            throw new InvalidOperationException("The customer has not written anything to answer yet.");
        }
        var draft = await agent.DraftForDeskAsync(db, conversation, cancellationToken);
        return draft.Outcome.ProviderFailed || draft.Text.Length == 0
            ? throw new InvalidOperationException("No model could draft a reply just now. Write one yourself, or try again.")
            : new SuggestedReply(draft.Text, draft.Citations, draft.Provider);
    }

    public Task AddNoteAsync(Guid id, DeskAgent agent, string text, CancellationToken cancellationToken)
    {
        text = Checked(text);
        return ActAsync(id, c => c.AddPrivateNote(agent, text, clock.GetUtcNow()), cancellationToken);
    }

    /// <summary>
    /// Approves or rejects a pending request; the customer is told the decision. Approving carries it out on the
    /// order: a refund starts, a return's pickup is booked, a replacement order is created, a cancellation is made.
    /// Money approved for an order never adds up to more than was paid for it, whichever conversations the requests
    /// came from, and two people approving at once cannot both succeed (the payment's row version).
    /// </summary>
    /// <param name="amount">For a refund or return, the rupees to give back (a partial refund is allowed); ignored otherwise.</param>
    public Task DecideAsync(Guid id, long requestId, bool approve, decimal amount, string note, DeskAgent agent, CancellationToken cancellationToken)
    {
        note = Checked(note);
        return ActAsync(id, async (db, c) =>
        {
            c.RequireHandledBy(agent);
            var request = c.ActionRequests.SingleOrDefault(r => r.Id == requestId)
                ?? throw new InvalidOperationException($"This conversation has no request {requestId}.");
            if (!request.IsOpen)
            {
                throw new InvalidOperationException($"This {request.Kind.ToString().ToLowerInvariant()} request was already {request.Status.ToString().ToLowerInvariant()}.");
            }
            var now = clock.GetUtcNow();
            var wording = new Wording(replies, c.Register, DateOnly.FromDateTime(now.UtcDateTime));
            var policy = StorePolicy.From(knowledge.Knowledge);
            var order = await db.Orders.Include(o => o.Payment).Include(o => o.Items).ThenInclude(i => i.Product)
                .SingleAsync(o => o.Id == request.OrderId, cancellationToken);
            decimal moved = 0;
            if (approve)
            {
                var refund = request.Kind is ActionKind.Refund or ActionKind.Return ? amount : (decimal?)null;
                if (refund is <= 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(amount), amount, "Approve an amount above ₹0, or reject the request.");
                }
                moved = await StoreActions.CarryOutAsync(db, request.Kind, order, refund, policy, now, cancellationToken);
            }
            c.DecideRequest(requestId, approve, moved, note, agent, decided => Notice(wording, policy, decided, order, agent), now);
        }, cancellationToken);
    }

    /// <summary>What the customer is told of a decision: the state the order is now in, from the records.</summary>
    private static string Notice(Wording wording, StorePolicy policy, ActionRequest decided, Order order, DeskAgent agent) =>
        decided.Status == ActionRequestStatus.Approved
            ? wording.Say("desk.approved", ("name", agent.FirstName)) + " " + RequestState.Describe(wording, policy, decided, order)
            : wording.Say("desk.rejected", ("kind", wording.Kind(decided.Kind)), ("order", decided.OrderId), ("name", agent.FirstName));

    public Task HandBackAsync(Guid id, DeskAgent agent, CancellationToken cancellationToken) =>
        ActAsync(id, c => c.HandBack(agent, replies.Say("desk.handed_back", c.Register, ("name", agent.FirstName)), clock.GetUtcNow()), cancellationToken);

    public Task ResolveAsync(Guid id, DeskAgent agent, string resolutionNote, CancellationToken cancellationToken)
    {
        resolutionNote = Checked(resolutionNote);
        return ActAsync(id, c => c.Resolve(agent, resolutionNote, clock.GetUtcNow()), cancellationToken);
    }

    private Task ActAsync(Guid id, Action<Conversation> action, CancellationToken cancellationToken) =>
        ActAsync(id, (_, conversation) =>
        {
            action(conversation);
            return Task.CompletedTask;
        }, cancellationToken);

    private async Task ActAsync(Guid id, Func<CareDbContext, Conversation, Task> action, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        Conversation conversation;
        List<Message> written;
        await using (await locks.AcquireAsync(db, id, isTurn: false, cancellationToken))
        {
            conversation = await db.Conversations.AsSplitQuery()
                .Include(c => c.Messages).Include(c => c.Escalations).Include(c => c.ActionRequests)
                .SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
                ?? throw new ConversationNotFoundException(id);
            await action(db, conversation);
            written = db.ChangeTracker.Entries<Message>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone else changed it between our read and our write; if they took it, say who.
                var owner = await db.Conversations.AsNoTracking().Where(c => c.Id == id).Select(c => c.AssigneeName).SingleOrDefaultAsync(CancellationToken.None);
                throw owner is null
                    ? new InvalidOperationException("The conversation changed meanwhile; try again.")
                    : new ConversationTakenException(id, owner);
            }
        }
        // Replies count for the trackers that count agents; the recorder passes over private notes and system lines.
        foreach (var message in written)
        {
            await trackers.RecordAsync(db, message, CancellationToken.None);
        }
        await feed.AnnounceAsync(db, conversation, CancellationToken.None);
    }

    private static string Checked(string text)
    {
        text = text.Trim();
        return text.Length > MaxTextLength || SafeText.IsBlank(text)
            ? throw new ArgumentException($"Write 1 to {MaxTextLength} characters.", nameof(text))
            : text;
    }
}
