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
/// Searches the help centre. The seam where Lucene.Net (not restorable here) or a search service could replace
/// the in-process index without touching the agent or the API.
/// </summary>
public interface IKnowledgeIndex
{
    /// <summary>The best articles for <paramref name="query"/>, each with its best section, best first; empty when nothing matches.</summary>
    ValueTask<IReadOnlyList<KnowledgeHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the help centre speaks of what <paramref name="query"/> asks at all. Ranking always finds something
    /// for a common word; the assistant must not answer "Do you deliver to the moon?" from a delivery article.
    /// </summary>
    bool Understands(string query);

    /// <summary>The articles searched now; the store's policy is read from them.</summary>
    KnowledgeBase Knowledge { get; }
}
