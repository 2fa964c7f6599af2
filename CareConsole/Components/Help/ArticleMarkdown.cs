using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CareConsole.Components.Help;

/// <summary>
/// Help-centre Markdown to HTML. Raw HTML in an article is shown as text, never run, and links may only lead to
/// web, mail or phone addresses or to pages of this site: Markdig keeps <c>javascript:</c> and <c>data:</c> URLs
/// as written, so an article edited carelessly (or by someone hostile) could otherwise run script in a
/// customer's browser.
/// </summary>
public static class ArticleMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();
    private static readonly string[] SafeSchemes = ["http", "https", "mailto", "tel"];

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "#";
            }
        }
        foreach (var autolink in document.Descendants<AutolinkInline>())
        {
            if (!IsSafe(autolink.Url))
            {
                autolink.Url = "#";
            }
        }
        return document.ToHtml(Pipeline);
    }

    private static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }
        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so judge the URL
        // the way they will read it.
        var compact = new string(url.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray());
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        var firstPathChar = compact.IndexOfAny(['/', '?', '#']);
        var hasScheme = colon > 0 && (firstPathChar < 0 || colon < firstPathChar);
        return !hasScheme || SafeSchemes.Contains(compact[..colon], StringComparer.OrdinalIgnoreCase);
    }
}
