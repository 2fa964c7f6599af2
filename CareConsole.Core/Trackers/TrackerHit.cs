namespace CareConsole.Core.Trackers;

/// <summary>Where in a message's text a tracker matched, in UTF-16 characters of the text as written.</summary>
public readonly record struct TrackerSpan(int Start, int Length);

/// <summary>
/// A tracker found in one message: one row per tracker and message (so counting rows counts messages), holding every
/// place it matched for highlighting the transcript. Kept for the dashboard's counts and drill-down.
/// </summary>
public sealed class TrackerHit
{
    private TrackerHit()
    {
    }

    public long Id { get; private set; }
    public int TrackerId { get; private set; }
    public long MessageId { get; private set; }
    public Guid ConversationId { get; private set; }

    /// <summary>The tracker's phrase of the first match, as the tracker spells it.</summary>
    public string Phrase { get; private set; } = "";

    /// <summary>Where the first match starts in the message's text.</summary>
    public int Start { get; private set; }

    /// <summary>How long the first match is; 0 for a hit counted before places were kept, until its back-fill redoes it.</summary>
    public int Length { get; private set; }

    /// <summary>The tracker's revision that found the hit; hits of an earlier revision are removed.</summary>
    public int Revision { get; private set; }

    /// <summary>When the message was written.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>Every match in the message, start and length in turn, in order; the first is <see cref="Start"/>.</summary>
    internal List<int> Places { get; private set; } = [];

    /// <summary>Every place the tracker matched in the message, in order, for highlighting.</summary>
    public IReadOnlyList<TrackerSpan> Spans =>
        [.. Places.Chunk(2).Where(pair => pair.Length == 2).Select(pair => new TrackerSpan(pair[0], pair[1]))];

    /// <summary>The hit of one tracker revision's matches (all of one tracker, in order) in one message.</summary>
    internal static TrackerHit Create(IReadOnlyList<TrackerMatch> matches, int revision, long messageId, Guid conversationId, DateTimeOffset at) => new()
    {
        TrackerId = matches[0].TrackerId,
        Phrase = matches[0].Phrase,
        Start = matches[0].Start,
        Length = matches[0].Length,
        Places = [.. matches.SelectMany(m => new[] { m.Start, m.Length })],
        Revision = revision,
        MessageId = messageId,
        ConversationId = conversationId,
        At = at,
    };
}
