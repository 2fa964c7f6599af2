using System.Text;
using CareConsole.Core.Text;

namespace CareConsole.Core.Trackers;

/// <summary>A tracker's phrase found in a message.</summary>
public readonly record struct TrackerMatch(int TrackerId, string TrackerName, string Phrase);

/// <summary>
/// Finds the active trackers' phrases in a message. Matching is on whole words, so "sale" never fires on
/// "wholesale"; case and Latin accents do not matter, Devanagari is spelled one way (nukta, candrabindu), and
/// romanised Hindi is folded so the common spellings of a word meet ("aayega", "ayega"; "wapas", "vapas";
/// "achha", "acha").
/// </summary>
public sealed class TrackerMatcher
{
    private readonly Dictionary<string, List<(string[] Words, int Tracker, string Phrase)>> _byFirstWord = new(StringComparer.Ordinal);
    private readonly List<TrackerDefinition> _trackers;

    public TrackerMatcher(IEnumerable<TrackerDefinition> trackers)
    {
        _trackers = trackers.Where(t => t.IsActive).ToList();
        for (var t = 0; t < _trackers.Count; t++)
        {
            foreach (var phrase in _trackers[t].Phrases)
            {
                var words = Words(phrase);
                if (words.Length == 0)
                {
                    continue;
                }
                if (!_byFirstWord.TryGetValue(words[0], out var list))
                {
                    _byFirstWord[words[0]] = list = [];
                }
                list.Add((words, t, phrase));
            }
        }
    }

    public static TrackerMatcher Empty { get; } = new([]);

    /// <summary>Each tracker found in <paramref name="text"/> once, with the first of its phrases that matched.</summary>
    public IReadOnlyList<TrackerMatch> Match(string text)
    {
        if (_byFirstWord.Count == 0)
        {
            return [];
        }
        var words = Words(text);
        List<TrackerMatch>? found = null;
        List<int>? matched = null;
        for (var i = 0; i < words.Length; i++)
        {
            if (!_byFirstWord.TryGetValue(words[i], out var candidates))
            {
                continue;
            }
            foreach (var (phrase, tracker, written) in candidates)
            {
                if (matched?.Contains(tracker) == true || !StartsAt(words, i, phrase))
                {
                    continue;
                }
                (matched ??= []).Add(tracker);
                (found ??= []).Add(new TrackerMatch(_trackers[tracker].Id, _trackers[tracker].Name, written));
            }
        }
        return found ?? (IReadOnlyList<TrackerMatch>)[];
    }

    /// <summary>The words a phrase or message is matched on: normalised, and romanised Hindi folded.</summary>
    public static string[] Words(string text) => UnicodeWords.Split(text).Select(Fold).ToArray();

    private static bool StartsAt(string[] words, int start, string[] phrase)
    {
        if (start + phrase.Length > words.Length)
        {
            return false;
        }
        for (var k = 1; k < phrase.Length; k++)
        {
            if (words[start + k] != phrase[k])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Romanised Hindi is written many ways; these folds bring the common ones together: "w" as "v", "ee" as "i",
    /// "oo" as "u", "ph" as "f", and doubled letters single ("aa", "chh", "cch"). English words fold the same way
    /// on both sides, so they still meet themselves.
    /// </summary>
    private static string Fold(string word)
    {
        if (word.Length == 0 || word[0] > 'z')
        {
            return word;
        }
        var folded = new StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            var next = i + 1 < word.Length ? word[i + 1] : '\0';
            switch (c)
            {
                case 'w':
                    c = 'v';
                    break;
                case 'e' when next == 'e':
                    c = 'i';
                    i++;
                    break;
                case 'o' when next == 'o':
                    c = 'u';
                    i++;
                    break;
                case 'p' when next == 'h':
                    c = 'f';
                    i++;
                    break;
                case 'c' when next == 'c':
                    continue;
            }
            if (c == 'h' && folded.Length >= 2 && folded[^1] == 'h' && folded[^2] == 'c')
            {
                continue;
            }
            if (folded.Length > 0 && folded[^1] == c && char.IsLetter(c))
            {
                continue;
            }
            folded.Append(c);
        }
        return folded.ToString();
    }
}
