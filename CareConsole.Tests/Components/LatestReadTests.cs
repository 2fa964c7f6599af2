using CareConsole.Components.Live;

namespace CareConsole.Tests.Components;

public sealed class LatestReadTests
{
    [Fact]
    public void OlderRead_FinishingAfterANewerOneWasShown_IsDropped()
    {
        var reads = new LatestRead();
        var beforeTheAnswer = reads.Begin();
        var afterTheAnswer = reads.Begin();

        Assert.True(reads.TryAccept(afterTheAnswer));
        Assert.False(reads.TryAccept(beforeTheAnswer));
    }

    [Fact]
    public void Reads_FinishingInTheOrderTheyBegan_AreAllShown()
    {
        var reads = new LatestRead();
        var first = reads.Begin();
        var second = reads.Begin();

        Assert.True(reads.TryAccept(first));
        Assert.True(reads.TryAccept(second));
        Assert.True(reads.TryAccept(reads.Begin()));
    }
}
