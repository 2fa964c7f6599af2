using CareConsole.Core.Text;

namespace CareConsole.Core.Trackers;

/// <summary>
/// A named set of phrases managers want counted in what customers write, e.g. "Great Indian Sale": sale, deal,
/// offer, सेल. Each phrase matches whole words, whatever the case, accents or spelling of Devanagari.
/// </summary>
public sealed class TrackerDefinition
{
    public const int MaxNameLength = 80;
    public const int MaxPhraseLength = 80;
    public const int MaxPhrases = 100;

    private TrackerDefinition()
    {
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public List<string> Phrases { get; private set; } = [];

    /// <summary>Only active trackers match new messages; a paused one keeps its past hits.</summary>
    public bool IsActive { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <exception cref="ArgumentException">The name or phrases are empty, too long or too many.</exception>
    public static TrackerDefinition Create(string name, IEnumerable<string> phrases, DateTimeOffset now)
    {
        var tracker = new TrackerDefinition { CreatedAt = now, IsActive = true };
        tracker.Change(name, phrases, now);
        return tracker;
    }

    /// <exception cref="ArgumentException">The name or phrases are empty, too long or too many.</exception>
    public void Change(string name, IEnumerable<string> phrases, DateTimeOffset now)
    {
        name = name.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new ArgumentException($"A tracker's name is 1 to {MaxNameLength} characters.", nameof(name));
        }
        var cleaned = phrases.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (cleaned.Count is 0 or > MaxPhrases)
        {
            throw new ArgumentException($"A tracker has 1 to {MaxPhrases} phrases.", nameof(phrases));
        }
        if (cleaned.FirstOrDefault(p => p.Length > MaxPhraseLength) is { } tooLong)
        {
            throw new ArgumentException($"\"{SafeText.Shorten(tooLong, 20)}…\" is longer than {MaxPhraseLength} characters.", nameof(phrases));
        }
        if (cleaned.FirstOrDefault(p => TrackerMatcher.Words(p).Length == 0) is { } noWords)
        {
            throw new ArgumentException($"\"{noWords}\" has no words to match.", nameof(phrases));
        }
        Name = name;
        Phrases = cleaned;
        UpdatedAt = now;
    }

    public void Pause(DateTimeOffset now)
    {
        IsActive = false;
        UpdatedAt = now;
    }
}

/// <summary>A tracker's phrase found in one customer message, kept for the dashboard's counts and drill-down.</summary>
public sealed class TrackerHit
{
    private TrackerHit()
    {
    }

    public long Id { get; private set; }
    public int TrackerId { get; private set; }
    public long MessageId { get; private set; }
    public Guid ConversationId { get; private set; }

    /// <summary>The tracker's phrase that matched, as the tracker spells it.</summary>
    public string Phrase { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    public static TrackerHit Create(int trackerId, string phrase, long messageId, Guid conversationId, DateTimeOffset at) =>
        new() { TrackerId = trackerId, Phrase = phrase, MessageId = messageId, ConversationId = conversationId, At = at };
}
