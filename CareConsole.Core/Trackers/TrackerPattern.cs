using System.Globalization;
using System.Text.RegularExpressions;

namespace CareConsole.Core.Trackers;

/// <summary>
/// One word of a phrase as matched: a plain word, or a word with wildcards (<c>refund*</c>, <c>*wala</c>, <c>d?al</c>)
/// that matches within one word of the text and never across words.
/// </summary>
/// <remarks>
/// A wildcard word runs as a small automaton over a bit set, one step per letter, so a word of the text costs time in
/// proportion to its length whatever the pattern: no backtracking, and no regular expression built from what a
/// manager typed.
/// </remarks>
internal sealed class WordPattern
{
    private readonly string _prefix;
    private readonly string _suffix;
    private readonly int _fixedLetters;
    private readonly bool _hasAnyLetters;
    private readonly int _length;
    private readonly UInt128 _anyLetters;
    private readonly UInt128 _oneLetter;
    private readonly Dictionary<char, UInt128> _letters = [];

    public WordPattern(string word)
    {
        // "**" is "*": keeping stars apart lets one closure step follow every star.
        while (word.Contains("**", StringComparison.Ordinal))
        {
            word = word.Replace("**", "*", StringComparison.Ordinal);
        }
        Text = word;
        IsLiteral = !TrackerText.HasWildcard(word);
        var firstWildcard = word.IndexOfAny([TrackerText.AnyLetters, TrackerText.OneLetter]);
        var lastWildcard = word.LastIndexOfAny([TrackerText.AnyLetters, TrackerText.OneLetter]);
        _prefix = firstWildcard < 0 ? word : word[..firstWildcard];
        _suffix = lastWildcard < 0 ? word : word[(lastWildcard + 1)..];
        _fixedLetters = word.Count(c => c != TrackerText.AnyLetters);
        _hasAnyLetters = word.Contains(TrackerText.AnyLetters, StringComparison.Ordinal);
        _length = word.Length;
        for (var i = 0; i < word.Length; i++)
        {
            var bit = UInt128.One << i;
            switch (word[i])
            {
                case TrackerText.AnyLetters:
                    _anyLetters |= bit;
                    break;
                case TrackerText.OneLetter:
                    _oneLetter |= bit;
                    break;
                default:
                    _letters[word[i]] = _letters.GetValueOrDefault(word[i]) | bit;
                    break;
            }
        }
    }

    /// <summary>The folded word, wildcards included.</summary>
    public string Text { get; }

    /// <summary>No wildcards: the word matches itself only.</summary>
    public bool IsLiteral { get; }

    /// <summary>Whether <paramref name="word"/> (normalised and folded) is one this pattern matches.</summary>
    public bool Matches(string word)
    {
        if (IsLiteral)
        {
            return string.Equals(word, Text, StringComparison.Ordinal);
        }
        if (word.Length < _fixedLetters || (!_hasAnyLetters && word.Length != _fixedLetters)
            || !word.StartsWith(_prefix, StringComparison.Ordinal) || !word.EndsWith(_suffix, StringComparison.Ordinal))
        {
            return false;
        }
        // Bit j set: the first j characters of the pattern match what has been read so far.
        var state = Close(UInt128.One);
        foreach (var c in word)
        {
            var step = _oneLetter | _letters.GetValueOrDefault(c);
            state = Close(((state & step) << 1) | (state & _anyLetters));
            if (state == UInt128.Zero)
            {
                return false;
            }
        }
        return (state & (UInt128.One << _length)) != UInt128.Zero;
    }

    // A star may match no letters: being at a star is also being just past it.
    private UInt128 Close(UInt128 state) => state | ((state & _anyLetters) << 1);
}

/// <summary>
/// A tracker's phrase made ready to match: a run of consecutive words (each plain or with wildcards), or two words
/// within a few words of each other (<c>late NEAR/3 delivery</c>).
/// </summary>
internal abstract partial class TrackerPattern(string written)
{
    /// <summary>The farthest apart NEAR/n may ask two words to be.</summary>
    public const int MaxNearDistance = 20;

    /// <summary>The phrase as the tracker spells it.</summary>
    public string Written => written;

    /// <summary>Every place the phrase occurs in <paramref name="text"/>, as first and last word.</summary>
    public abstract void FindAll(MessageWords text, List<(int First, int Last, TrackerPattern Pattern)> found);

    /// <summary>
    /// <paramref name="phrase"/> ready to match in <paramref name="mode"/>; null with a sentence a manager can act on
    /// in <paramref name="problem"/> when it cannot be matched as written.
    /// </summary>
    public static TrackerPattern? Parse(string phrase, TrackerMode mode, out string? problem)
    {
        problem = null;
        var near = NearOperator().Matches(phrase);
        if (mode == TrackerMode.Exact)
        {
            if (TrackerText.HasWildcard(phrase) || near.Count > 0)
            {
                problem = $"\"{phrase}\" uses {(near.Count > 0 ? near[0].Value : "* or ?")}, which only Pattern mode understands: choose Pattern, or take {(near.Count > 0 ? "it" : "them")} out.";
                return null;
            }
            var words = TrackerText.Words(phrase);
            if (words.Count == 0)
            {
                problem = $"\"{phrase}\" has no words to match.";
                return null;
            }
            return new Sequence(phrase, [.. words.Select(w => new WordPattern(w.Word))]);
        }

        if (near.Count > 1)
        {
            problem = $"\"{phrase}\" has more than one NEAR/n; a phrase takes one, e.g. \"late NEAR/3 delivery\".";
            return null;
        }
        if (near.Count == 1)
        {
            var operatorText = near[0].Value;
            var left = TrackerText.Words(phrase[..near[0].Index], wildcards: true);
            var right = TrackerText.Words(phrase[(near[0].Index + near[0].Length)..], wildcards: true);
            if (left.Count != 1 || right.Count != 1)
            {
                problem = $"\"{phrase}\" needs one word on each side of {operatorText}, e.g. \"late {operatorText} delivery\".";
                return null;
            }
            if (!int.TryParse(near[0].Groups["distance"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var distance)
                || distance is < 1 or > MaxNearDistance)
            {
                problem = $"\"{phrase}\": NEAR/n takes a distance of 1 to {MaxNearDistance} words.";
                return null;
            }
            return WildcardOnly(phrase, [left[0], right[0]], ref problem)
                ? null
                : new Near(phrase, new WordPattern(left[0].Word), new WordPattern(right[0].Word), distance);
        }

        var patternWords = TrackerText.Words(phrase, wildcards: true);
        if (patternWords.Count == 0)
        {
            problem = $"\"{phrase}\" has no words to match.";
            return null;
        }
        return WildcardOnly(phrase, patternWords, ref problem) ? null : new Sequence(phrase, [.. patternWords.Select(w => new WordPattern(w.Word))]);
    }

    private static bool WildcardOnly(string phrase, List<TrackerWord> words, ref string? problem)
    {
        if (words.FirstOrDefault(w => w.Word.All(c => c is TrackerText.AnyLetters or TrackerText.OneLetter)) is { Word: not null } bare)
        {
            problem = $"\"{phrase}\": \"{phrase.Substring(bare.Start, bare.Length)}\" would match almost any word; give each word at least one letter besides * and ?.";
            return true;
        }
        return false;
    }

    // NEAR/3, near/3 or Near/3: the operator is written as one token between two words.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])near/(?<distance>\d{1,6})(?![\p{L}\p{N}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NearOperator();

    /// <summary>Consecutive words, each plain or with wildcards.</summary>
    private sealed class Sequence(string written, WordPattern[] words) : TrackerPattern(written)
    {
        public override void FindAll(MessageWords text, List<(int First, int Last, TrackerPattern Pattern)> found)
        {
            foreach (var start in text.PositionsOf(words[0]))
            {
                if (start + words.Length > text.Count)
                {
                    break;
                }
                var all = true;
                for (var k = 1; k < words.Length && all; k++)
                {
                    all = text.MatchesAt(words[k], start + k);
                }
                if (all)
                {
                    found.Add((start, start + words.Length - 1, this));
                }
            }
        }
    }

    /// <summary>Two words at most <c>distance</c> words apart, in either order.</summary>
    private sealed class Near(string written, WordPattern first, WordPattern second, int distance) : TrackerPattern(written)
    {
        public override void FindAll(MessageWords text, List<(int First, int Last, TrackerPattern Pattern)> found)
        {
            // From each word that is one side, the nearest other side after it: one match per starting word, the
            // closest pair, which is what a reader would point to.
            var firsts = text.PositionsOf(first);
            var seconds = text.PositionsOf(second);
            if (firsts.Count == 0 || seconds.Count == 0)
            {
                return;
            }
            foreach (var start in firsts.Concat(seconds).Distinct().Order())
            {
                for (var end = start + 1; end <= start + distance && end < text.Count; end++)
                {
                    if ((text.MatchesAt(first, start) && text.MatchesAt(second, end)) || (text.MatchesAt(second, start) && text.MatchesAt(first, end)))
                    {
                        found.Add((start, end, this));
                        break;
                    }
                }
            }
        }
    }
}

/// <summary>
/// A message's words, read once and shared by every tracker matched against it, with what each wildcard word was
/// found to match remembered so no word is tried twice against one pattern.
/// </summary>
internal sealed class MessageWords(List<TrackerWord> words)
{
    private Dictionary<string, List<int>>? _positions;
    private Dictionary<WordPattern, List<int>>? _patternPositions;
    private Dictionary<(WordPattern, string), bool>? _tried;

    public int Count => words.Count;

    public TrackerWord this[int index] => words[index];

    /// <summary>Where <paramref name="pattern"/> matches, in order.</summary>
    public IReadOnlyList<int> PositionsOf(WordPattern pattern)
    {
        if (_positions is null)
        {
            _positions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < words.Count; i++)
            {
                if (!_positions.TryGetValue(words[i].Word, out var list))
                {
                    _positions[words[i].Word] = list = [];
                }
                list.Add(i);
            }
        }
        if (pattern.IsLiteral)
        {
            return _positions.TryGetValue(pattern.Text, out var exact) ? exact : [];
        }
        _patternPositions ??= new Dictionary<WordPattern, List<int>>(ReferenceEqualityComparer.Instance);
        if (!_patternPositions.TryGetValue(pattern, out var found))
        {
            // Each distinct word once: a message repeating one word a thousand times costs one try.
            found = [];
            foreach (var (word, positions) in _positions)
            {
                if (pattern.Matches(word))
                {
                    found.AddRange(positions);
                }
            }
            found.Sort();
            _patternPositions[pattern] = found;
        }
        return found;
    }

    public bool MatchesAt(WordPattern pattern, int index)
    {
        var word = words[index].Word;
        if (pattern.IsLiteral)
        {
            return string.Equals(word, pattern.Text, StringComparison.Ordinal);
        }
        _tried ??= [];
        if (!_tried.TryGetValue((pattern, word), out var matches))
        {
            _tried[(pattern, word)] = matches = pattern.Matches(word);
        }
        return matches;
    }
}
