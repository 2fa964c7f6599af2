using CareConsole.Core.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Hi;
using Lucene.Net.Analysis.In;
using Lucene.Net.Analysis.Shingle;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace CareConsole.Core.Knowledge.Text;

/// <summary>
/// How help-centre text becomes search terms, one Lucene analysis chain for articles and questions alike: Unicode
/// words, normalised (Devanagari spelled one way), the customer's phrasings mapped to the help centre's words
/// (questions only), English, Hinglish and Hindi stop words dropped, misspellings corrected (corpora that ask for
/// it), English words through Lucene's English stemmer and Devanagari ones through its Hindi normaliser and
/// stemmer, and pairs of neighbouring words ("refund_upi") so phrases outrank scattered words.
/// </summary>
public sealed class SearchAnalyzer : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>The type Lucene's synonym filter gives the words it adds.</summary>
    public const string SynonymType = "SYNONYM";

    /// <summary>The type the pair filter gives word pairs.</summary>
    public const string PairType = "shingle";

    public const string PairJoiner = "_";

    private static readonly string[] StopWordList =
    [
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
    ];

    private readonly bool _stem;
    private readonly bool _pairs;
    private readonly SynonymMap? _synonyms;
    private readonly SpellingCorrector? _spelling;
    private readonly IReadOnlySet<string> _known;

    /// <param name="stem">Stems words; off only for reading the words themselves (spelling dictionaries, the synonym table).</param>
    /// <param name="pairs">Adds pairs of neighbouring words.</param>
    /// <param name="synonyms">Keeps only the help centre's words that the text's phrasings map to (a question's synonyms).</param>
    /// <param name="spelling">Corrects misspelt words against a corpus; <paramref name="known"/> words are left alone.</param>
    /// <param name="known">Words right as written though the corpus may lack them.</param>
    public SearchAnalyzer(bool stem = true, bool pairs = true, SynonymMap? synonyms = null, SpellingCorrector? spelling = null, IReadOnlySet<string>? known = null)
    {
        _stem = stem;
        _pairs = pairs;
        _synonyms = synonyms;
        _spelling = spelling;
        _known = known ?? new HashSet<string>();
    }

    /// <summary>Stop words: English, Hinglish and Hindi words that say nothing about what a question is about.</summary>
    public static CharArraySet StopWords { get; } = new(Version, StopWordsList, ignoreCase: false);

    /// <summary>The stop words as written.</summary>
    public static IReadOnlyList<string> StopWordsList => StopWordList;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new UnicodeWordTokenizer(reader);
        TokenStream stream = new UnicodeWordFilter(source);
        if (_synonyms is not null)
        {
            stream = new SynonymFilter(stream, _synonyms, ignoreCase: false);
            stream = new TypeTokenFilter(Version, stream, [SynonymType], useWhiteList: true);
        }
        stream = new StopFilter(Version, stream, StopWords);
        if (_spelling is not null)
        {
            stream = new SpellingFilter(stream, _spelling, _known);
        }
        if (_stem)
        {
            stream = new ScriptKeywordFilter(stream, shieldDevanagari: true);
            stream = new PorterStemFilter(stream);
            stream = new ScriptKeywordFilter(stream, shieldDevanagari: false);
            stream = new IndicNormalizationFilter(stream);
            stream = new HindiNormalizationFilter(stream);
            // Lucene's Hindi stemmer measured worse on the Devanagari questions (hit@1 0.765 against 0.784).
            stream = new DevanagariStemFilter(stream);
        }
        if (_pairs)
        {
            var pairs = new ShingleFilter(new ClosedGapsFilter(stream), 2, 2);
            pairs.SetTokenSeparator(PairJoiner);
            pairs.SetOutputUnigrams(true);
            stream = pairs;
        }
        return new TokenStreamComponents(source, stream);
    }

    /// <summary>The terms <paramref name="text"/> gives, in order, with their types.</summary>
    public List<(string Term, string Type)> Terms(string text)
    {
        var terms = new List<(string, string)>();
        using var stream = GetTokenStream("", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add((term.ToString(), type.Type));
        }
        stream.End();
        return terms;
    }
}
