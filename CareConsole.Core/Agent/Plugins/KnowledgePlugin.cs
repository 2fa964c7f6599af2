using System.ComponentModel;
using CareConsole.Core.Conversations;
using CareConsole.Core.Knowledge;
using Microsoft.SemanticKernel;

namespace CareConsole.Core.Agent.Plugins;

/// <summary>The help centre: general answers that need no identity.</summary>
public sealed class KnowledgePlugin
{
    private const int Results = 3;

    [KernelFunction("search_knowledge")]
    [Description("Searches MelaMart's help centre (delivery, returns, refunds, payments, membership, account) and returns the best matching sections. Answer only from these, and they are cited to the customer.")]
    public static async Task<KnowledgeResult> SearchKnowledgeAsync(
        Kernel kernel,
        [Description("The customer's question, or keywords from it.")] string query,
        CancellationToken cancellationToken)
    {
        var turn = AgentTurn.Of(kernel);
        if (!turn.Knowledge.Understands(query))
        {
            return new KnowledgeResult([]);
        }
        // The article in the customer's own language, whatever script or words this question happens to use.
        var language = ArticleLanguageOf(turn.Conversation.Register);
        var hits = await turn.Knowledge.SearchAsync(query, Results, language, cancellationToken);
        var facts = PolicyFacts.For(query, turn.Policy, turn.Wording);
        // What the answer rests on is what the reply cites: the article stating the facts, else the best section.
        var source = facts is { ArticleId: var id } ? InLanguage(turn, id, language) : null;
        if (source is not null)
        {
            Cite(turn, source.Id, source.Title, source.Url);
        }
        else if (hits.Count > 0)
        {
            Cite(turn, hits[0].ArticleId, hits[0].Title, hits[0].Url);
        }
        return new KnowledgeResult(hits.Select(h => new KnowledgeArticleHit(h.ArticleId, h.Title, h.Heading, h.Snippet, h.Url)).ToList(),
            source is null ? null : facts?.Text, source?.Title);
    }

    private static void Cite(AgentTurn turn, string articleId, string title, string url)
    {
        if (turn.Citations.All(c => c.ArticleId != articleId))
        {
            turn.Citations.Add(new Citation(articleId, title, url));
        }
    }

    /// <summary>The topic's article in <paramref name="language"/> when it has one, else the English one.</summary>
    private static KnowledgeArticle? InLanguage(AgentTurn turn, string topic, string language) =>
        turn.Knowledge.Knowledge.Find(language == ArticleLanguage.English ? topic : $"{topic}.{language}") ?? turn.Knowledge.Knowledge.Find(topic);

    private static string ArticleLanguageOf(Register register) => register switch
    {
        Register.Hindi => ArticleLanguage.Hindi,
        Register.Hinglish => ArticleLanguage.Hinglish,
        _ => ArticleLanguage.English,
    };
}
