using CareConsole.Core.Trackers;

namespace CareConsole.Tests.Core.Trackers;

public sealed class TrackerMatcherTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private static TrackerMatcher Matcher(params TrackerDefinition[] trackers) => new(trackers);

    private static TrackerDefinition Tracker(string name, params string[] phrases) => TrackerDefinition.Create(name, phrases, Now);

    [Theory]
    [InlineData("Is the SALE on?")]
    [InlineData("great indian sale kab hai")]
    [InlineData("any deal on phones?")]
    [InlineData("सेल कब शुरू होगी")]
    public void Match_PhraseAsAWholeWord_WhateverTheCase(string text)
    {
        var hits = Matcher(Tracker("Sale", "sale", "deal", "सेल")).Match(text);

        Assert.Equal("Sale", Assert.Single(hits).TrackerName);
    }

    [Theory]
    [InlineData("I buy wholesale")]
    [InlineData("the salesman was rude")]
    [InlineData("ideal for me")]
    public void Match_InsideAnotherWord_IsNoHit(string text) =>
        Assert.Empty(Matcher(Tracker("Sale", "sale", "deal")).Match(text));

    [Theory]
    [InlineData("kab ayega mera order")]
    [InlineData("Kab Aayega?")]
    [InlineData("KAB AAYEGA")]
    public void Match_RomanisedHindiSpellings_Meet(string text) =>
        Assert.Single(Matcher(Tracker("Late", "kab aayega")).Match(text));

    [Theory]
    [InlineData("paisa wapas chahiye", "paisa vapas")]
    [InlineData("achha offer hai", "acha offer")]
    [InlineData("ऑफ़र कब तक है", "ऑफर")]
    [InlineData("Café Coffee Day voucher", "cafe")]
    public void Match_AccentsNuktasAndFoldedSpellings(string text, string phrase) =>
        Assert.Single(Matcher(Tracker("T", phrase)).Match(text));

    [Fact]
    public void Match_SeveralPhrasesOfOneTracker_CountsTheTrackerOnce()
    {
        var hits = Matcher(Tracker("Sale", "sale", "offer"), Tracker("Competitors", "amazon")).Match("sale offer better on Amazon, sale!");

        Assert.Equal(["Sale", "Competitors"], hits.Select(h => h.TrackerName));
        Assert.Equal("sale", hits[0].Phrase);
    }

    [Fact]
    public void Match_PausedTracker_IsNotMatched()
    {
        var paused = Tracker("Sale", "sale");
        paused.Pause(Now);

        Assert.Empty(Matcher(paused).Match("sale"));
    }

    [Theory]
    [InlineData("", "sale")]
    [InlineData("Sale", "")]
    [InlineData("Sale", "!!!")]
    public void Create_EmptyNameOrPhrases_IsRefused(string name, string phrase) =>
        Assert.Throws<ArgumentException>(() => TrackerDefinition.Create(name, [phrase], Now));

    [Fact]
    public void Create_TooManyOrTooLongPhrases_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => TrackerDefinition.Create("T", Enumerable.Range(0, 101).Select(i => $"word{i}"), Now));
        Assert.Throws<ArgumentException>(() => TrackerDefinition.Create("T", [new string('a', 81)], Now));
        Assert.Throws<ArgumentException>(() => TrackerDefinition.Create(new string('n', 81), ["sale"], Now));
    }

    [Fact]
    public void Create_DuplicatePhrases_AreKeptOnce() =>
        Assert.Equal(["sale", "offer"], TrackerDefinition.Create("T", ["sale", " SALE ", "offer", ""], Now).Phrases);
}
