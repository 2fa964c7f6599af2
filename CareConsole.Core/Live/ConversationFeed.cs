using CareConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CareConsole.Core.Live;

/// <summary>A conversation changed: a message, a hand-off, a claim, a decision. <see cref="Everything"/> means "reload all".</summary>
public readonly record struct ConversationChange(Guid ConversationId)
{
    /// <summary>Sent when notifications may have been missed (the listener reconnected): every screen reloads.</summary>
    public static ConversationChange Everything { get; } = new(Guid.Empty);

    public bool Concerns(Guid conversationId) => ConversationId == conversationId || ConversationId == Guid.Empty;
}

/// <summary>
/// Live updates for the desk and the chat widget, across every app instance. A change is announced with
/// PostgreSQL's NOTIFY after it is saved; each instance's <see cref="ConversationListener"/> hears it (its own
/// included) and passes it to the screens subscribed here. Screens reload what they show from the database, so a
/// notification carries only the conversation's id.
/// </summary>
public sealed class ConversationFeed
{
    public const string Channel = "careconsole_conversations";

    private readonly Lock _gate = new();
    private Action<ConversationChange>[] _subscribers = [];

    /// <summary>Tells every instance that <paramref name="conversationId"/> changed. Call after saving.</summary>
    public static async Task AnnounceAsync(CareDbContext db, Guid conversationId, CancellationToken cancellationToken)
    {
        var payload = conversationId.ToString("D");
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {payload})", cancellationToken);
    }

    /// <summary>
    /// Calls <paramref name="onChange"/> for every change until the returned handle is disposed. It runs on the
    /// listener's thread, so it should only schedule work (e.g. a component's InvokeAsync), never wait.
    /// </summary>
    public IDisposable Subscribe(Action<ConversationChange> onChange)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers, onChange];
        }
        return new Subscription(this, onChange);
    }

    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    internal void Publish(ConversationChange change)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try
            {
                subscriber(change);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One broken screen must not stop the others hearing about the change.
                System.Diagnostics.Trace.TraceWarning($"A conversation feed subscriber failed: {e.Message}");
            }
        }
    }

    private void Unsubscribe(Action<ConversationChange> onChange)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(s => s != onChange)];
        }
    }

    private sealed class Subscription(ConversationFeed feed, Action<ConversationChange> onChange) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(onChange);
    }
}
