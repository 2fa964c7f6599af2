using System.Security.Cryptography;
using System.Text;
using CareConsole.Core.Conversations;

namespace CareConsole.Tests.Core.Conversations;

public sealed class ConversationTokensTests
{
    [Fact]
    public void Matches_TheIssuedToken_IsTrue()
    {
        var (token, hash) = ConversationTokens.Create();

        Assert.True(ConversationTokens.Matches(token, hash));
    }

    [Fact]
    public void Create_IssuesUrlSafeRandomTokensAndStoresOnlyTheirHash()
    {
        var (first, firstHash) = ConversationTokens.Create();
        var (second, _) = ConversationTokens.Create();

        Assert.NotEqual(first, second);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", first);
        Assert.Matches("^[0-9a-f]{64}$", firstHash);
        Assert.DoesNotContain(first, firstHash, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_AnotherConversationsToken_IsFalse()
    {
        var (_, hash) = ConversationTokens.Create();
        var (other, _) = ConversationTokens.Create();

        Assert.False(ConversationTokens.Matches(other, hash));
    }

    [Fact]
    public void Matches_TokenWithOneCharacterChanged_IsFalse()
    {
        var (token, hash) = ConversationTokens.Create();
        var changed = (token[0] == 'A' ? 'B' : 'A') + token[1..];

        Assert.False(ConversationTokens.Matches(changed, hash));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Matches_NoToken_IsFalse(string? token)
    {
        // Even a stored hash of the empty string does not let an empty token in.
        Assert.False(ConversationTokens.Matches(token, Sha256Hex("")));
    }

    [Fact]
    public void Matches_OverlongToken_IsFalseEvenWithItsOwnHash()
    {
        var longest = new string('x', 256);
        var overlong = new string('x', 257);

        Assert.True(ConversationTokens.Matches(longest, Sha256Hex(longest)));
        Assert.False(ConversationTokens.Matches(overlong, Sha256Hex(overlong)));
    }

    // The stored form the class documents: lower-case hex SHA-256 of the token's UTF-8 bytes.
    private static string Sha256Hex(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
