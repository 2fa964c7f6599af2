using CareConsole.Core.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CareConsole.Core.Knowledge.Text;

/// <summary>
/// Splits text into words the way every text feature of the product reads them (<see cref="UnicodeWords"/>):
/// letters, digits and the signs Devanagari words are built with, an apostrophe or joiner inside a word keeping it
/// whole. Words come out as written; <see cref="UnicodeWordFilter"/> normalises them.
/// </summary>
public sealed class UnicodeWordTokenizer : Tokenizer
{
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private string _text = "";
    private List<(int Start, int Length)> _spans = [];
    private int _next;

    public UnicodeWordTokenizer(TextReader input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_next >= _spans.Count)
        {
            return false;
        }
        ClearAttributes();
        var (start, length) = _spans[_next++];
        _term.CopyBuffer(_text.ToCharArray(start, length), 0, length);
        _offset.SetOffset(CorrectOffset(start), CorrectOffset(start + length));
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        // Sections and questions are short: reading the whole text keeps the word rules in one place.
        _text = m_input.ReadToEnd();
        _spans = UnicodeWords.Spans(_text);
        _next = 0;
    }

    public override void End()
    {
        base.End();
        var end = CorrectOffset(_text.Length);
        _offset.SetOffset(end, end);
    }
}
