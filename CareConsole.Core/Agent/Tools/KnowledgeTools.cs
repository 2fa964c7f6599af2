using System.ComponentModel;
using CareConsole.Core.Conversations;
using CareConsole.Core.Knowledge;

namespace CareConsole.Core.Agent.Tools;

/// <summary>The help centre: general answers that need no identity.</summary>
public sealed class KnowledgeTools(AgentTurn turn)
{
    private const int Results = 3;

    [Description("Searches MelaMart's help centre (delivery, returns, refunds, payments, membership, account) and returns the best matching sections. Answer only from these, and they are cited to the customer.")]
    public async Task<KnowledgeResult> SearchKnowledgeAsync(
        [Description("The customer's question, or keywords from it.")] string query,
        CancellationToken cancellationToken)
    {
        if (!turn.Knowledge.Understands(query))
        {
            return new KnowledgeResult([]);
        }
        // The article in the customer's own language, whatever script or words this question happens to use.
        var hits = await turn.Knowledge.SearchAsync(query, Results, ArticleLanguageOf(turn.Conversation.Register), cancellationToken);
        // The best section is what an answer rests on, so it is what the reply cites.
        if (hits.Count > 0 && turn.Citations.All(c => c.ArticleId != hits[0].ArticleId))
        {
            turn.Citations.Add(new Citation(hits[0].ArticleId, hits[0].Title, hits[0].Url));
        }
        return new KnowledgeResult(hits.Select(h => new KnowledgeArticleHit(h.ArticleId, h.Title, h.Heading, h.Snippet, h.Url)).ToList());
    }

    private static string ArticleLanguageOf(Register register) => register switch
    {
        Register.Hindi => ArticleLanguage.Hindi,
        Register.Hinglish => ArticleLanguage.Hinglish,
        _ => ArticleLanguage.English,
    };
}
