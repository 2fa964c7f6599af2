using CareConsole.Core.Sentiment;

namespace CareConsole.Tests.Core.Sentiment;

public sealed class SentimentLexiconTests
{
    [Fact]
    public void Default_LoadsEveryLanguagesEntries()
    {
        var lexicon = SentimentLexicon.Default;

        Assert.True(lexicon.Count > 800, $"{lexicon.Count} entries");
        Assert.NotNull(lexicon.StartingWith("useless"));
        Assert.NotNull(lexicon.StartingWith("bakwas"));
        Assert.NotNull(lexicon.StartingWith("बेकार"));
        Assert.True(lexicon.IsIn(WordSet.Duration, "hafte"));
    }

    [Theory]
    [InlineData("[feelings]\ngood\t2", "Line 1: unknown section")]
    [InlineData("good\t2", "Line 1: an entry before any [section]")]
    [InlineData("[valence]\ngood", "Line 2: \"good\" needs a weight")]
    [InlineData("[valence]\ngood\tvery", "Line 2: \"very\" is not a number")]
    [InlineData("[valence]\n!!!\t2", "has no words")]
    public void Parse_Mistake_SaysWhereAndWhat(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => SentimentLexicon.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OwnLexicon_DrivesTheModel()
    {
        var model = new LexiconSentimentModel(SentimentLexicon.Parse("[valence]\nfab\t3\nmeh\t-2\n[negator]\nnot\n"));

        Assert.Equal(SentimentLabel.Positive, model.Score("fab parcel").Label);
        Assert.Equal(SentimentLabel.Negative, model.Score("not fab").Label);
        Assert.Equal(SentimentLabel.Neutral, model.Score("good parcel").Label);
    }
}
