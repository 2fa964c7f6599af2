using CareConsole.Core.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CareConsole.Core.Knowledge.Text;

/// <summary>
/// Normalises each word as <see cref="UnicodeWords.Normalise"/> does: lower case, Latin accents dropped, Devanagari
/// spelled one way (a nukta dropped, candrabindu as anusvara, joiners gone), apostrophes gone. A word that
/// normalises to nothing is dropped.
/// </summary>
public sealed class UnicodeWordFilter(TokenStream input) : TokenFilter(input)
{
    private readonly ICharTermAttribute _term = input.AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        while (m_input.IncrementToken())
        {
            var normalised = UnicodeWords.Normalise(_term.ToString());
            if (normalised.Length > 0)
            {
                _term.SetEmpty().Append(normalised);
                return true;
            }
        }
        return false;
    }
}
