using System.Text.RegularExpressions;
using CareConsole.Core.Text;

namespace CareConsole.Core.Knowledge;

/// <summary>A searchable piece of an article: one "##" section, with the article's title, tags and language.</summary>
public sealed record KnowledgeChunk(
    string ArticleId,
    string ArticleTitle,
    string Heading,
    string Text,
    IReadOnlyList<string> Tags,
    string Language,
    string Category);

/// <summary>Cuts articles at "##" headings; the text before the first one is a chunk under the article title.</summary>
public static partial class ArticleChunker
{
    private const int SnippetLength = 320;

    public static IEnumerable<KnowledgeChunk> Chunk(KnowledgeArticle article)
    {
        var parts = SectionHeading().Split(article.Markdown);
        // Split keeps the captured headings: [intro, heading1, body1, heading2, body2, ...].
        var intro = PlainText(parts[0]);
        if (intro.Length > 0)
        {
            yield return New(article, article.Title, intro);
        }
        for (var i = 1; i + 1 < parts.Length; i += 2)
        {
            yield return New(article, parts[i].Trim(), PlainText(parts[i + 1]));
        }
    }

    /// <summary>The start of a chunk's text, ending on a whole line or sentence where one falls in the second half.</summary>
    public static string Snippet(string text)
    {
        if (text.Length <= SnippetLength)
        {
            return text;
        }
        var lineEnd = text.LastIndexOfAny(['\n', '.', '।'], SnippetLength);
        if (lineEnd > SnippetLength / 2)
        {
            return text[..(lineEnd + 1)].TrimEnd();
        }
        var cut = text.LastIndexOf(' ', SnippetLength);
        return (cut > 0 ? text[..cut] : SafeText.Shorten(text, SnippetLength)) + " …";
    }

    private static KnowledgeChunk New(KnowledgeArticle article, string heading, string text) =>
        new(article.Id, article.Title, heading, text, article.Tags, article.Language, article.Category);

    /// <summary>
    /// Markdown as readable text: the title line, emphasis and link targets dropped, each paragraph and list item
    /// on one line. Articles are hard-wrapped in the source; keeping those breaks would cut sentences in half
    /// wherever a snippet is shown.
    /// </summary>
    private static string PlainText(string markdown)
    {
        var lines = new List<string>();
        var paragraphOpen = false;
        foreach (var raw in markdown.Split('\n'))
        {
            if (raw.TrimStart().StartsWith("# ", StringComparison.Ordinal))
            {
                continue;
            }
            var line = MarkdownMarks().Replace(raw, "").Trim();
            if (line.Length == 0)
            {
                paragraphOpen = false;
                continue;
            }
            var listItem = ListItem().Match(raw);
            if (listItem.Success)
            {
                lines.Add(raw.TrimStart().StartsWith("- ", StringComparison.Ordinal) ? "• " + line[1..].TrimStart() : line);
            }
            else if (paragraphOpen)
            {
                lines[^1] += " " + line;
            }
            else
            {
                lines.Add(line);
            }
            paragraphOpen = true;
        }
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"^\s*(-|\d+\.)\s")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^##\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex SectionHeading();

    // Emphasis, code and quote marks, and link targets "(…)" after "]".
    [GeneratedRegex(@"\*\*|__|[*`>]|\[|\](\([^)]*\))?")]
    private static partial Regex MarkdownMarks();
}
