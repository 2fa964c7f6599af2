using System.Globalization;
using CareConsole.Core.Text;

namespace CareConsole.Core.Sentiment;

/// <summary>What a lexicon entry does to the sentiment of a message.</summary>
public enum CueKind
{
    /// <summary>Carries feeling: its weight is how negative or positive, from -4 to 4.</summary>
    Valence,

    /// <summary>Words of thanks: positive on their own, mere politeness beside a request or a complaint.</summary>
    Thanks,

    /// <summary>Turns round what follows it ("not happy").</summary>
    Negator,

    /// <summary>Hindi negation, which may also follow what it negates ("accha nahi", "अच्छा नहीं").</summary>
    HindiNegator,

    /// <summary>Strengthens the feeling word after it by its weight ("very", "bahut").</summary>
    Booster,

    /// <summary>Weakens the feeling word after it ("slightly", "thoda").</summary>
    Dampener,

    /// <summary>What follows outweighs what came before ("but", "lekin").</summary>
    Contrast,

    /// <summary>A contrast only after a pause: "par" and "पर" are also the word "on".</summary>
    ContrastAfterPause,

    /// <summary>Marks praise that means the opposite when the message also complains ("wow", "waah").</summary>
    Sarcasm,

    /// <summary>Asks politely ("please", "kindly", "कृपया"): no feeling by itself, and makes thanks a courtesy.</summary>
    Politeness,
}

/// <summary>Word lists the rules consult by position rather than as cues of their own.</summary>
public enum WordSet
{
    /// <summary>Counts of time ("3", "few", "do", "तीन") before a unit of time.</summary>
    Number,

    /// <summary>Units of time ("days", "hafte", "महीने").</summary>
    Duration,

    /// <summary>Words saying time has passed around a duration ("took", "since", "se", "से").</summary>
    Waited,

    /// <summary>Words that end a Hindi clause ("hai", "tha", "है"): "par" after one is "but", not "on".</summary>
    ClauseEnd,

    /// <summary>Words that only acknowledge when they open a message on their own ("acha, samajh gaya", "ok.").</summary>
    Acknowledgement,

    /// <summary>Hindi emphasis that may sit inside a phrase without changing it ("sunwai hi nahi", "जवाब तो नहीं").</summary>
    Particle,

    /// <summary>"koi", "कोई": with a negation at the clause's end it denies what lies between ("koi problem hi nahi").</summary>
    NoneOf,

    /// <summary>Words that something was put right ("resolved", "received", "mil gaya"): praise with them is sincere.</summary>
    Relief,
}

/// <summary>One lexicon entry: a word, a phrase or an emoji, read the way messages are read.</summary>
public sealed record SentimentCue(CueKind Kind, string[] Words, string[] Stems, double Weight);

/// <summary>
/// The sentiment lexicon: sections of words and phrases in English, Hinglish and Devanagari Hindi, each with a
/// role (<see cref="CueKind"/>) and, for feeling words, a weight. It is data, not code, so a support team can add
/// how its own customers complain without touching the rules.
/// </summary>
public sealed class SentimentLexicon
{
    private readonly Dictionary<string, List<SentimentCue>> _byFirstWord = new(StringComparer.Ordinal);
    private readonly Dictionary<WordSet, HashSet<string>> _sets = Enum.GetValues<WordSet>().ToDictionary(set => set, _ => new HashSet<string>(StringComparer.Ordinal));

    private SentimentLexicon()
    {
    }

    public static SentimentLexicon Default { get; } = Parse(ReadEmbedded("sentiment-lexicon.txt"));

    public int Count { get; private set; }

    /// <summary>
    /// Reads "[section]" headers (the <see cref="CueKind"/> names in kebab case) and one entry per line, "phrase"
    /// or "phrase&lt;TAB&gt;weight"; "#" starts a comment.
    /// </summary>
    public static SentimentLexicon Parse(string text)
    {
        var lexicon = new SentimentLexicon();
        CueKind? kind = null;
        WordSet? set = null;
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                var name = line[1..^1].Replace("-", "", StringComparison.Ordinal);
                (kind, set) = Enum.TryParse<CueKind>(name, ignoreCase: true, out var parsedKind) ? ((CueKind?)parsedKind, (WordSet?)null)
                    : Enum.TryParse<WordSet>(name, ignoreCase: true, out var parsedSet) ? ((CueKind?)null, (WordSet?)parsedSet)
                    : throw new FormatException($"Line {lineNumber}: unknown section {line}.");
                continue;
            }
            if (set is { } wordSet)
            {
                foreach (var token in SentimentTokens.Scan(line))
                {
                    lexicon._sets[wordSet].Add(token.Word);
                }
                continue;
            }
            if (kind is null)
            {
                throw new FormatException($"Line {lineNumber}: an entry before any [section].");
            }
            var parts = line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var weight = 0.0;
            if (parts.Length > 1 && !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out weight))
            {
                throw new FormatException($"Line {lineNumber}: \"{parts[1]}\" is not a number.");
            }
            if (kind is CueKind.Valence or CueKind.Thanks or CueKind.Booster && parts.Length < 2)
            {
                throw new FormatException($"Line {lineNumber}: \"{parts[0]}\" needs a weight.");
            }
            lexicon.Add(kind.Value, parts[0], weight);
        }
        return lexicon;
    }

    /// <summary>Whether <paramref name="word"/> (normalised) is in one of the word lists.</summary>
    public bool IsIn(WordSet set, string word) => _sets[set].Contains(word);

    /// <summary>Entries whose first word could be <paramref name="word"/>, longest first.</summary>
    internal IReadOnlyList<SentimentCue>? StartingWith(string word) => _byFirstWord.GetValueOrDefault(word);

    private void Add(CueKind kind, string phrase, double weight)
    {
        var words = SentimentTokens.Scan(phrase).Where(t => t.Kind is TokenKind.Word or TokenKind.Emoji).Select(t => t.Word).ToArray();
        if (words.Length == 0)
        {
            throw new FormatException($"\"{phrase}\" has no words.");
        }
        var cue = new SentimentCue(kind, words, words.Select(SentimentTokens.Stem).ToArray(), weight);
        foreach (var key in new[] { cue.Words[0], cue.Stems[0] }.Distinct(StringComparer.Ordinal))
        {
            if (!_byFirstWord.TryGetValue(key, out var list))
            {
                _byFirstWord[key] = list = [];
            }
            list.Add(cue);
            list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
        }
        Count++;
    }

    private static string ReadEmbedded(string name) => EmbeddedText.Read(typeof(SentimentLexicon), name);
}
