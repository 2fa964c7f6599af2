using CareConsole.Core.Trackers;

namespace CareConsole.Tests.Core.Trackers;

/// <summary>What a manager may ask a tracker to be, and the sentence they read when it cannot be.</summary>
public sealed class TrackerDefinitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private static TrackerDraft Draft(string[]? english = null, string[]? hindi = null, string[]? hinglish = null, TrackerMode mode = TrackerMode.Exact,
        TrackerSpeakers speakers = TrackerSpeakers.Customer, string name = "Refunds") =>
        new(name, new TrackerPhrases(english ?? [], hindi ?? [], hinglish ?? []), mode, speakers);

    private static string Refusal(TrackerDraft draft) => Assert.Throws<ArgumentException>(() => TrackerDefinition.Create(draft, Now)).Message;

    [Fact]
    public void Create_KeepsEachListTrimmedWithoutBlanksOrRepeats()
    {
        var tracker = TrackerDefinition.Create(Draft(english: ["refund", " REFUND ", "money back", ""], hindi: ["रिफंड"], hinglish: ["paisa wapas"]), Now);

        Assert.Equal(["refund", "money back"], tracker.EnglishPhrases);
        Assert.Equal(["रिफंड"], tracker.HindiPhrases);
        Assert.Equal(["paisa wapas"], tracker.HinglishPhrases);
        Assert.Equal((1, true, TrackerSpeakers.Customer), (tracker.Revision, tracker.IsActive, tracker.Speakers));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WithoutAName_IsRefused(string name) =>
        Assert.Equal("A tracker's name is 1 to 80 characters.", Refusal(Draft(english: ["refund"], name: name)));

    [Fact]
    public void Create_NameOverEightyCharacters_IsRefused() =>
        Assert.Equal("A tracker's name is 1 to 80 characters.", Refusal(Draft(english: ["refund"], name: new string('n', 81))));

    [Fact]
    public void Create_NoPhraseInAnyList_IsRefused() =>
        Assert.Equal("Give the tracker at least one phrase, in English, Hindi or Hinglish.", Refusal(Draft(english: ["", " "])));

    [Fact]
    public void Create_AnyOneListMayHoldAllThePhrases()
    {
        Assert.Single(TrackerDefinition.Create(Draft(hindi: ["रिफंड"]), Now).HindiPhrases);
        Assert.Single(TrackerDefinition.Create(Draft(hinglish: ["paisa wapas"]), Now).HinglishPhrases);
    }

    [Fact]
    public void Create_OverAHundredPhrasesInOneList_IsRefused_ButAHundredInEachIsFine()
    {
        var hundred = Enumerable.Range(0, 100).Select(i => $"word{i}").ToArray();

        Assert.Equal("The Hinglish list has 101 phrases; a list holds at most 100.", Refusal(Draft(hinglish: [.. hundred, "one more"])));
        Assert.Equal(300, TrackerDefinition.Create(Draft(english: hundred, hinglish: hundred, hindi: [.. hundred.Select((_, i) => $"शब्द{i}")]), Now).AllPhrases.Count());
    }

    [Fact]
    public void Create_PhraseOverEightyCharacters_IsRefused() =>
        Assert.Equal("\"aaaaaaaaaaaaaaaaaaaa…\" is longer than 80 characters.", Refusal(Draft(english: [new string('a', 81)])));

    [Theory]
    [InlineData("!!!")]
    [InlineData("— …")]
    public void Create_PhraseWithNoWords_IsRefused(string phrase) =>
        Assert.Equal($"\"{phrase}\" has no words to match.", Refusal(Draft(english: [phrase], mode: TrackerMode.Pattern)));

    [Fact]
    public void Create_DevanagariInTheEnglishList_IsRefusedWithWhereItBelongs() =>
        Assert.Equal("\"refund रिफंड\" is written in Devanagari: put it in the Hindi list.", Refusal(Draft(english: ["refund रिफंड"])));

    [Fact]
    public void Create_DevanagariInTheHinglishList_IsRefusedWithWhereItBelongs() =>
        Assert.Equal("\"वापस\" is written in Devanagari: the Hinglish list is for Hindi in Latin letters; put it in the Hindi list.",
            Refusal(Draft(hinglish: ["वापस"])));

    [Theory]
    [InlineData("refund")]
    [InlineData("रिफंड EMI")]
    [InlineData("रिफ़ंड café")]
    public void Create_LatinInTheHindiList_IsRefusedWithWhereItBelongs(string phrase) =>
        Assert.Equal($"\"{phrase}\" has Latin letters: the Hindi list is for Devanagari; put it in the English or Hinglish list.", Refusal(Draft(hindi: [phrase])));

    [Fact]
    public void Create_DigitsAreWelcomeInEveryList() =>
        Assert.Single(TrackerDefinition.Create(Draft(hindi: ["10 दिन"]), Now).HindiPhrases);

    [Theory]
    [InlineData("refund*", "\"refund*\" uses * or ?, which only Pattern mode understands: choose Pattern, or take them out.")]
    [InlineData("kab aayega?", "\"kab aayega?\" uses * or ?, which only Pattern mode understands: choose Pattern, or take them out.")]
    [InlineData("late NEAR/3 delivery", "\"late NEAR/3 delivery\" uses NEAR/3, which only Pattern mode understands: choose Pattern, or take it out.")]
    public void Create_PatternSyntaxInExactMode_IsRefused(string phrase, string message) =>
        Assert.Equal(message, Refusal(Draft(english: [phrase])));

    [Theory]
    [InlineData("late NEAR/3", "\"late NEAR/3\" needs one word on each side of NEAR/3, e.g. \"late NEAR/3 delivery\".")]
    [InlineData("very late NEAR/3 delivery", "\"very late NEAR/3 delivery\" needs one word on each side of NEAR/3, e.g. \"late NEAR/3 delivery\".")]
    [InlineData("late NEAR/0 delivery", "\"late NEAR/0 delivery\": NEAR/n takes a distance of 1 to 20 words.")]
    [InlineData("late NEAR/21 delivery", "\"late NEAR/21 delivery\": NEAR/n takes a distance of 1 to 20 words.")]
    [InlineData("late NEAR/2 delivery NEAR/2 order", "\"late NEAR/2 delivery NEAR/2 order\" has more than one NEAR/n; a phrase takes one, e.g. \"late NEAR/3 delivery\".")]
    [InlineData("refund *", "\"refund *\": \"*\" would match almost any word; give each word at least one letter besides * and ?.")]
    [InlineData("?? NEAR/2 late", "\"?? NEAR/2 late\": \"??\" would match almost any word; give each word at least one letter besides * and ?.")]
    public void Create_MalformedPattern_IsRefusedWithHowToWriteIt(string phrase, string message) =>
        Assert.Equal(message, Refusal(Draft(english: [phrase], mode: TrackerMode.Pattern)));

    [Fact]
    public void Create_WithNoSpeakers_IsRefused() =>
        Assert.Equal("Choose whose messages the tracker counts: customers, the AI assistant, agents, or any of them.",
            Refusal(Draft(english: ["refund"], speakers: TrackerSpeakers.None)));

    [Fact]
    public void Change_OfWhatItMatches_IsANewRevisionWhoseBackfillStartsAgain_ARenameIsNot()
    {
        var tracker = TrackerDefinition.Create(Draft(english: ["refund"]), Now);

        Assert.False(tracker.Change(Draft(english: ["refund"], name: "Money back"), Now));
        Assert.Equal((1, "Money back"), (tracker.Revision, tracker.Name));
        Assert.True(tracker.Change(Draft(english: ["refund"], speakers: TrackerSpeakers.All, name: "Money back"), Now));
        Assert.True(tracker.Change(Draft(english: ["refund"], speakers: TrackerSpeakers.All, mode: TrackerMode.Pattern, name: "Money back"), Now));
        Assert.True(tracker.Change(Draft(english: ["refund*"], speakers: TrackerSpeakers.All, mode: TrackerMode.Pattern, name: "Money back"), Now));
        Assert.Equal(4, tracker.Revision);
        Assert.Equal((0, null, 0.0), (tracker.BackfillThrough, tracker.BackfillTarget, tracker.BackfillProgress));
    }

    [Fact]
    public void Change_Refused_LeavesTheTrackerAsItWas()
    {
        var tracker = TrackerDefinition.Create(Draft(english: ["refund"]), Now);

        Assert.Throws<ArgumentException>(() => tracker.Change(Draft(english: ["refund*"], name: "Other"), Now));

        Assert.Equal(("Refunds", 1, TrackerMode.Exact), (tracker.Name, tracker.Revision, tracker.Mode));
        Assert.Equal(["refund"], tracker.EnglishPhrases);
    }
}
