using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using CareConsole.Core.Knowledge.Text;

namespace CareConsole.Core.Knowledge.Search;

/// <summary>One field of the documents an index holds, how much a match in it counts, and how much its length matters.</summary>
public sealed record FieldSpec(string Name, float Weight, float LengthNormalisation = 0.75f);

/// <summary>A document's position in the index and its score.</summary>
public readonly record struct ScoredDocument(int Document, float Score);

/// <summary>
/// An in-memory inverted index ranked with BM25F: a term's frequency is summed over the fields with their weights,
/// each normalised by the field's length, then saturated once. Everything that does not depend on the question is
/// computed while building, so a search only adds up precomputed numbers for the question's terms.
/// </summary>
/// <remarks>Immutable once built: searches need no locks, and a rebuilt index simply replaces the old one.</remarks>
public sealed class Bm25Index
{
    private readonly Dictionary<string, int> _termIds;
    private readonly int[][] _postingDocuments;
    private readonly float[][] _postingScores;
    // Scratch space for searches, reused: one per search running at the same moment.
    private readonly ConcurrentBag<Accumulator> _accumulators = [];

    /// <param name="fields">The fields every document has, in order.</param>
    /// <param name="documents">For each document, the text of each field in <paramref name="fields"/> order.</param>
    /// <param name="k1">How quickly repeated terms stop adding score.</param>
    /// <param name="spelling">Corrects misspelt words in documents as they are indexed, and in questions (see <see cref="Spelling"/>).</param>
    public Bm25Index(IReadOnlyList<FieldSpec> fields, IReadOnlyList<IReadOnlyList<string>> documents, float k1 = 1.2f, SpellingCorrector? spelling = null)
    {
        Count = documents.Count;
        Spelling = spelling;
        var termCounts = new Dictionary<string, int>[documents.Count][];
        var averageLength = new double[fields.Count];
        var lengths = new int[documents.Count, fields.Count];
        for (var d = 0; d < documents.Count; d++)
        {
            termCounts[d] = new Dictionary<string, int>[fields.Count];
            for (var f = 0; f < fields.Count; f++)
            {
                var terms = TextAnalyzer.IndexTerms(documents[d][f], spelling);
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var term in terms)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(counts, term, out _)++;
                }
                termCounts[d][f] = counts;
                lengths[d, f] = terms.Count;
                averageLength[f] += terms.Count;
            }
        }
        for (var f = 0; f < fields.Count; f++)
        {
            averageLength[f] = Math.Max(1, averageLength[f] / Math.Max(1, documents.Count));
        }

        // Per term: the documents it occurs in and their field-weighted, length-normalised frequency.
        var postings = new Dictionary<string, (List<int> Documents, List<float> Frequencies)>(StringComparer.Ordinal);
        var frequency = new Dictionary<string, float>(StringComparer.Ordinal);
        for (var d = 0; d < documents.Count; d++)
        {
            frequency.Clear();
            for (var f = 0; f < fields.Count; f++)
            {
                var norm = 1 - fields[f].LengthNormalisation + fields[f].LengthNormalisation * lengths[d, f] / averageLength[f];
                foreach (var (term, count) in termCounts[d][f])
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(frequency, term, out _) += (float)(fields[f].Weight * count / norm);
                }
            }
            foreach (var (term, weighted) in frequency)
            {
                ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(postings, term, out var exists);
                if (!exists)
                {
                    list = ([], []);
                }
                list.Documents.Add(d);
                list.Frequencies.Add(weighted);
            }
            termCounts[d] = [];
        }

        _termIds = new Dictionary<string, int>(postings.Count, StringComparer.Ordinal);
        _postingDocuments = new int[postings.Count][];
        _postingScores = new float[postings.Count][];
        var id = 0;
        foreach (var (term, (docs, frequencies)) in postings)
        {
            var idf = (float)Math.Log(1 + (documents.Count - docs.Count + 0.5) / (docs.Count + 0.5));
            var scores = new float[frequencies.Count];
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = idf * frequencies[i] * (k1 + 1) / (k1 + frequencies[i]);
            }
            _termIds[term] = id;
            _postingDocuments[id] = [.. docs];
            _postingScores[id] = scores;
            id++;
        }
    }

    public int Count { get; }

    /// <summary>The spellings this index knows, to correct questions with; null when it does not correct.</summary>
    public SpellingCorrector? Spelling { get; }

    /// <summary>Distinct terms (words and word pairs) in the index.</summary>
    public int TermCount => _termIds.Count;

    /// <summary>Whether any document has <paramref name="term"/>.</summary>
    public bool Contains(string term) => _termIds.ContainsKey(term);

    /// <summary>The best <paramref name="limit"/> documents for the weighted terms, best first.</summary>
    public IReadOnlyList<ScoredDocument> Search(IReadOnlyList<WeightedTerm> terms, int limit)
    {
        if (limit <= 0 || Count == 0)
        {
            return [];
        }
        var accumulator = _accumulators.TryTake(out var free) ? free : new Accumulator(Count);
        try
        {
            foreach (var (term, weight) in terms)
            {
                if (!_termIds.TryGetValue(term, out var id))
                {
                    continue;
                }
                var docs = _postingDocuments[id];
                var scores = _postingScores[id];
                for (var i = 0; i < docs.Length; i++)
                {
                    accumulator.Add(docs[i], weight * scores[i]);
                }
            }
            return accumulator.Top(limit);
        }
        finally
        {
            accumulator.Clear();
            _accumulators.Add(accumulator);
        }
    }

    /// <summary>Scratch space for one search, so a search allocates nothing proportional to the index.</summary>
    private sealed class Accumulator(int size)
    {
        private readonly float[] _scores = new float[size];
        private readonly int[] _touched = new int[size];
        private int _count;

        public void Add(int document, float score)
        {
            if (_scores[document] == 0)
            {
                _touched[_count++] = document;
            }
            _scores[document] += score;
        }

        public List<ScoredDocument> Top(int limit)
        {
            var best = new BestScores(limit);
            for (var i = 0; i < _count; i++)
            {
                best.Offer(_touched[i], _scores[_touched[i]]);
            }
            return best.BestFirst();
        }

        public void Clear()
        {
            for (var i = 0; i < _count; i++)
            {
                _scores[_touched[i]] = 0;
            }
            _count = 0;
        }
    }
}
