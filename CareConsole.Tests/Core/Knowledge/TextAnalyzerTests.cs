using CareConsole.Core.Knowledge.Text;

namespace CareConsole.Tests.Core.Knowledge;

public sealed class TextAnalyzerTests
{
    [Theory]
    [InlineData("refunds", "refunded", "refunding")]
    [InlineData("cancelled", "canceled", "cancel")]
    [InlineData("deliveries", "delivery", "delivery")]
    [InlineData("shipped", "shipping", "ships")]
    [InlineData("charged", "charge", "charges")]
    public void Stem_InflectedForms_MeetAtOneStem(string a, string b, string c)
    {
        Assert.Equal(Term(a), Term(b));
        Assert.Equal(Term(b), Term(c));
    }

    private static string Term(string word) => Assert.Single(TextAnalyzer.IndexTerms(word));

    [Theory]
    [InlineData("ऑर्डरों", "ऑर्डर")]
    [InlineData("रिफंडों", "रिफंड")]
    [InlineData("पहुँचेगा", "पहुंच")]
    public void HindiStem_Inflections_MeetTheWord(string word, string stem) =>
        Assert.Equal(Term(stem), Term(word));

    [Fact]
    public void IndexTerms_DropsStopWordsAndAddsNeighbourPairs()
    {
        var terms = TextAnalyzer.IndexTerms("Where is my refund for the UPI payment?");

        Assert.DoesNotContain("the", terms);
        Assert.DoesNotContain("my", terms);
        Assert.Contains(Term("refund"), terms);
        Assert.Contains($"{Term("refund")}_{Term("upi")}", terms);
    }

    [Fact]
    public void IndexTerms_DevanagariSpelledTwoWays_GiveTheSameTerms() =>
        Assert.Equal(TextAnalyzer.IndexTerms("कब पहुँचेगा"), TextAnalyzer.IndexTerms("कब पहुंचेगा"));

    [Fact]
    public void QueryTerms_HinglishPhrase_AlsoSearchesTheHelpCentresWord()
    {
        var terms = TextAnalyzer.Default.QueryTerms("mera paisa wapas kab aayega").ToDictionary(t => t.Term, t => t.Weight);

        Assert.True(terms.ContainsKey(Term("refund")), string.Join(", ", terms.Keys));
        Assert.True(terms.ContainsKey("paisa"));
        Assert.True(terms[Term("refund")] < terms["paisa"], "a synonym counts less than the word used");
    }

    [Fact]
    public void QueryTerms_DevanagariWord_AlsoSearchesTheEnglishWord()
    {
        var terms = TextAnalyzer.Default.QueryTerms("रिफंड कब आएगा").Select(t => t.Term).ToList();

        Assert.Contains(Term("refund"), terms);
    }

    [Fact]
    public void QueryTerms_PlainAnalyzer_HasNoSynonyms()
    {
        var terms = TextAnalyzer.Plain.QueryTerms("paisa wapas").Select(t => t.Term).ToList();

        Assert.DoesNotContain(Term("refund"), terms);
    }

    [Theory]
    [InlineData("refnd", "refund")]
    [InlineData("cancle", "cancel")]
    [InlineData("trackng", "tracking")]
    [InlineData("deliverd", "delivered")]
    public void Correct_MisspeltWord_FindsTheCorpusWord(string typo, string word)
    {
        var spelling = new SpellingCorrector(new Dictionary<string, int> { ["refund"] = 9, ["cancel"] = 7, ["tracking"] = 5, ["delivered"] = 4, ["refunds"] = 1 });

        Assert.Equal(word, spelling.Correct(typo));
    }

    [Fact]
    public void Correct_KnownOrFarWord_IsLeftAlone()
    {
        var spelling = new SpellingCorrector(new Dictionary<string, int> { ["refund"] = 9 });

        Assert.Null(spelling.Correct("refund"));
        Assert.Null(spelling.Correct("warranty"));
        Assert.Null(spelling.Correct("रिफंड"));
    }
}
