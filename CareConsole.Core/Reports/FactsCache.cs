using System.Collections.Concurrent;

namespace CareConsole.Core.Reports;

/// <summary>
/// The <see cref="ConversationFacts"/> rows this process has read, each with the conversation version it was worked
/// out from. A report first reads which conversations it covers and at which version (two narrow columns), then only
/// the rows it does not hold at that version: a manager opening the dashboard again, or a colleague opening the same
/// month, waits for what changed since, not for a hundred thousand rows. Any instance may have written a row; the
/// version tells, so nothing stale is ever counted.
/// </summary>
public sealed class FactsCache
{
    /// <summary>Past this many rows (about 300 bytes each) the cache starts again rather than grow without end.</summary>
    public const int MaxRows = 250_000;

    private readonly ConcurrentDictionary<Guid, ConversationFacts> _rows = new();

    /// <summary>The row of <paramref name="id"/> worked out from <paramref name="version"/>, if held.</summary>
    public ConversationFacts? Find(Guid id, uint version) =>
        _rows.TryGetValue(id, out var facts) && facts.SourceVersion == version ? facts : null;

    /// <summary>Holds <paramref name="rows"/> (read without tracking, so never changed afterwards) for later reports.</summary>
    public void Keep(IReadOnlyCollection<ConversationFacts> rows)
    {
        if (_rows.Count + rows.Count > MaxRows)
        {
            _rows.Clear();
        }
        foreach (var row in rows)
        {
            _rows[row.ConversationId] = row;
        }
    }
}
