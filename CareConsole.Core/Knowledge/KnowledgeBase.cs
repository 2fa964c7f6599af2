using System.Text.RegularExpressions;

namespace CareConsole.Core.Knowledge;

/// <summary>
/// The help centre as Markdown files in <c>knowledge/</c>: front matter (title, category, language, tags) and a
/// body. The file name (without .md) is the article id used in URLs and citations.
/// </summary>
public sealed partial class KnowledgeBase
{
    private readonly Dictionary<string, KnowledgeArticle> _articles;
    private readonly ILookup<string, KnowledgeArticle> _byTopic;

    public KnowledgeBase(IEnumerable<KnowledgeArticle> articles)
    {
        _articles = articles.ToDictionary(a => a.Id, StringComparer.OrdinalIgnoreCase);
        _byTopic = _articles.Values.ToLookup(a => a.Topic, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<KnowledgeArticle> Articles => _articles.Values;

    public KnowledgeArticle? Find(string id) => _articles.GetValueOrDefault(id);

    /// <summary>The articles of one topic, one per language: the English one first, then the rest by language.</summary>
    public IReadOnlyList<KnowledgeArticle> VersionsOf(string topic) =>
        _byTopic[topic].OrderBy(a => a.Language != ArticleLanguage.English).ThenBy(a => a.Language, StringComparer.Ordinal).ToList();

    /// <summary>Reads every *.md file in <paramref name="folder"/>; a missing folder is an empty help centre.</summary>
    public static KnowledgeBase Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return new KnowledgeBase([]);
        }
        var articles = Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => Parse(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path)));
        return new KnowledgeBase(articles);
    }

    /// <summary>Parses one article. Front matter is the simple YAML subset the help centre uses.</summary>
    public static KnowledgeArticle Parse(string id, string text)
    {
        var front = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var tags = new List<string>();
        var body = text;
        var match = FrontMatter().Match(text);
        if (match.Success)
        {
            string? listKey = null;
            foreach (var line in match.Groups["yaml"].Value.Split('\n'))
            {
                var trimmed = line.Trim();
                if (trimmed.StartsWith("- ", StringComparison.Ordinal) && listKey == "tags")
                {
                    tags.Add(Unquote(trimmed[2..]));
                    continue;
                }
                var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    continue;
                }
                var key = trimmed[..colon].Trim();
                var value = trimmed[(colon + 1)..].Trim();
                listKey = key;
                if (key == "tags" && value.StartsWith('['))
                {
                    tags.AddRange(value.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Unquote));
                }
                else
                {
                    front[key] = Unquote(value);
                }
            }
            body = text[match.Length..];
        }

        var heading = Heading().Match(body);
        return new KnowledgeArticle(
            id,
            front.GetValueOrDefault("title") ?? (heading.Success ? heading.Groups["text"].Value.Trim() : id),
            front.GetValueOrDefault("category") ?? "General",
            front.GetValueOrDefault("language") ?? "en",
            tags,
            body.Trim());
    }

    private static string Unquote(string value) => value.Trim().Trim('"', '\'');

    [GeneratedRegex(@"\A---\r?\n(?<yaml>.*?)\r?\n---\r?\n", RegexOptions.Singleline)]
    private static partial Regex FrontMatter();

    [GeneratedRegex(@"^#\s+(?<text>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
