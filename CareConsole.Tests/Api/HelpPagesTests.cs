using System.Net;
using System.Text.RegularExpressions;
using CareConsole.Components.Help;
using CareConsole.Tests.Infrastructure;

namespace CareConsole.Tests.Api;

/// <summary>The public help centre pages a customer reads without the assistant.</summary>
public sealed partial class HelpPagesTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task Search_Question_ListsTheAnsweringArticleFirst()
    {
        using var client = app.Factory.CreateClient();

        var html = await client.GetStringAsync("/help?q=" + Uri.EscapeDataString("can i cancel after it shipped"), TestContext.Current.CancellationToken);

        var results = ResultUrls(html);
        Assert.NotEmpty(results);
        Assert.Equal("/help/cancel-after-shipping", results[0]);
    }

    [Fact]
    public async Task Search_HindiQuestion_FindsTheHindiArticle()
    {
        using var client = app.Factory.CreateClient();

        var html = await client.GetStringAsync("/help?q=" + Uri.EscapeDataString("पैसे वापस कब मिलेंगे"), TestContext.Current.CancellationToken);

        Assert.EndsWith(".hi", ResultUrls(html)[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_HostileQuery_IsShownAsTextNotRun()
    {
        using var client = app.Factory.CreateClient();

        var html = await client.GetStringAsync("/help?q=" + Uri.EscapeDataString("<script>alert(1)</script>"), TestContext.Current.CancellationToken);

        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Article_Known_ShowsItsTitle_Unknown_Is404()
    {
        using var client = app.Factory.CreateClient();

        var page = await client.GetStringAsync("/help/cancel-after-shipping", TestContext.Current.CancellationToken);
        using var missing = await client.GetAsync("/help/no-such-article", TestContext.Current.CancellationToken);

        Assert.Matches("<h1[^>]*>[^<]*[Cc]ancel", page);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Index_Translations_AreListedUnderTheEnglishArticle()
    {
        using var client = app.Factory.CreateClient();

        var html = await client.GetStringAsync("/help", TestContext.Current.CancellationToken);

        // One entry for the topic: the English title, then its Hindi and Hinglish versions.
        var entry = Regex.Match(html, @"<li[^>]*>\s*<a href=""/help/refund-timelines""[^>]*>.*?</li>", RegexOptions.Singleline);
        Assert.True(entry.Success, "no entry for refund-timelines");
        Assert.Contains("href=\"/help/refund-timelines.hi\"", entry.Value, StringComparison.Ordinal);
        Assert.Matches(@"<span class=""translation"" lang=""hi-Latn""> · <a href=""/help/refund-timelines.hinglish""[^>]*>Hinglish mein padhein</a>", entry.Value);
        Assert.DoesNotMatch(@"<li[^>]*>\s*<a href=""/help/refund-timelines.hinglish""", html);
    }

    [Fact]
    public async Task Article_Hinglish_IsMarkedHindiInLatinScript_AndLinksItsOtherVersions()
    {
        using var client = app.Factory.CreateClient();

        var page = await client.GetStringAsync("/help/returns-policy.hinglish", TestContext.Current.CancellationToken);

        Assert.Contains("<article lang=\"hi-Latn\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/help/returns-policy\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/help/returns-policy.hi\"", page, StringComparison.Ordinal);
        Assert.Contains("30 din", page, StringComparison.Ordinal);
    }

    [Fact]
    public void ArticleMarkdown_RawHtmlAndScriptLinks_AreInert()
    {
        var html = ArticleMarkdown.ToHtml("Hi <script>alert(1)</script> [open](javascript:alert(2)) [b](JaVa%09script:x) "
            + "[c](<java\tscript:alert(4)>) ![pic](data:text/html;base64,PHNjcmlwdD4=) <img src=x onerror=alert(3)>");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=\"x", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("script:", html.Replace("&lt;/script&gt;", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ArticleMarkdown_WebMailPhoneAndSiteLinks_AreKept()
    {
        var html = ArticleMarkdown.ToHtml("[a](https://melamart.example/x) [b](mailto:help@melamart.example) [c](tel:+911800) [d](/help/refund-timelines) [e](#top)");

        Assert.Contains("href=\"https://melamart.example/x\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:help@melamart.example\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:+911800\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/help/refund-timelines\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#top\"", html, StringComparison.Ordinal);
    }

    /// <summary>Article links inside the results list only, not the category listing below it.</summary>
    private static List<string> ResultUrls(string html)
    {
        var list = ResultList().Match(html);
        Assert.True(list.Success, "the page shows no results list");
        return ArticleLink().Matches(list.Value).Select(m => m.Groups[1].Value).ToList();
    }

    [GeneratedRegex(@"<ol class=""help-results"">.*?</ol>", RegexOptions.Singleline)]
    private static partial Regex ResultList();

    [GeneratedRegex(@"<a href=""(/help/[^""]+)""")]
    private static partial Regex ArticleLink();
}
