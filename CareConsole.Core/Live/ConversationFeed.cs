using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CareConsole.Core.Live;

/// <summary>
/// A conversation changed: a message, a hand-off, a claim, a decision. <see cref="WithPerson"/> says whether a person
/// owns it (or should) after the change, so the desk's queue can skip the many changes of conversations the AI
/// handles alone. <see cref="Everything"/> means "reload all".
/// </summary>
public readonly record struct ConversationChange(Guid ConversationId, bool WithPerson)
{
    /// <summary>Sent when notifications may have been missed (the listener reconnected): every screen reloads.</summary>
    public static ConversationChange Everything { get; } = new(Guid.Empty, true);

    public bool IsEverything => ConversationId == Guid.Empty;

    public bool Concerns(Guid conversationId) => ConversationId == conversationId || IsEverything;

    /// <summary>The NOTIFY payload: the id, then "human" or "ai".</summary>
    internal string Payload => $"{ConversationId:D} {(WithPerson ? "human" : "ai")}";

    internal static ConversationChange? Parse(string payload) =>
        payload.Split(' ') is [var id, var owner] && Guid.TryParse(id, out var conversationId) && owner is "human" or "ai"
            ? new ConversationChange(conversationId, owner == "human")
            : null;
}

/// <summary>
/// Live updates for the desk and the chat widget, across every app instance. On PostgreSQL a change is announced
/// with NOTIFY after it is saved; each instance's <see cref="ConversationListener"/> hears it (its own included) and
/// passes it to the screens subscribed here. On SQLite, which serves one instance, it goes to them directly. Screens
/// reload what they show from the database, so a notification carries only the conversation's id and owner.
/// </summary>
public sealed class ConversationFeed(ILogger<ConversationFeed> logger)
{
    public const string Channel = "careconsole_conversations";

    private readonly Subscribers<ConversationChange> _subscribers = new(logger);

    /// <summary>Tells every instance that <paramref name="conversation"/> changed. Call after saving it.</summary>
    public async Task AnnounceAsync(CareDbContext db, Conversation conversation, CancellationToken cancellationToken)
    {
        var change = new ConversationChange(conversation.Id, conversation.Owner == ConversationOwner.Human);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {change.Payload})", cancellationToken);
        }
        else
        {
            Publish(change);
        }
    }

    /// <summary>
    /// Calls <paramref name="onChange"/> for every change until the returned handle is disposed. It runs on the
    /// listener's thread, so it should only schedule work (e.g. a component's InvokeAsync), never wait.
    /// </summary>
    public IDisposable Subscribe(Action<ConversationChange> onChange) => _subscribers.Subscribe(onChange);

    internal void Publish(ConversationChange change) => _subscribers.Publish(change);
}
