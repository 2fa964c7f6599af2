namespace CareConsole.Components.Live;

/// <summary>
/// Orders the reads a screen makes of what it shows. A live change can arrive while the screen's own reload is
/// still running (the customer's message is announced before the AI answers it), so two reads of one thing may be
/// in flight, and the older one can finish last. Its snapshot must not overwrite the newer one: the screen would
/// stay stale until the next change, which may never come.
/// </summary>
/// <remarks>Used on a component's dispatcher, one call at a time, so it needs no locking.</remarks>
public sealed class LatestRead
{
    private long _started;
    private long _applied;

    /// <summary>Call before reading; pass the ticket to <see cref="TryAccept"/> once the read is back.</summary>
    public long Begin() => ++_started;

    /// <summary>
    /// Whether the read with <paramref name="ticket"/> may be shown (and, if so, marks it shown): true unless a read
    /// begun after it has been shown already.
    /// </summary>
    public bool TryAccept(long ticket)
    {
        if (ticket < _applied)
        {
            return false;
        }
        _applied = ticket;
        return true;
    }
}
