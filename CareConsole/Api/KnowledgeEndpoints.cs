using System.ComponentModel;
using CareConsole.Core.Knowledge;
using CareConsole.Core.Text;
using CareConsole.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareConsole.Api;

public static class KnowledgeEndpoints
{
    private const int MaxQueryLength = 500;
    private const int MaxResults = 20;

    public sealed record SearchResult(string ArticleId, string Title, string Snippet, double Score, string Url);

    /// <summary>
    /// <c>GET /api/knowledge/search?q=&amp;k=</c>: the help centre's best articles for a question, each with its best
    /// section as the snippet. Public, like the help centre itself.
    /// </summary>
    public static void MapKnowledgeEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/knowledge/search", SearchAsync).RequireRateLimiting(RateLimiting.KnowledgeSearch)
            .WithTags("Help centre")
            .WithSummary("Search the help centre")
            .WithDescription("The best articles for a question, best first, one entry per article with its best section as the snippet.")
            .WithProblems(StatusCodes.Status429TooManyRequests);

    private static async Task<Results<Ok<List<SearchResult>>, ProblemHttpResult>> SearchAsync(
        [Description("The question, at most 500 characters")] string? q,
        [Description("How many articles, 1 to 20; 5 when not given")] string? k,
        IKnowledgeIndex knowledge,
        CancellationToken cancellationToken)
    {
        if (q is null || SafeText.IsBlank(q))
        {
            return Invalid("Give a question as ?q=.");
        }
        if (q.Length > MaxQueryLength)
        {
            return Invalid($"A question may be at most {MaxQueryLength} characters.");
        }
        var limit = 5;
        if (k is not null && (!int.TryParse(k, out limit) || limit is < 1 or > MaxResults))
        {
            return Invalid($"k must be a whole number from 1 to {MaxResults}.");
        }
        var hits = await knowledge.SearchAsync(q, limit, cancellationToken);
        return TypedResults.Ok(hits.Select(h => new SearchResult(h.ArticleId, h.Title, h.Snippet, h.Score, h.Url)).ToList());
    }

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
}
