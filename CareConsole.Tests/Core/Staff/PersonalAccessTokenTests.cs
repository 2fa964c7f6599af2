using CareConsole.Core.Staff;

namespace CareConsole.Tests.Core.Staff;

public sealed class PersonalAccessTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Issue_MakesARecognisableRandomToken_AndKeepsOnlyItsPrefixAndHash()
    {
        var (token, secret) = PersonalAccessToken.Issue("user-1", "Grafana", Now, null);
        var (_, other) = PersonalAccessToken.Issue("user-1", "Grafana", Now, null);

        Assert.Matches("^ccpat_[A-Za-z0-9_-]{43}$", secret);
        Assert.NotEqual(secret, other);
        Assert.True(PersonalAccessToken.IsWellFormed(secret));
        Assert.Equal(secret[..PersonalAccessToken.PrefixLength], token.Prefix);
        Assert.Matches("^[0-9a-f]{64}$", token.Hash);
        Assert.DoesNotContain(secret[PersonalAccessToken.PrefixLength..], token.Hash + token.Prefix + token.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_OnlyTheTokenItself()
    {
        var (token, secret) = PersonalAccessToken.Issue("user-1", "Grafana", Now, null);
        var lastChanged = secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A');

        Assert.True(token.Matches(secret));
        Assert.False(token.Matches(lastChanged));
        Assert.False(token.Matches(token.Prefix));
        Assert.False(token.Matches(token.Hash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ccpat_")]
    [InlineData("ccpat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("ccpat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("ccpaX_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("ccpat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("ccpat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("ccpat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAé")]
    [InlineData("CCPAT_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void IsWellFormed_RefusesAnythingNotShapedLikeAToken(string text)
    {
        Assert.False(PersonalAccessToken.IsWellFormed(text));
    }

    [Fact]
    public void StateAt_ActiveUntilItExpires_RevokedOnceRevoked()
    {
        var (lasting, _) = PersonalAccessToken.Issue("user-1", "Grafana", Now, Now.AddDays(30));
        var (revoked, _) = PersonalAccessToken.Issue("user-1", "Grafana", Now, null);

        revoked.Revoke(Now.AddHours(1));
        revoked.Revoke(Now.AddHours(2));

        Assert.Equal(TokenState.Active, lasting.StateAt(Now.AddDays(30).AddTicks(-1)));
        Assert.Equal(TokenState.Expired, lasting.StateAt(Now.AddDays(30)));
        Assert.Equal(TokenState.Revoked, revoked.StateAt(Now.AddHours(1)));
        Assert.Equal(Now.AddHours(1), revoked.RevokedAt);
    }
}
