using CareConsole.Tests.Infrastructure;

namespace CareConsole.Tests.Api;

public sealed class FramingPolicyTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/account/sign-in")]
    [InlineData("/help/refund-timelines")]
    public async Task Page_OtherThanTheWidget_RefusesToBeFramedByOtherSites(string path)
    {
        using var client = app.Factory.CreateClient();

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal("SAMEORIGIN", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Widget_CanBeFramedAnywhere_SoEmbedJsWorks()
    {
        using var client = app.Factory.CreateClient();

        using var response = await client.GetAsync("/widget", TestContext.Current.CancellationToken);
        var embed = await client.GetStringAsync("/embed.js", TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode);
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        Assert.DoesNotContain(response.Headers.TryGetValues("Content-Security-Policy", out var csp) ? csp : [], value => value.Contains("frame-ancestors", StringComparison.Ordinal));
        Assert.Contains("/widget", embed);
    }
}
