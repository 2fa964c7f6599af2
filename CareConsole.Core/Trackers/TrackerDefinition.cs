using CareConsole.Core.Conversations;
using CareConsole.Core.Text;

namespace CareConsole.Core.Trackers;

/// <summary>How a tracker's phrases are read.</summary>
public enum TrackerMode
{
    /// <summary>Each phrase is whole words, in order: "late delivery" hits "Late delivery!" but not "delivery late".</summary>
    Exact,

    /// <summary>
    /// Words may hold wildcards (<c>refund*</c>, <c>*wala</c>, <c>d?al</c>), and two words may be asked for near each
    /// other (<c>late NEAR/3 delivery</c>). A phrase without either reads as in <see cref="Exact"/>.
    /// </summary>
    Pattern,
}

/// <summary>Whose messages a tracker counts; any set of them, at least one.</summary>
[Flags]
public enum TrackerSpeakers
{
    None = 0,

    /// <summary>What customers write.</summary>
    Customer = 1,

    /// <summary>The AI assistant's answers.</summary>
    Assistant = 2,

    /// <summary>People on the desk, in what the customer sees (never their private notes).</summary>
    Agent = 4,

    All = Customer | Assistant | Agent,
}

public static class TrackerSpeakersExtensions
{
    /// <summary>The speaker a message's author is, for trackers; <see cref="TrackerSpeakers.None"/> for system lines.</summary>
    public static TrackerSpeakers Of(Author author) => author switch
    {
        Author.Customer => TrackerSpeakers.Customer,
        Author.Assistant => TrackerSpeakers.Assistant,
        Author.Agent => TrackerSpeakers.Agent,
        _ => TrackerSpeakers.None,
    };

    /// <summary>The authors whose messages <paramref name="speakers"/> covers.</summary>
    public static IReadOnlyList<Author> Authors(this TrackerSpeakers speakers) =>
        [.. new[] { Author.Customer, Author.Assistant, Author.Agent }.Where(a => speakers.HasFlag(Of(a)))];
}

/// <summary>A tracker's phrases, one list per way of writing; any list may be empty, but not all three.</summary>
/// <param name="English">English, in Latin letters.</param>
/// <param name="Hindi">Hindi in Devanagari.</param>
/// <param name="Hinglish">Hindi in Latin letters ("kab aayega", "paisa wapas").</param>
public sealed record TrackerPhrases(IReadOnlyList<string> English, IReadOnlyList<string> Hindi, IReadOnlyList<string> Hinglish)
{
    public static TrackerPhrases None { get; } = new([], [], []);
}

/// <summary>What a manager asks a tracker to be: for a new tracker, or an edit of one.</summary>
public sealed record TrackerDraft(string Name, TrackerPhrases Phrases, TrackerMode Mode = TrackerMode.Exact, TrackerSpeakers Speakers = TrackerSpeakers.Customer);

/// <summary>
/// A named set of phrases managers want counted in conversations, e.g. "Great Indian Sale": sale, deal, offer, सेल.
/// Each change of what it matches (phrases, mode, speakers) is a new <see cref="Revision"/>: its hits are counted
/// again over every stored message in the background, and the progress of that back-fill is kept here so it survives
/// a restart.
/// </summary>
public sealed class TrackerDefinition
{
    public const int MaxNameLength = 80;
    public const int MaxPhraseLength = 80;

    /// <summary>The most phrases in each of the three lists.</summary>
    public const int MaxPhrases = 100;

    private TrackerDefinition()
    {
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public List<string> EnglishPhrases { get; private set; } = [];
    public List<string> HindiPhrases { get; private set; } = [];
    public List<string> HinglishPhrases { get; private set; } = [];
    public TrackerMode Mode { get; private set; }
    public TrackerSpeakers Speakers { get; private set; }

    /// <summary>Only active trackers match new messages; a paused one keeps its hits.</summary>
    public bool IsActive { get; private set; }

    /// <summary>Raised by every change of what the tracker matches; hits carry the revision that found them.</summary>
    public int Revision { get; private set; }

    /// <summary>The last message id the back-fill of this revision has read (0: none yet).</summary>
    public long BackfillThrough { get; private set; }

    /// <summary>
    /// The message id the back-fill of this revision must reach: the newest message when the revision was made. Later
    /// messages are counted as they arrive. Null until measured, just after the change is saved.
    /// </summary>
    public long? BackfillTarget { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public TrackerPhrases Phrases => new(EnglishPhrases, HindiPhrases, HinglishPhrases);

    /// <summary>Every phrase, English then Hindi then Hinglish.</summary>
    public IEnumerable<string> AllPhrases => EnglishPhrases.Concat(HindiPhrases).Concat(HinglishPhrases);

    /// <summary>How far the back-fill of this revision has come, 0 to 1: for a progress bar.</summary>
    public double BackfillProgress => BackfillTarget switch
    {
        null => 0,
        { } target when BackfillThrough >= target => 1,
        { } target => (double)BackfillThrough / target,
    };

    /// <exception cref="ArgumentException">The draft is not a tracker that can be matched; the message says why, for a manager.</exception>
    public static TrackerDefinition Create(TrackerDraft draft, DateTimeOffset now)
    {
        var tracker = new TrackerDefinition { CreatedAt = now, IsActive = true };
        tracker.Change(draft, now);
        return tracker;
    }

    /// <summary>
    /// Takes the draft's name, phrases, mode and speakers. True when what the tracker matches changed: a new revision,
    /// whose back-fill starts from the first message; a new name alone is not.
    /// </summary>
    /// <exception cref="ArgumentException">The draft is not a tracker that can be matched; the message says why, for a manager.</exception>
    public bool Change(TrackerDraft draft, DateTimeOffset now)
    {
        var name = draft.Name.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new ArgumentException($"A tracker's name is 1 to {MaxNameLength} characters.");
        }
        if (!Enum.IsDefined(draft.Mode))
        {
            throw new ArgumentException("A tracker's mode is Exact or Pattern.");
        }
        if (draft.Speakers == TrackerSpeakers.None || (draft.Speakers & ~TrackerSpeakers.All) != 0)
        {
            throw new ArgumentException("Choose whose messages the tracker counts: customers, the AI assistant, agents, or any of them.");
        }
        var english = Checked(draft.Phrases.English, "English", draft.Mode);
        var hindi = Checked(draft.Phrases.Hindi, "Hindi", draft.Mode);
        var hinglish = Checked(draft.Phrases.Hinglish, "Hinglish", draft.Mode);
        if (english.Count + hindi.Count + hinglish.Count == 0)
        {
            throw new ArgumentException("Give the tracker at least one phrase, in English, Hindi or Hinglish.");
        }

        var revised = Revision == 0 || draft.Mode != Mode || draft.Speakers != Speakers
            || !english.SequenceEqual(EnglishPhrases, StringComparer.Ordinal)
            || !hindi.SequenceEqual(HindiPhrases, StringComparer.Ordinal)
            || !hinglish.SequenceEqual(HinglishPhrases, StringComparer.Ordinal);
        Name = name;
        EnglishPhrases = english;
        HindiPhrases = hindi;
        HinglishPhrases = hinglish;
        Mode = draft.Mode;
        Speakers = draft.Speakers;
        UpdatedAt = now;
        if (revised)
        {
            Revision++;
            BackfillThrough = 0;
            BackfillTarget = null;
        }
        return revised;
    }

    public void Pause(DateTimeOffset now)
    {
        IsActive = false;
        UpdatedAt = now;
    }

    /// <summary>Counts new messages again. Messages that came while it was paused stay uncounted.</summary>
    public void Resume(DateTimeOffset now)
    {
        IsActive = true;
        UpdatedAt = now;
    }

    /// <summary>
    /// Trimmed, without blanks and repeats, each phrase one that can be matched in <paramref name="mode"/> and written
    /// in the letters its list is for.
    /// </summary>
    private static List<string> Checked(IReadOnlyList<string> phrases, string list, TrackerMode mode)
    {
        var cleaned = phrases.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (cleaned.Count > MaxPhrases)
        {
            throw new ArgumentException($"The {list} list has {cleaned.Count} phrases; a list holds at most {MaxPhrases}.");
        }
        foreach (var phrase in cleaned)
        {
            if (phrase.Length > MaxPhraseLength)
            {
                throw new ArgumentException($"\"{SafeText.Shorten(phrase, 20)}…\" is longer than {MaxPhraseLength} characters.");
            }
            if (list != "Hindi" && TrackerText.HasDevanagari(phrase))
            {
                throw new ArgumentException(list == "English"
                    ? $"\"{phrase}\" is written in Devanagari: put it in the Hindi list."
                    : $"\"{phrase}\" is written in Devanagari: the Hinglish list is for Hindi in Latin letters; put it in the Hindi list.");
            }
            if (list == "Hindi" && TrackerText.HasLatinLetters(phrase))
            {
                throw new ArgumentException($"\"{phrase}\" has Latin letters: the Hindi list is for Devanagari; put it in the English or Hinglish list.");
            }
            if (TrackerPattern.Parse(phrase, mode, out var problem) is null)
            {
                throw new ArgumentException(problem);
            }
        }
        return cleaned;
    }
}
