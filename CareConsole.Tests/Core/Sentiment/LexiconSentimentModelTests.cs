using CareConsole.Core.Sentiment;

namespace CareConsole.Tests.Core.Sentiment;

public sealed class LexiconSentimentModelTests
{
    private static readonly LexiconSentimentModel Model = LexiconSentimentModel.Default;

    private static SentimentLabel Label(string text) => Model.Score(text).Label;

    [Theory]
    [InlineData("not happy with this at all")]
    [InlineData("the product is not good")]
    [InlineData("accha nahi laga yeh phone")]
    [InlineData("मुझे यह बिल्कुल पसंद नहीं आया")]
    public void Negation_OfPraise_IsNegative(string text) => Assert.Equal(SentimentLabel.Negative, Label(text));

    [Theory]
    [InlineData("not bad at all, works fine")]
    [InlineData("no complaints, everything arrived on time")]
    [InlineData("koi problem nahi hui, thanks")]
    [InlineData("कोई शिकायत नहीं, सब सही है")]
    public void Negation_OfComplaint_IsPositive(string text) => Assert.Equal(SentimentLabel.Positive, Label(text));

    [Theory]
    [InlineData("bad", "VERY bad!!!")]
    [InlineData("slow delivery", "sooo slow delivery")]
    [InlineData("bura anubhav", "bahut bura anubhav")]
    [InlineData("खराब सेवा", "बहुत खराब सेवा")]
    public void IntensifiersCapsAndExclamations_MakeItMoreNegative(string plain, string stronger)
    {
        Assert.True(Model.Score(stronger).Score < Model.Score(plain).Score, $"{stronger} should score below {plain}");
        Assert.Equal(SentimentLabel.Negative, Label(stronger));
    }

    [Theory]
    [InlineData("thanks but this is useless", SentimentLabel.Negative)]
    [InlineData("the shoes are lovely but delivery took 3 weeks", SentimentLabel.Negative)]
    [InlineData("delivery was late but your team fixed it fast, thanks", SentimentLabel.Positive)]
    [InlineData("product accha hai lekin packing kharab thi", SentimentLabel.Negative)]
    [InlineData("धन्यवाद, लेकिन मेरी समस्या अभी भी बनी हुई है", SentimentLabel.Negative)]
    public void Contrast_TheSecondPartDecides(string text, SentimentLabel expected) => Assert.Equal(expected, Label(text));

    [Theory]
    [InlineData("third time I'm asking about this")]
    [InlineData("still not received my order")]
    [InlineData("worst service")]
    [InlineData("no one is replying to my emails")]
    [InlineData("paisa abhi tak nahi aaya")]
    [InlineData("kab tak wait karun")]
    [InlineData("2 हफ्ते हो गए, पार्सल नहीं आया")]
    public void SupportComplaints_WithoutFeelingWords_AreNegative(string text) => Assert.Equal(SentimentLabel.Negative, Label(text));

    [Theory]
    [InlineData("Please help me track my order MM240115")]
    [InlineData("kindly share the refund status, thanks")]
    [InlineData("sir please check my order")]
    [InlineData("कृपया मेरा ऑर्डर ट्रैक करने में मदद करें, धन्यवाद")]
    [InlineData("how long does a UPI refund take? thank you")]
    public void Politeness_IsNotPositivity(string text) => Assert.Equal(SentimentLabel.Neutral, Label(text));

    [Theory]
    [InlineData("great, another delay 👏")]
    [InlineData("wow thanks for nothing")]
    [InlineData("amazing service, 3 weeks and no parcel")]
    [InlineData("bahut badhiya, phir se cancel kar diya")]
    [InlineData("वाह क्या सर्विस है, तीसरी बार गलत सामान")]
    public void Sarcasm_IsNegative(string text) => Assert.Equal(SentimentLabel.Negative, Label(text));

    [Fact]
    public void SarcasmMarkers_WithoutAComplaint_AreSincere() =>
        Assert.Equal(SentimentLabel.Positive, Label("kya baat hai, ekdum fresh fruits aaye"));

    [Fact]
    public void PraiseRightAfterAComplaint_WithoutThanksOrRelief_IsSarcasm()
    {
        const string praise = "Wonderful. Really impressed with how you handle delivery dates";

        Assert.Equal(SentimentLabel.Positive, Model.Score(praise).Label);
        Assert.Equal(SentimentLabel.Negative, Model.Score(praise, previous: -0.6).Label);
        Assert.Equal(SentimentLabel.Positive, Model.Score("Wonderful, it finally arrived. Thank you!", previous: -0.6).Label);
    }

    [Theory]
    [InlineData("thank you so much")]
    [InlineData("thanks a lot")]
    [InlineData("many thanks for your help")]
    public void ThanksRightAfterAComplaint_IsStillThanks(string thanks) =>
        Assert.NotEqual(SentimentLabel.Negative, Model.Score(thanks, previous: -0.35).Label);

    [Theory]
    [InlineData("it took 3 weeks to arrive", SentimentLabel.Negative)]
    [InlineData("waiting for 10 days now", SentimentLabel.Negative)]
    [InlineData("4 din ho gaye", SentimentLabel.Negative)]
    [InlineData("how long does a refund take, 5 days?", SentimentLabel.Neutral)]
    [InlineData("I placed the order two days ago", SentimentLabel.Neutral)]
    public void ElapsedTime_IsAComplaintOnlyWhenItHasPassed(string text, SentimentLabel expected) => Assert.Equal(expected, Label(text));

    [Fact]
    public void FactsAboutAProblem_WeighLessThanAnger()
    {
        var calm = Model.Score("The lamp arrived with a dented shade").Score;
        var angry = Model.Score("This is PATHETIC, you people are frauds!!").Score;

        Assert.True(calm < 0, "a damaged item is still a complaint");
        Assert.True(angry < calm - 0.3, $"anger ({angry}) should weigh well beyond a calm report ({calm})");
    }

    [Theory]
    [InlineData("thank you so much, problem solved!", SentimentLabel.Positive)]
    [InlineData("aap log best ho, bahut badhiya service", SentimentLabel.Positive)]
    [InlineData("बहुत बढ़िया सेवा, धन्यवाद", SentimentLabel.Positive)]
    [InlineData("delivered early, loved it 😊", SentimentLabel.Positive)]
    [InlineData("I will go to consumer court", SentimentLabel.Negative)]
    [InlineData("chor ho tum log 😡", SentimentLabel.Negative)]
    public void PlainFeelings_InEachLanguage(string text, SentimentLabel expected) => Assert.Equal(expected, Label(text));

    [Theory]
    [InlineData("ok")]
    [InlineData("9876543210")]
    [InlineData("560001")]
    [InlineData("acha, samajh gaya")]
    [InlineData("मेरा ऑर्डर कहाँ है?")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!!???")]
    public void NothingFelt_IsNeutral(string text)
    {
        var score = Model.Score(text);

        Assert.Equal(SentimentLabel.Neutral, score.Label);
        Assert.InRange(score.Score, -0.2, 0.2);
    }

    [Fact]
    public void Score_AlwaysWithinMinusOneAndOne()
    {
        var furious = string.Join(' ', Enumerable.Repeat("WORST FRAUD PATHETIC SCAM USELESS!!!", 200));
        var delighted = string.Join(' ', Enumerable.Repeat("AMAZING EXCELLENT LOVED IT!!! 😍", 200));

        Assert.Equal(-1, Model.Score(furious).Score, 0.01);
        Assert.Equal(1, Model.Score(delighted).Score, 0.01);
    }

    [Fact]
    public void Explain_NamesTheCuesBehindTheScore()
    {
        var cues = Model.Explain("not happy, still not received").Select(c => c.Cue).ToList();

        Assert.Contains("happy", cues);
        Assert.Contains("still not", cues);
    }
}
