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

    /// <summary>What the article is about, shared by its versions in every language: "refund-timelines.hi" is "refund-timelines".</summary>
    public string Topic => TopicOf(Id);

    public static string UrlFor(string articleId) => $"/help/{articleId}";

    public static string TopicOf(string articleId)
    {
        var dot = articleId.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? articleId : articleId[..dot];
    }
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
    /// The best topics for <paramref name="query"/>, each as its version in <paramref name="preferredLanguage"/>
    /// where the topic has one (whatever script the question is in), otherwise as the version that matched;
    /// without a preference, the same as <see cref="SearchAsync(string, int, CancellationToken)"/>.
    /// </summary>
    /// <param name="query">The customer's question.</param>
    /// <param name="limit">How many topics at most.</param>
    /// <param name="preferredLanguage">An <see cref="ArticleLanguage"/> code: the language the customer is being answered in.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    ValueTask<IReadOnlyList<KnowledgeHit>> SearchAsync(string query, int limit, string? preferredLanguage, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the help centre speaks of what <paramref name="query"/> asks at all. Ranking always finds something
    /// for a common word; the assistant must not answer "Do you deliver to the moon?" from a delivery article.
    /// </summary>
    bool Understands(string query);

    /// <summary>The articles searched now; the store's policy is read from them.</summary>
    KnowledgeBase Knowledge { get; }
}
