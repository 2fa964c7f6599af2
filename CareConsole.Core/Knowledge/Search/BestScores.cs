namespace CareConsole.Core.Knowledge.Search;

/// <summary>Keeps the best <c>limit</c> documents offered, in O(n log limit) with no sorting of the rest.</summary>
internal sealed class BestScores(int limit)
{
    private readonly PriorityQueue<int, float> _best = new(limit + 1);

    public void Offer(int document, float score)
    {
        if (_best.Count < limit)
        {
            _best.Enqueue(document, score);
        }
        else if (_best.TryPeek(out _, out var lowest) && score > lowest)
        {
            _best.EnqueueDequeue(document, score);
        }
    }

    /// <summary>The kept documents, best first.</summary>
    public List<ScoredDocument> BestFirst()
    {
        var result = new List<ScoredDocument>(_best.Count);
        while (_best.TryDequeue(out var document, out var score))
        {
            result.Add(new ScoredDocument(document, score));
        }
        result.Reverse();
        return result;
    }
}
