namespace CareConsole.Core.Knowledge.Text;

/// <summary>
/// Corrects misspelt words against the words of a corpus: "refnd" becomes "refund", "cancle" "cancel", "trackng"
/// "tracking". A word is a candidate when it is one edit away (two for long words; a swap of neighbours is one
/// edit); the most frequent candidate wins. Lookups use the symmetric-delete method: every word is stored under the
/// strings that one or two deletions make of it, and a typo is looked up by its own deletions.
/// </summary>
public sealed class SpellingCorrector
{
    private const int MinimumLength = 4;
    private const int LongWord = 8;

    private readonly Dictionary<string, int> _frequency;
    private readonly Dictionary<string, List<string>> _byDeletion = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _corrections = new(StringComparer.Ordinal);
    private readonly Lock _cache = new();

    /// <param name="frequencies">Corpus words and how often they occur.</param>
    /// <param name="minimumFrequency">Rarer words are not trusted as spellings (in a noisy corpus they may be typos).</param>
    public SpellingCorrector(IReadOnlyDictionary<string, int> frequencies, int minimumFrequency = 1)
    {
        _frequency = frequencies.Where(p => p.Value >= minimumFrequency).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var word in _frequency.Keys.Where(w => w.Length >= MinimumLength - 1))
        {
            foreach (var deletion in Deletions(word, word.Length >= LongWord ? 2 : 1))
            {
                if (!_byDeletion.TryGetValue(deletion, out var list))
                {
                    _byDeletion[deletion] = list = [];
                }
                list.Add(word);
            }
        }
    }

    /// <summary>The dictionary word <paramref name="word"/> most likely meant, or null when it is known or too far from any.</summary>
    public string? Correct(string word)
    {
        if (word.Length < MinimumLength || _frequency.ContainsKey(word) || !IsLatin(word))
        {
            return null;
        }
        lock (_cache)
        {
            if (_corrections.TryGetValue(word, out var cached))
            {
                return cached;
            }
        }

        var maxDistance = word.Length >= LongWord ? 2 : 1;
        string? best = null;
        var bestFrequency = 0;
        var bestDistance = int.MaxValue;
        foreach (var deletion in Deletions(word, maxDistance))
        {
            if (!_byDeletion.TryGetValue(deletion, out var candidates))
            {
                continue;
            }
            foreach (var candidate in candidates)
            {
                var distance = Distance(word, candidate);
                if (distance > maxDistance || distance > bestDistance)
                {
                    continue;
                }
                var frequency = _frequency[candidate];
                if (distance < bestDistance || frequency > bestFrequency)
                {
                    (best, bestFrequency, bestDistance) = (candidate, frequency, distance);
                }
            }
        }
        lock (_cache)
        {
            _corrections[word] = best;
        }
        return best;
    }

    /// <summary>The word itself and every string one or two deletions make of it.</summary>
    private static HashSet<string> Deletions(string word, int depth)
    {
        var result = new HashSet<string>(StringComparer.Ordinal) { word };
        var frontier = new List<string> { word };
        for (var level = 0; level < depth; level++)
        {
            var next = new List<string>();
            foreach (var item in frontier.Where(item => item.Length > 1))
            {
                for (var i = 0; i < item.Length; i++)
                {
                    var shorter = item.Remove(i, 1);
                    if (result.Add(shorter))
                    {
                        next.Add(shorter);
                    }
                }
            }
            frontier = next;
        }
        return result;
    }

    /// <summary>Edit distance where swapping two neighbouring letters counts as one edit (optimal string alignment).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }

    private static bool IsLatin(string word)
    {
        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }
        return true;
    }
}
