using System.Diagnostics;
using CareConsole.Core.Conversations;
using CareConsole.Core.Trackers;

namespace CareConsole.Tests.Core.Trackers;

public sealed class TrackerMatcherTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private static TrackerMatcher Matcher(params TrackerDefinition[] trackers) => new(trackers);

    /// <summary>An exact tracker counting customers, its phrases sorted into lists by their letters.</summary>
    private static TrackerDefinition Tracker(string name, params string[] phrases) =>
        TrackerDefinition.Create(new TrackerDraft(name, Lists(phrases)), Now);

    private static TrackerDefinition Pattern(string name, params string[] phrases) =>
        TrackerDefinition.Create(new TrackerDraft(name, Lists(phrases), TrackerMode.Pattern), Now);

    private static TrackerPhrases Lists(string[] phrases) => new(
        [.. phrases.Where(p => !p.Any(c => c is >= '\u0900' and <= '\u097F'))],
        [.. phrases.Where(p => p.Any(c => c is >= '\u0900' and <= '\u097F'))],
        []);

    /// <summary>What each match points at in the text, as a transcript would highlight it.</summary>
    private static string[] Highlighted(string text, IEnumerable<TrackerMatch> matches) => [.. matches.Select(m => text.Substring(m.Start, m.Length))];

    [Theory]
    [InlineData("Is the SALE on?")]
    [InlineData("great indian sale kab hai")]
    [InlineData("any deal on phones?")]
    [InlineData("सेल कब शुरू होगी")]
    public void Match_PhraseAsAWholeWord_WhateverTheCase(string text)
    {
        var hits = Matcher(Tracker("Sale", "sale", "deal", "सेल")).Match(text, Author.Customer);

        Assert.Equal("Sale", Assert.Single(hits).TrackerName);
    }

    [Theory]
    [InlineData("I buy wholesale")]
    [InlineData("the salesman was rude")]
    [InlineData("ideal for me")]
    public void Match_InsideAnotherWord_IsNoHit(string text) =>
        Assert.Empty(Matcher(Tracker("Sale", "sale", "deal")).Match(text, Author.Customer));

    [Theory]
    [InlineData("kab ayega mera order")]
    [InlineData("Kab Aayega?")]
    [InlineData("KAB AAYEGA")]
    public void Match_RomanisedHindiSpellings_Meet(string text) =>
        Assert.Single(Matcher(Tracker("Late", "kab aayega")).Match(text, Author.Customer));

    [Theory]
    [InlineData("paisa wapas chahiye", "paisa vapas")]
    [InlineData("achha offer hai", "acha offer")]
    [InlineData("ऑफ़र कब तक है", "ऑफर")]
    [InlineData("Café Coffee Day voucher", "cafe")]
    public void Match_AccentsNuktasAndFoldedSpellings(string text, string phrase) =>
        Assert.Single(Matcher(Tracker("T", phrase)).Match(text, Author.Customer));

    [Fact]
    public void Match_EveryOccurrence_InOrder_WithTheLongerPhraseWhereTwoStartTogether()
    {
        const string text = "great indian sale! Offer better on Amazon, sale?";

        var hits = Matcher(Tracker("Sale", "sale", "offer", "great indian", "great indian sale"), Tracker("Competitors", "amazon")).Match(text, Author.Customer);

        Assert.Equal(["Sale", "Sale", "Competitors", "Sale"], hits.Select(h => h.TrackerName));
        Assert.Equal(["great indian sale", "Offer", "Amazon", "sale"], Highlighted(text, hits));
        Assert.Equal("great indian sale", hits[0].Phrase);
    }

    [Fact]
    public void Match_PausedTracker_IsNotMatched()
    {
        var paused = Tracker("Sale", "sale");
        paused.Pause(Now);

        Assert.Empty(Matcher(paused).Match("sale", Author.Customer));
    }

    [Theory]
    [InlineData("I want a refund", "refund")]
    [InlineData("Refunds take how long?", "Refunds")]
    [InlineData("was it refunded yet", "refunded")]
    public void Match_StarAtTheEnd_MatchesAnyEnding(string text, string highlighted)
    {
        var hits = Matcher(Pattern("Refunds", "refund*")).Match(text, Author.Customer);

        Assert.Equal([highlighted], Highlighted(text, hits));
    }

    [Theory]
    [InlineData("the deliverywala never came", "deliverywala")]
    [InlineData("DeliveryWala rude tha", "DeliveryWala")]
    [InlineData("courier vala bola kal", "vala")]
    public void Match_StarAtTheStart_MatchesWithinTheWord_AndFoldsWAsV(string text, string highlighted)
    {
        var hits = Matcher(Pattern("Delivery people", "*wala")).Match(text, Author.Customer);

        Assert.Equal([highlighted], Highlighted(text, hits));
    }

    [Theory]
    [InlineData("a prefund came")]
    [InlineData("refun")]
    [InlineData("walas")]
    [InlineData("re fund")]
    public void Match_Wildcard_StaysWithinOneWordAndKeepsItsLetters(string text) =>
        Assert.Empty(Matcher(Pattern("T", "refund*", "*wala")).Match(text, Author.Customer));

    [Fact]
    public void Match_StarInsideAWord_MatchesAnyLettersThere()
    {
        const string text = "cancellation, cancelation and canceled";

        var hits = Matcher(Pattern("Cancel", "cancel*tion")).Match(text, Author.Customer);

        Assert.Equal(["cancellation", "cancelation"], Highlighted(text, hits));
    }

    [Theory]
    [InlineData("deal", true)]
    [InlineData("dial", true)]
    [InlineData("dl", false)]
    [InlineData("dealt", false)]
    [InlineData("ideal", false)]
    public void Match_QuestionMark_IsExactlyOneLetter(string text, bool hits) =>
        Assert.Equal(hits, Matcher(Pattern("T", "d?al")).Match(text, Author.Customer).Count == 1);

    [Theory]
    [InlineData("late delivery again", "late delivery")]
    [InlineData("the delivery is late", "delivery is late")]
    [InlineData("late for the third delivery", "late for the third delivery")]
    [InlineData("delivery was very very late", "delivery was very very late")]
    public void Match_Near_EitherOrderWithinTheDistance_HighlightsFromOneToTheOther(string text, string highlighted)
    {
        var hits = Matcher(Pattern("Late", "late NEAR/4 delivery")).Match(text, Author.Customer);

        Assert.Equal([highlighted], Highlighted(text, hits));
    }

    [Theory]
    [InlineData("late for the third big delivery")]
    [InlineData("delivery was very very very late")]
    [InlineData("late late late")]
    [InlineData("delivery")]
    public void Match_Near_FartherApartOrOneSideMissing_IsNoHit(string text) =>
        Assert.Empty(Matcher(Pattern("Late", "late NEAR/4 delivery")).Match(text, Author.Customer));

    [Fact]
    public void Match_NearWithWildcards_AndFoldingOnBothSides()
    {
        const string text = "Paisa abhi tak WAAPAS nahi aaya, refunds kab?";

        var hits = Matcher(Pattern("Refund", "refund* NEAR/6 wapas")).Match(text, Author.Customer);

        Assert.Equal(["WAAPAS nahi aaya, refunds"], Highlighted(text, hits));
    }

    [Theory]
    [InlineData("वापस चाहिए, पैसा रिफ़ंड करो", "रिफंड*")]
    [InlineData("रिफंडेबल है क्या", "रिफ़ंड*")]
    [InlineData("mujhe refaand chahiye", "rephand NEAR/2 mujhe")]
    public void Match_PatternsFoldDevanagariAndRomanisedSpellings(string text, string phrase)
    {
        var tracker = TrackerDefinition.Create(new TrackerDraft("T", phrase.Any(c => c > '\u0900')
            ? new TrackerPhrases([], [phrase], [])
            : new TrackerPhrases([], [], [phrase]), TrackerMode.Pattern), Now);

        Assert.Single(Matcher(tracker).Match(text, Author.Customer));
    }

    [Fact]
    public void Match_Offsets_PointAtTheTextAsWritten_AfterDevanagariNormalisation()
    {
        // A nukta (ऑफ़र) and a candrabindu (पहुँचा) are spelled away before matching; the highlight still covers the
        // customer's own letters, and what follows them is found at its real place.
        const string text = "ऑफ़र वाला पार्सल नहीं पहुँचा, OFFER ख़त्म?";

        var hits = Matcher(Tracker("Offer", "ऑफर", "offer"), Tracker("Late", "नहीं पहुंचा")).Match(text, Author.Customer);

        Assert.Equal(["ऑफ़र", "नहीं पहुँचा", "OFFER"], Highlighted(text, hits));
    }

    [Fact]
    public void Match_Offsets_SkipAccentsApostrophesAndQuotes()
    {
        const string text = "Le café's \"refund\" — don't!";

        var hits = Matcher(Pattern("T", "cafe*", "refund*", "dont")).Match(text, Author.Customer);

        Assert.Equal(["café's", "refund", "don't"], Highlighted(text, hits));
    }

    [Fact]
    public void Match_OnlyTrackersWhoseSpeakersIncludeTheAuthor()
    {
        var customers = TrackerDefinition.Create(new TrackerDraft("Customers", new(["refund"], [], [])), Now);
        var answers = TrackerDefinition.Create(new TrackerDraft("Answers", new(["refund"], [], []), Speakers: TrackerSpeakers.Assistant | TrackerSpeakers.Agent), Now);
        var matcher = Matcher(customers, answers);

        Assert.Equal(["Customers"], matcher.Match("refund", Author.Customer).Select(m => m.TrackerName));
        Assert.Equal(["Answers"], matcher.Match("refund", Author.Assistant).Select(m => m.TrackerName));
        Assert.Equal(["Answers"], matcher.Match("refund", Author.Agent).Select(m => m.TrackerName));
        Assert.Empty(matcher.Match("refund", Author.System));
    }

    [Fact]
    public void Match_HostilePatternOnALongWord_TakesLinearTime()
    {
        // A backtracking matcher (or a regular expression made of the pattern) takes exponential time here.
        var tracker = TrackerDefinition.Create(new TrackerDraft("T", new(["*a*a*a*a*a*a*a*a*a*a*b", "a?a?a?a?a?a?a?*c"], [], []), TrackerMode.Pattern), Now);
        var text = string.Join(" ", Enumerable.Repeat(new string('a', 1000), 4)) + "x";

        var clock = Stopwatch.StartNew();
        var hits = Matcher(tracker).Match(text, Author.Customer);

        Assert.Empty(hits);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Match_TextIsNeverAPattern()
    {
        var hits = Matcher(Tracker("Sale", "sale")).Match("s*le sa?e sale*", Author.Customer);

        Assert.Equal([10], hits.Select(h => h.Start));
    }
}
