using CareConsole.Core.Conversations;
using CareConsole.Core.Transcripts;

namespace CareConsole.Tests.Core.Transcripts;

public sealed class TranscriptEntryTests
{
    [Fact]
    public void Parts_MarkEachTrackersPlaces_AndAnOverlapCarriesBothNames()
    {
        var entry = Entry("My refund is late, refund please", new(3, 6, "Refunds"), new(3, 14, "Late refund"), new(19, 6, "Refunds"));

        var parts = entry.Parts();

        Assert.Equal(entry.Text, string.Concat(parts.Select(p => p.Text)));
        Assert.Equal(
            [("My ", ""), ("refund", "Refunds,Late refund"), (" is late", "Late refund"), (", ", ""), ("refund", "Refunds"), (" please", "")],
            parts.Select(p => (p.Text, string.Join(',', p.Trackers))));
    }

    [Fact]
    public void Parts_LeaveOutPlacesBeyondTheText_ThatAnOlderHitCouldHold()
    {
        var entry = Entry("short", new(2, 40, "Stale"), new(-1, 2, "Stale"));

        Assert.Equal([("short", false)], entry.Parts().Select(p => (p.Text, p.IsMarked)));
    }

    [Fact]
    public void Parts_MarkWhatWasSearchedFor_BesideTheTrackers()
    {
        const string text = "Mera रिफ़ंड kab aayega? Paisa wapas chahiye";
        var entry = Entry(text, new TranscriptMark(text.IndexOf("Paisa", StringComparison.Ordinal), 5, "Money back"));
        var search = TranscriptQuery.Parse("रिफंड \"paisa wapas\"", SearchMatch.Any, out _);

        var parts = entry.Parts(search);

        Assert.Equal(entry.Text, string.Concat(parts.Select(p => p.Text)));
        Assert.Equal(
            [("रिफ़ंड", true, ""), ("Paisa", true, "Money back"), (" wapas", true, "")],
            parts.Where(p => p.IsMarked).Select(p => (p.Text, p.Searched, string.Join(',', p.Trackers))));
    }

    private static TranscriptEntry Entry(string text, params TranscriptMark[] marks) =>
        new(1, Author.Customer, null, text, false, -0.2, DateTimeOffset.UnixEpoch, [], marks);
}
