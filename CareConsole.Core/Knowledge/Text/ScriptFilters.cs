using CareConsole.Core.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CareConsole.Core.Knowledge.Text;

/// <summary>
/// Shields the words of one script from the stemmer that follows: Devanagari words from the English stemmer, Latin
/// words from the Hindi one. One field holds English, Hinglish and Hindi side by side, so each stemmer only sees
/// its own language.
/// </summary>
public sealed class ScriptKeywordFilter(TokenStream input, bool shieldDevanagari) : TokenFilter(input)
{
    private readonly ICharTermAttribute _term = input.AddAttribute<ICharTermAttribute>();
    private readonly IKeywordAttribute _keyword = input.AddAttribute<IKeywordAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }
        _keyword.IsKeyword = _term.Length > 0 && UnicodeWords.IsDevanagari(_term.Buffer[0]) == shieldDevanagari;
        return true;
    }
}

/// <summary>
/// Strips Hindi inflections from Devanagari words (<see cref="HindiStemmer"/>: ऑर्डरों and ऑर्डर meet); words marked
/// as keywords are left alone.
/// </summary>
public sealed class DevanagariStemFilter(TokenStream input) : TokenFilter(input)
{
    private readonly ICharTermAttribute _term = input.AddAttribute<ICharTermAttribute>();
    private readonly IKeywordAttribute _keyword = input.AddAttribute<IKeywordAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }
        if (!_keyword.IsKeyword)
        {
            var word = _term.ToString();
            var stem = HindiStemmer.Stem(word);
            if (stem.Length != word.Length)
            {
                _term.SetEmpty().Append(stem);
            }
        }
        return true;
    }
}

/// <summary>
/// Closes the gaps the stop filter leaves, so word pairs are made of neighbouring content words ("refund upi" from
/// "refund for the UPI") as they always were.
/// </summary>
public sealed class ClosedGapsFilter(TokenStream input) : TokenFilter(input)
{
    private readonly IPositionIncrementAttribute _position = input.AddAttribute<IPositionIncrementAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }
        if (_position.PositionIncrement > 1)
        {
            _position.PositionIncrement = 1;
        }
        return true;
    }
}

/// <summary>
/// Replaces a misspelt word with the corpus word it was most likely meant to be ("refnd": "refund"); words known
/// to be right though the corpus lacks them (stop words, the synonym table's Hinglish) stay as written.
/// </summary>
public sealed class SpellingFilter(TokenStream input, SpellingCorrector spelling, IReadOnlySet<string> known) : TokenFilter(input)
{
    private readonly ICharTermAttribute _term = input.AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }
        var word = _term.ToString();
        if (!known.Contains(word) && spelling.Correct(word) is { } corrected)
        {
            _term.SetEmpty().Append(corrected);
        }
        return true;
    }
}

