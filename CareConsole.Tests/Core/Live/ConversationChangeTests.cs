using CareConsole.Core.Live;

namespace CareConsole.Tests.Core.Live;

public sealed class ConversationChangeTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Payload_ReadsBackAsTheSameChange(bool withPerson)
    {
        var change = new ConversationChange(Guid.CreateVersion7(), withPerson);

        Assert.Equal(change, ConversationChange.Parse(change.Payload));
    }

    // Anyone who can reach the database can NOTIFY on the channel: anything else is ignored, never a crash.
    [Theory]
    [InlineData("")]
    [InlineData("not-a-guid human")]
    [InlineData("0199a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b")]
    [InlineData("0199a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b robot")]
    [InlineData("0199a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b human extra")]
    [InlineData("<script>alert(1)</script>")]
    public void Payload_Malformed_IsIgnored(string payload) => Assert.Null(ConversationChange.Parse(payload));
}
