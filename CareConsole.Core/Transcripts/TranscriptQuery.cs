using CareConsole.Core.Text;

namespace CareConsole.Core.Transcripts;

/// <summary>Whether a conversation must hold every term searched for, or any one of them.</summary>
public enum SearchMatch
{
    All,
    Any,
}

/// <summary>One thing searched for: a word, or words side by side in one message (a quoted phrase).</summary>
public sealed record SearchTerm(IReadOnlyList<string> Words)
{
    public bool IsPhrase => Words.Count > 1;

    public override string ToString() => IsPhrase ? $"\"{string.Join(' ', Words)}\"" : Words[0];
}

/// <summary>
/// What a manager typed into the transcripts search, read into terms: words, and phrases in double quotes (straight
/// or curly). Words are normalised the way messages are indexed (<see cref="UnicodeWords"/>), so "Refund", "refund"
/// and "REFUND" are one word, and रिफ़ंड finds रिफंड.
/// </summary>
public sealed record TranscriptQuery(IReadOnlyList<SearchTerm> Terms, SearchMatch Match)
{
    /// <summary>Longer than this is not a search anyone types; it is refused, not cut short.</summary>
    public const int MaxLength = 200;

    /// <summary>More terms than this would make every search a slow one.</summary>
    public const int MaxTerms = 12;

    /// <summary>The terms of <paramref name="text"/>, or null with what is wrong with it in <paramref name="problem"/>.</summary>
    public static TranscriptQuery? Parse(string text, SearchMatch match, out string? problem)
    {
        problem = null;
        if (text.Length > MaxLength)
        {
            problem = $"A search can be at most {MaxLength} characters long.";
            return null;
        }
        var terms = new List<SearchTerm>();
        var quoted = false;
        foreach (var part in text.Split(['"', '\u201C', '\u201D']))
        {
            var words = UnicodeWords.Placed(part).Select(w => w.Word).ToList();
            if (quoted && words.Count > 0)
            {
                terms.Add(new SearchTerm(words));
            }
            else
            {
                terms.AddRange(words.Select(word => new SearchTerm([word])));
            }
            quoted = !quoted;
        }
        terms = terms.DistinctBy(t => t.ToString()).ToList();
        if (terms.Count == 0)
        {
            problem = "Type a word or a \"quoted phrase\" to search for.";
            return null;
        }
        if (terms.Count > MaxTerms)
        {
            problem = $"A search can hold at most {MaxTerms} words and phrases.";
            return null;
        }
        return new TranscriptQuery(terms, match);
    }

    /// <summary>
    /// The places in <paramref name="words"/> (a message's, in order) where a term stands: the index of its first
    /// word and how many words it spans.
    /// </summary>
    public IEnumerable<(int Index, int Count)> Find(IReadOnlyList<PlacedWord> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            foreach (var term in Terms)
            {
                if (i + term.Words.Count <= words.Count && term.Words.Select((w, k) => words[i + k].Word == w).All(same => same))
                {
                    yield return (i, term.Words.Count);
                }
            }
        }
    }
}
