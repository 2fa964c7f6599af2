namespace CareConsole.Core.Knowledge.Evaluation;

/// <summary>Hit rates and mean reciprocal rank over a set of questions.</summary>
public sealed class RankingMetrics
{
    private readonly List<int?> _ranks = [];

    /// <summary>Records where the first right answer ranked (1-based), or null when it was not returned.</summary>
    public void Add(int? rank) => _ranks.Add(rank);

    public int Count => _ranks.Count;

    public double HitAt(int k) => _ranks.Count == 0 ? 0 : _ranks.Count(r => r <= k) / (double)_ranks.Count;

    public double MrrAt(int k) => _ranks.Count == 0 ? 0 : _ranks.Sum(r => r <= k ? 1.0 / r!.Value : 0) / _ranks.Count;
}
