using CareConsole.Core.Conversations;

namespace CareConsole.Core.Trackers;

/// <summary>
/// A tracker's phrase found in a text, and where: <paramref name="Start"/> and <paramref name="Length"/> are in UTF-16
/// characters of the text as written (not as normalised), so <c>text.Substring(Start, Length)</c> is what to highlight.
/// </summary>
/// <param name="Phrase">The tracker's phrase that matched, as the tracker spells it.</param>
public readonly record struct TrackerMatch(int TrackerId, string TrackerName, string Phrase, int Start, int Length);

/// <summary>
/// Finds trackers' phrases in a message. Matching is on whole words, so "sale" never fires on "wholesale" (unless a
/// pattern asks, as <c>*sale</c> does); case and Latin accents do not matter, Devanagari is spelled one way (nukta,
/// candrabindu), and romanised Hindi is folded so the common spellings of a word meet ("aayega", "ayega"; "wapas",
/// "vapas"; "achha", "acha"), on both sides and in both modes.
/// </summary>
public sealed class TrackerMatcher
{
    /// <summary>
    /// Text beyond this many characters is not read. Customers' and agents' messages are at most 4,000; this bounds
    /// the work a model's unusually long answer can cost.
    /// </summary>
    public const int MaxTextLength = 4 * ConversationService.MaxMessageLength;

    private readonly List<Compiled> _trackers;

    /// <summary>The active trackers among <paramref name="trackers"/>; a paused one matches nothing.</summary>
    public TrackerMatcher(IEnumerable<TrackerDefinition> trackers)
        : this(trackers, includePaused: false)
    {
    }

    private TrackerMatcher(IEnumerable<TrackerDefinition> trackers, bool includePaused)
    {
        _trackers = [.. trackers.Where(t => includePaused || t.IsActive).Select(t => new Compiled(t.Id, t.Name, t.Revision, t.Speakers, Compile(t)))];
        // Saved trackers have ids of their own; trackers not yet saved (all id 0) only ever match, in tests and
        // benchmarks, and need no revision.
        Revisions = _trackers.DistinctBy(t => t.Id).ToDictionary(t => t.Id, t => t.Revision);
    }

    public static TrackerMatcher Empty { get; } = new([]);

    /// <summary>The trackers this matcher knows, by id, with the revision of their phrases it matches.</summary>
    public IReadOnlyDictionary<int, int> Revisions { get; }

    /// <summary>One tracker whether it is active or paused: its history is re-run either way.</summary>
    internal static TrackerMatcher For(TrackerDefinition tracker) => new([tracker], includePaused: true);

    /// <summary>
    /// Every match in <paramref name="text"/> of the trackers that count what <paramref name="speaker"/> writes, in
    /// order of where they start. A tracker's matches never overlap one another: where two of its phrases start at
    /// one word the longer wins ("great indian sale" over "great indian"), and the next match starts after it ends.
    /// </summary>
    public IReadOnlyList<TrackerMatch> Match(string text, Author speaker)
    {
        var scope = TrackerSpeakersExtensions.Of(speaker);
        if (scope == TrackerSpeakers.None || !_trackers.Any(t => t.Speakers.HasFlag(scope)))
        {
            return [];
        }
        if (text.Length > MaxTextLength)
        {
            text = text[..MaxTextLength];
        }
        var words = new MessageWords(TrackerText.Words(text));
        if (words.Count == 0)
        {
            return [];
        }
        var matches = new List<TrackerMatch>();
        var found = new List<(int First, int Last, TrackerPattern Pattern)>();
        foreach (var tracker in _trackers.Where(t => t.Speakers.HasFlag(scope)))
        {
            found.Clear();
            foreach (var pattern in tracker.Patterns)
            {
                pattern.FindAll(words, found);
            }
            var after = -1;
            foreach (var (first, last, pattern) in found.OrderBy(f => f.First).ThenByDescending(f => f.Last))
            {
                if (first <= after)
                {
                    continue;
                }
                after = last;
                var start = words[first].Start;
                matches.Add(new TrackerMatch(tracker.Id, tracker.Name, pattern.Written, start, words[last].Start + words[last].Length - start));
            }
        }
        return [.. matches.OrderBy(m => m.Start)];
    }

    // Phrases that cannot be matched as written (stored before a rule existed) are left out rather than failing the
    // whole catalog: the tracker's other phrases keep counting.
    private static List<TrackerPattern> Compile(TrackerDefinition tracker) =>
        [.. tracker.AllPhrases.Select(p => TrackerPattern.Parse(p, tracker.Mode, out _)).OfType<TrackerPattern>()];

    private sealed record Compiled(int Id, string Name, int Revision, TrackerSpeakers Speakers, List<TrackerPattern> Patterns);
}
