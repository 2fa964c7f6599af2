using CareConsole.Hosting;

namespace CareConsole.Tests.Hosting;

public sealed class LocalUrlTests
{
    [Theory]
    [InlineData("/", true)]
    [InlineData("/desk", true)]
    [InlineData("/dashboard?range=7d", true)]
    [InlineData("//evil.example/steal", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("desk", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsLocal_ReturnAddress_OnlyAllowsPathsOnThisSite(string? url, bool expected) =>
        Assert.Equal(expected, LocalUrl.IsLocal(url));
}
