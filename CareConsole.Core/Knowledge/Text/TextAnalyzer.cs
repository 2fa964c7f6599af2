using CareConsole.Core.Text;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Util;

namespace CareConsole.Core.Knowledge.Text;

/// <summary>A search term and how much a match on it counts.</summary>
public readonly record struct WeightedTerm(string Term, float Weight);

/// <summary>
/// Turns a question into weighted search terms through <see cref="SearchAnalyzer"/>: its own words and neighbouring
/// pairs, the corrected spellings of words a corpus does not know, and the help centre's own words for phrasings
/// the synonym table lists ("paisa wapas" also searches "refund"). The synonym table is a Lucene synonym map read
/// over the whole question, so phrases of several words are found.
/// </summary>
public sealed class TextAnalyzer
{
    /// <summary>How much a word reached through a synonym counts next to the word itself.</summary>
    private const float SynonymWeight = 0.6f;

    /// <summary>How much the corrected spelling of a misspelt word counts.</summary>
    private const float CorrectionWeight = 0.8f;

    /// <summary>
    /// How much a pair of neighbouring words counts next to a single word. A matching pair is strong evidence but
    /// already rides on its two words' own matches; at full weight pairs drown rarer single words.
    /// </summary>
    private const float PairWeight = 0.5f;

    /// <summary>Articles and questions: stemmed words and pairs.</summary>
    public static SearchAnalyzer Indexing { get; } = new();

    // The normalised words themselves, stop words left out: spelling dictionaries and the synonym table.
    private static readonly SearchAnalyzer WordsOnly = new(stem: false, pairs: false);

    private readonly SearchAnalyzer? _synonyms;

    // The other way round: the Devanagari ways of saying each of the help centre's words ("refund": रिफंड, पैसे वापस).
    private readonly Dictionary<string, List<string>> _devanagariByCanonical;

    private TextAnalyzer(SynonymMap? synonyms, Dictionary<string, List<string>> devanagari, IEnumerable<string> synonymWords)
    {
        _synonyms = synonyms is null ? null : new SearchAnalyzer(pairs: false, synonyms: synonyms);
        _devanagariByCanonical = devanagari;
        KnownWords = new HashSet<string>(SearchAnalyzer.StopWordsList.Concat(synonymWords), StringComparer.Ordinal);
    }

    /// <summary>Words that are right as written though no article uses them (stop words, Hinglish in the synonym table).</summary>
    public IReadOnlySet<string> KnownWords { get; }

    /// <summary>The analyzer with the synonym table shipped in synonyms.txt.</summary>
    public static TextAnalyzer Default { get; } = FromSynonyms(EmbeddedText.Read(typeof(TextAnalyzer), "synonyms.txt"));

    /// <summary>An analyzer with no synonyms, for corpora with their own vocabulary (benchmarks).</summary>
    public static TextAnalyzer Plain { get; } = new(null, [], []);

    /// <summary>The analysis for indexing a corpus, correcting its misspelt words when it has a spelling dictionary.</summary>
    public SearchAnalyzer ForIndexing(SpellingCorrector? spelling) =>
        spelling is null ? Indexing : new SearchAnalyzer(spelling: spelling, known: KnownWords);

    /// <summary>The terms an indexed text contributes: stems of its words and of neighbouring pairs.</summary>
    public static List<string> IndexTerms(string text) => Indexing.Terms(text).Select(t => t.Term).ToList();

    /// <summary>The normalised words of texts and how often each occurs, stop words left out: a spelling dictionary's input.</summary>
    public static Dictionary<string, int> WordFrequencies(IEnumerable<string> texts)
    {
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (word, _) in texts.SelectMany(WordsOnly.Terms))
        {
            frequencies[word] = frequencies.GetValueOrDefault(word) + 1;
        }
        return frequencies;
    }

    /// <summary>
    /// The terms of a question with their weights: its own words and pairs count 1; corrected spellings of words
    /// the corpus does not know count <see cref="CorrectionWeight"/>; the help centre's words for what it says count
    /// <see cref="SynonymWeight"/>. A term reached several ways keeps its highest weight.
    /// </summary>
    public List<WeightedTerm> QueryTerms(string text, SpellingCorrector? spelling = null)
    {
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        Add(Indexing, 1f);
        if (spelling is not null)
        {
            Add(ForIndexing(spelling), CorrectionWeight);
        }
        if (_synonyms is not null)
        {
            Add(_synonyms, SynonymWeight);
        }
        return weights.Select(pair => new WeightedTerm(pair.Key, pair.Value)).ToList();

        void Add(SearchAnalyzer analyzer, float weight)
        {
            foreach (var (term, type) in analyzer.Terms(text))
            {
                var weighted = weight * (type == SearchAnalyzer.PairType ? PairWeight : 1f);
                weights[term] = Math.Max(weights.GetValueOrDefault(term), weighted);
            }
        }
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
                foreach (var (variant, type) in Indexing.Terms(phrase))
                {
                    var weight = SynonymWeight * (type == SearchAnalyzer.PairType ? PairWeight : 1f);
                    weights[variant] = Math.Max(weights.GetValueOrDefault(variant), weight);
                }
            }
        }
        return weights.Select(pair => new WeightedTerm(pair.Key, pair.Value)).ToList();
    }

    public static bool IsPair(string term) => term.Contains(SearchAnalyzer.PairJoiner, StringComparison.Ordinal);

    /// <summary>Reads "canonical[, canonical]: variant, variant, ..." lines into a Lucene synonym map.</summary>
    internal static TextAnalyzer FromSynonyms(string table)
    {
        var builder = new SynonymMap.Builder(dedup: true);
        var devanagari = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var words = new List<string>();
        foreach (var line in table.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }
            var canonical = line[..colon].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(word => string.Join(' ', UnicodeWords.Split(word)))
                .Where(word => word.Length > 0)
                .Distinct()
                .ToList();
            foreach (var variant in line[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var phrase = UnicodeWords.Split(variant);
                if (phrase.Count == 0)
                {
                    continue;
                }
                words.AddRange(phrase);
                var input = SynonymMap.Builder.Join([.. phrase], new CharsRef());
                foreach (var word in canonical)
                {
                    builder.Add(input, SynonymMap.Builder.Join(word.Split(' '), new CharsRef()), includeOrig: true);
                }
                if (UnicodeWords.IsDevanagari(phrase[0][0]))
                {
                    foreach (var stem in canonical.SelectMany(IndexTerms).Where(t => !IsPair(t)))
                    {
                        if (!devanagari.TryGetValue(stem, out var list))
                        {
                            devanagari[stem] = list = [];
                        }
                        list.Add(variant);
                    }
                }
            }
            words.AddRange(canonical.SelectMany(c => c.Split(' ')));
        }
        return new TextAnalyzer(builder.Build(), devanagari, words);
    }
}
