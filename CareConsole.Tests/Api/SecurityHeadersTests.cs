using System.Text.RegularExpressions;
using CareConsole.Hosting;
using CareConsole.Tests.Infrastructure;

namespace CareConsole.Tests.Api;

public sealed partial class SecurityHeadersTests(DemoAppFixture app, TestDatabases databases) : IClassFixture<DemoAppFixture>
{
    private static readonly string[] StrictDirectives = ["default-src", "script-src", "style-src", "style-src-elem"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/widget")]
    [InlineData("/account/sign-in")]
    [InlineData("/help")]
    [InlineData("/help/refund-timelines")]
    [InlineData("/no-such-page")]
    [InlineData("/api/knowledge/search?q=refund")]
    [InlineData("/api/no-such-thing")]
    [InlineData("/health")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/api/reports/kpis")]
    public async Task Response_Any_CarriesAStrictPolicyNosniffAndAReferrerPolicy(string path)
    {
        using var client = app.Factory.CreateClient();

        using var response = await client.GetAsync(path, Ct);

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        // Inline code never runs: scripts only from this site or with this response's nonce, style sheets only from here.
        Assert.Matches("script-src 'self' 'nonce-[0-9a-f]{32}';", policy);
        var directives = policy.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.All(StrictDirectives, name => Assert.DoesNotContain("unsafe", directives[name], StringComparison.Ordinal));
        Assert.Equal("style-src-attr 'unsafe-inline'", directives["style-src-attr"]);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory]
    [InlineData("/desk", true)]
    [InlineData("/desk/0197f0a0-0000-7000-8000-000000000000", true)]
    [InlineData("/dashboard", true)]
    [InlineData("/", false)]
    [InlineData("/widget", false)]
    [InlineData("/help", false)]
    [InlineData("/desktop", false)]
    public void Policy_StyleElements_AllowedInTheStaffAreasAlone_ScriptsStrictEverywhere(string path, bool staff)
    {
        var directives = SecurityHeaders.Policy(path, "00ff", "*").Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);

        Assert.Equal(staff ? "style-src-elem 'self' 'unsafe-inline'" : "style-src-elem 'self'", directives["style-src-elem"]);
        Assert.Equal("script-src 'self' 'nonce-00ff'", directives["script-src"]);
        Assert.Equal("style-src 'self'", directives["style-src"]);
        Assert.Equal("default-src 'self'", directives["default-src"]);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/sign-in")]
    [InlineData("/help/refund-timelines")]
    public async Task Page_OtherThanTheWidget_RefusesToBeFramedByOtherSites(string path)
    {
        using var client = app.Factory.CreateClient();

        using var response = await client.GetAsync(path, Ct);

        Assert.Equal("SAMEORIGIN", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Widget_NoSitesConfigured_CanBeFramedAnywhereSoEmbedJsWorks()
    {
        using var client = app.Factory.CreateClient();

        using var response = await client.GetAsync("/widget", Ct);
        var embed = await client.GetStringAsync("/embed.js", Ct);

        Assert.True(response.IsSuccessStatusCode);
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        Assert.Contains("frame-ancestors *", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("/widget", embed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Widget_SitesConfigured_CanBeFramedByThoseSitesOnly()
    {
        await using var shop = await CareConsoleFactory.StartAsync(databases, demo: false, settings: new Dictionary<string, string>
        {
            ["Widget:FrameAncestors:0"] = "https://shop.example.com",
            ["Widget:FrameAncestors:1"] = "https://m.shop.example.com",
        });
        using var client = shop.CreateClient();

        using var response = await client.GetAsync("/widget", Ct);

        Assert.Contains("frame-ancestors 'self' https://shop.example.com https://m.shop.example.com",
            response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ImportMap_CarriesThisResponsesNonceWhichChangesEveryTime()
    {
        using var client = app.Factory.CreateClient();

        var nonces = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await client.GetAsync("/", Ct);
            var header = HeaderNonce().Match(response.Headers.GetValues("Content-Security-Policy").Single()).Groups["nonce"].Value;
            var page = await response.Content.ReadAsStringAsync(Ct);
            Assert.Contains($"<script type=\"importmap\" nonce=\"{header}\">", page, StringComparison.Ordinal);
            // No other inline script: every other script has a src on this site.
            Assert.Equal(1, InlineScript().Count(page));
            nonces.Add(header);
        }

        Assert.NotEqual(nonces[0], nonces[1]);
    }

    [GeneratedRegex("'nonce-(?<nonce>[^']+)'")]
    private static partial Regex HeaderNonce();

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>")]
    private static partial Regex InlineScript();
}
