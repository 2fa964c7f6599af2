using Markdig;

namespace CareConsole.Components.Help;

/// <summary>Help-centre Markdown to HTML. Raw HTML in an article is shown as text, never run.</summary>
public static class ArticleMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();

    public static string ToHtml(string markdown) => Markdown.ToHtml(markdown, Pipeline);
}
