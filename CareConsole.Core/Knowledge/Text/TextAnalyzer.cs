using CareConsole.Core.Text;

namespace CareConsole.Core.Knowledge.Text;

/// <summary>A search term and how much a match on it counts.</summary>
public readonly record struct WeightedTerm(string Term, float Weight);

/// <summary>
/// Turns text into search terms, the same way for articles and questions: Unicode words, lower-cased, Devanagari
/// normalised, English and Hindi stop words dropped, English and Hindi stems, plus pairs of neighbouring words
/// ("refund_upi") so phrases outrank scattered words. Questions are also expanded with the help centre's own
/// words for what the customer wrote ("paisa wapas" also searches "refund").
/// </summary>
public sealed class TextAnalyzer
{
    private const char PairJoiner = '_';

    /// <summary>How much a word reached through a synonym counts next to the word itself.</summary>
    private const float SynonymWeight = 0.6f;

    /// <summary>How much the corrected spelling of a misspelt word counts.</summary>
    private const float CorrectionWeight = 0.8f;

    /// <summary>
    /// How much a pair of neighbouring words counts next to a single word. A matching pair is strong evidence but
    /// already rides on its two words' own matches; at full weight pairs drown rarer single words.
    /// </summary>
    private const float PairWeight = 0.5f;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        // English
        "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but",
        "by", "can", "could", "did", "do", "does", "for", "from", "get", "got", "had", "has", "have", "he", "her", "here",
        "hi", "his", "how", "i", "if", "im", "in", "into", "is", "it", "its", "just", "me", "my", "of", "on", "or", "our",
        "please", "pls", "plz", "she", "should", "so", "some", "than", "that", "the", "their", "them", "then", "there",
        "they", "this", "to", "us", "very", "was", "we", "were", "what", "when", "which", "who", "why", "will", "with",
        "would", "you", "your", "yours", "hello", "hey", "ok", "okay", "sir", "madam", "thanks", "thank", "something",
        "anything", "thing", "things", "stuff",
        // Hinglish function words
        "hai", "hain", "ho", "hoga", "hogi", "tha", "thi", "the", "ka", "ki", "ke", "ko", "se", "me", "mein", "mai", "main",
        "mera", "meri", "mere", "mujhe", "muje", "aap", "aapka", "aapki", "apka", "apki", "kya", "kyu", "kyun", "kab", "kaise",
        "bhi", "to", "toh", "na", "ne", "hi", "ji", "bhai", "yaar", "ye", "yeh", "wo", "woh", "aur", "ya", "kar", "karo",
        "karna", "kr", "do", "de", "dijiye", "raha", "rahi", "rahe",
        // Hindi
        "है", "हैं", "था", "थी", "थे", "का", "की", "के", "को", "से", "में", "पर", "और", "या", "भी", "तो", "ही", "ने", "यह",
        "वह", "ये", "वो", "मेरा", "मेरी", "मेरे", "मुझे", "आप", "आपका", "आपकी", "क्या", "कैसे", "कब", "क्यों", "हो", "कर",
        "करें", "करना", "दें", "कृपया", "जी", "एक",
    };

    private readonly Dictionary<string, List<(string[] Phrase, string[] Canonical)>> _synonymsByFirstWord;

    // The other way round: the Devanagari ways of saying each of the help centre's words ("refund": रिफंड, पैसे वापस).
    private readonly Dictionary<string, List<string[]>> _devanagariByCanonical;

    private TextAnalyzer(Dictionary<string, List<(string[] Phrase, string[] Canonical)>> synonyms, IEnumerable<string> synonymWords)
    {
        _synonymsByFirstWord = synonyms;
        KnownWords = new HashSet<string>(StopWords.Concat(synonymWords), StringComparer.Ordinal);
        _devanagariByCanonical = synonyms.Values.SelectMany(list => list)
            .Where(s => UnicodeWords.IsDevanagari(s.Phrase[0][0]))
            .SelectMany(s => s.Canonical.Select(canonical => (Canonical: canonical, s.Phrase)))
            .GroupBy(s => s.Canonical, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(s => s.Phrase).ToList(), StringComparer.Ordinal);
    }

    /// <summary>Words that are right as written though no article uses them (stop words, Hinglish in the synonym table).</summary>
    public IReadOnlySet<string> KnownWords { get; }

    /// <summary>The analyzer with the synonym table shipped in synonyms.txt.</summary>
    public static TextAnalyzer Default { get; } = FromSynonyms(ReadEmbedded("synonyms.txt"));

    /// <summary>An analyzer with no synonyms, for corpora with their own vocabulary (benchmarks).</summary>
    public static TextAnalyzer Plain { get; } = new(new Dictionary<string, List<(string[], string[])>>(StringComparer.Ordinal), []);

    /// <summary>
    /// The terms an indexed text contributes: stems of its words and of neighbouring pairs. With a spelling
    /// dictionary, misspelt words are indexed as the word they were meant to be.
    /// </summary>
    public static List<string> IndexTerms(string text, SpellingCorrector? spelling = null)
    {
        var content = Words(text)
            .Where(w => !StopWords.Contains(w.Raw))
            .Select(w => spelling?.Correct(w.Raw) is { } corrected ? Stem(corrected) : w.Stem)
            .ToList();
        return WithPairs(content);
    }

    /// <summary>The normalised words of texts and how often each occurs, stop words left out: a spelling dictionary's input.</summary>
    public static Dictionary<string, int> WordFrequencies(IEnumerable<string> texts)
    {
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in texts.SelectMany(Words).Where(w => !StopWords.Contains(w.Raw)))
        {
            frequencies[word.Raw] = frequencies.GetValueOrDefault(word.Raw) + 1;
        }
        return frequencies;
    }

    private static List<string> WithPairs(List<string> content)
    {
        var terms = new List<string>(content.Count * 2);
        terms.AddRange(content);
        for (var i = 1; i < content.Count; i++)
        {
            terms.Add(content[i - 1] + PairJoiner + content[i]);
        }
        return terms;
    }

    /// <summary>
    /// The terms of a question with their weights: its own words and pairs count 1; corrected spellings of words
    /// the index does not know count <see cref="CorrectionWeight"/>; the help centre's words for what it says count
    /// <see cref="SynonymWeight"/>. A term reached several ways keeps its highest weight.
    /// </summary>
    public List<WeightedTerm> QueryTerms(string text, SpellingCorrector? spelling = null)
    {
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var term in IndexTerms(text))
        {
            weights[term] = IsPair(term) ? PairWeight : 1f;
        }

        var words = Words(text);
        if (spelling is not null)
        {
            var corrected = words.Where(w => !StopWords.Contains(w.Raw))
                .Select(w => KnownWords.Contains(w.Raw) ? null : spelling.Correct(w.Raw))
                .ToList();
            if (corrected.Any(c => c is not null))
            {
                var content = words.Where(w => !StopWords.Contains(w.Raw)).Select((w, i) => corrected[i] is { } c ? Stem(c) : w.Stem).ToList();
                foreach (var term in WithPairs(content))
                {
                    weights[term] = Math.Max(weights.GetValueOrDefault(term), CorrectionWeight * (IsPair(term) ? PairWeight : 1f));
                }
            }
        }

        for (var i = 0; i < words.Count; i++)
        {
            if (!_synonymsByFirstWord.TryGetValue(words[i].Stem, out var candidates))
            {
                continue;
            }
            foreach (var (phrase, canonical) in candidates)
            {
                if (i + phrase.Length > words.Count || !Matches(words, i, phrase))
                {
                    continue;
                }
                foreach (var term in canonical)
                {
                    weights[term] = Math.Max(weights.GetValueOrDefault(term), SynonymWeight);
                }
            }
        }
        return weights.Select(pair => new WeightedTerm(pair.Key, pair.Value)).ToList();
    }

    /// <summary>
    /// The terms of a question in Latin letters as a Hindi text would say it: its own terms, and the Devanagari
    /// words of the synonym table for each of the help centre's words it reaches ("UPI refund kitne din" also
    /// searches रिफंड and कितने दिन), weighted as synonyms. It finds the part of a Hindi article that answers a
    /// question the customer typed in the other script.
    /// </summary>
    public List<WeightedTerm> QueryTermsInDevanagari(string text)
    {
        var terms = QueryTerms(text);
        var weights = terms.ToDictionary(t => t.Term, t => t.Weight, StringComparer.Ordinal);
        foreach (var term in terms.Where(t => !IsPair(t.Term)))
        {
            foreach (var phrase in _devanagariByCanonical.GetValueOrDefault(term.Term) ?? [])
            {
                foreach (var variant in WithPairs(phrase.Where(w => !StopWords.Contains(w)).ToList()))
                {
                    weights[variant] = Math.Max(weights.GetValueOrDefault(variant), SynonymWeight * (IsPair(variant) ? PairWeight : 1f));
                }
            }
        }
        return weights.Select(pair => new WeightedTerm(pair.Key, pair.Value)).ToList();
    }

    private static bool IsPair(string term) => term.Contains(PairJoiner, StringComparison.Ordinal);

    private static bool Matches(List<Word> words, int start, string[] phrase)
    {
        for (var j = 0; j < phrase.Length; j++)
        {
            if (words[start + j].Stem != phrase[j])
            {
                return false;
            }
        }
        return true;
    }

    private readonly record struct Word(string Raw, string Stem);

    /// <summary>Normalised words of the text with their stems, stop words included (phrases need them).</summary>
    private static List<Word> Words(string text) =>
        UnicodeWords.Split(text).Select(raw => new Word(raw, Stem(raw))).ToList();

    private static string Stem(string word) =>
        UnicodeWords.IsDevanagari(word[0]) ? HindiStemmer.Stem(word) : EnglishStemmer.Stem(word);

    /// <summary>Reads "canonical[, canonical]: variant, variant, ..." lines.</summary>
    internal static TextAnalyzer FromSynonyms(string table)
    {
        var byFirstWord = new Dictionary<string, List<(string[] Phrase, string[] Canonical)>>(StringComparer.Ordinal);
        foreach (var line in table.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }
            var canonical = line[..colon].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .SelectMany(word => Words(word).Select(w => w.Stem))
                .Distinct()
                .ToArray();
            foreach (var variant in line[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var phrase = Words(variant).Select(w => w.Stem).ToArray();
                if (phrase.Length == 0)
                {
                    continue;
                }
                if (!byFirstWord.TryGetValue(phrase[0], out var list))
                {
                    byFirstWord[phrase[0]] = list = [];
                }
                list.Add((phrase, canonical));
            }
        }
        var synonymWords = table.Split('\n').Where(l => !l.TrimStart().StartsWith('#'))
            .SelectMany(l => Words(l.Replace(':', ',')))
            .Select(w => w.Raw);
        return new TextAnalyzer(byFirstWord, synonymWords);
    }

    private static string ReadEmbedded(string name) => EmbeddedText.Read(typeof(TextAnalyzer), name);
}
