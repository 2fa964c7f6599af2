namespace CareConsole.Core.Knowledge;

/// <summary>A help-centre article: front matter and the Markdown body.</summary>
public sealed record KnowledgeArticle(
    string Id,
    string Title,
    string Category,
    string Language,
    IReadOnlyList<string> Tags,
    string Markdown)
{
    /// <summary>Where a person reads the article; citations link here.</summary>
    public string Url => UrlFor(Id);

    public static string UrlFor(string articleId) => $"/help/{articleId}";
}

/// <summary>One search result: the best-matching section of an article.</summary>
public sealed record KnowledgeHit(string ArticleId, string Title, string Heading, string Snippet, string Language, double Score)
{
    public string Url => KnowledgeArticle.UrlFor(ArticleId);
}

/// <summary>
/// Searches the help centre. A seam: the keyword index here is the simple first version, and a ranked index
/// (or Lucene.Net, once it can be restored) replaces it without touching callers.
/// </summary>
public interface IKnowledgeIndex
{
    /// <summary>The best sections for <paramref name="query"/>, best first; empty when nothing matches.</summary>
    IReadOnlyList<KnowledgeHit> Search(string query, int limit);
}
