using System.Numerics.Tensors;

namespace CareConsole.Core.Knowledge.Search;

/// <summary>
/// Documents as embedding vectors, ranked by cosine similarity in process. Vectors are normalised once when
/// stored, so ranking is a dot product per document.
/// </summary>
public sealed class VectorIndex
{
    private readonly float[][] _vectors;

    public VectorIndex(IReadOnlyList<ReadOnlyMemory<float>> vectors)
    {
        _vectors = vectors.Select(Normalised).ToArray();
        Dimensions = _vectors.Length == 0 ? 0 : _vectors[0].Length;
    }

    public int Count => _vectors.Length;

    public int Dimensions { get; }

    /// <summary>The <paramref name="limit"/> documents closest to <paramref name="query"/>, closest first.</summary>
    public IReadOnlyList<ScoredDocument> Search(ReadOnlyMemory<float> query, int limit)
    {
        if (_vectors.Length == 0 || limit <= 0 || query.Length != Dimensions)
        {
            return [];
        }
        var normalised = Normalised(query);
        var best = new BestScores(limit);
        for (var d = 0; d < _vectors.Length; d++)
        {
            best.Offer(d, TensorPrimitives.Dot<float>(_vectors[d], normalised));
        }
        return best.BestFirst();
    }

    private static float[] Normalised(ReadOnlyMemory<float> vector)
    {
        var copy = vector.ToArray();
        var norm = TensorPrimitives.Norm<float>(copy);
        if (norm > 0)
        {
            TensorPrimitives.Divide(copy, norm, copy);
        }
        return copy;
    }
}

/// <summary>
/// Reciprocal-rank fusion: a document's fused score is the sum over rankings of 1 / (k + rank). It needs no
/// calibration between a keyword score and a cosine, which is why it combines them.
/// </summary>
public static class RankFusion
{
    public const int DefaultK = 60;

    /// <param name="rankings">Rankings to fuse, best first.</param>
    /// <param name="limit">How many documents to keep.</param>
    /// <param name="k">How slowly a rank's weight falls with depth.</param>
    /// <param name="weights">How much each ranking counts (1 each when not given).</param>
    public static IReadOnlyList<ScoredDocument> Fuse(IReadOnlyList<IReadOnlyList<ScoredDocument>> rankings, int limit, int k = DefaultK,
        IReadOnlyList<float>? weights = null)
    {
        var fused = new Dictionary<int, float>();
        for (var r = 0; r < rankings.Count; r++)
        {
            var ranking = rankings[r];
            var weight = weights?[r] ?? 1f;
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                fused[ranking[rank].Document] = fused.GetValueOrDefault(ranking[rank].Document) + weight / (k + rank + 1);
            }
        }
        return fused.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key)
            .Take(limit)
            .Select(pair => new ScoredDocument(pair.Key, pair.Value))
            .ToList();
    }
}
