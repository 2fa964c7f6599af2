using System.Globalization;
using CareConsole.Core.Knowledge.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace CareConsole.Core.Knowledge.Search;

/// <summary>One field of the documents an index holds, how much a match in it counts, and how much its length matters (BM25's b).</summary>
public sealed record FieldSpec(string Name, float Weight, float LengthNormalisation = 0.75f);

/// <summary>A document's number in the index and its score.</summary>
public readonly record struct ScoredDocument(int Document, float Score);

/// <summary>A document to index: its number (stable for as long as its text is the same) and the text of each field.</summary>
public sealed record IndexedDocument(int Id, IReadOnlyList<string> Fields);

/// <summary>
/// A Lucene index in memory, ranked with BM25 per field (each field its own length normalisation), a match in a
/// field counting by the field's weight and the term's weight. Questions are already weighted terms (see
/// <see cref="TextAnalyzer"/>), so the query is built here rather than parsed. Published again when the documents
/// change: only added and removed documents are written, and searches go on against the previous view until
/// the new one is open (Lucene's <see cref="SearcherManager"/>), so a reload never blocks a question.
/// </summary>
public sealed class LexicalIndex : IDisposable
{
    private const string IdField = "id";
    private const string KeyField = "key";

    private readonly IReadOnlyList<FieldSpec> _fields;
    private readonly RAMDirectory _directory = new();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly HashSet<int> _present = [];
    private readonly System.Threading.Lock _publishing = new();
    private readonly int _maxTerms;

    /// <param name="fields">The fields every document has, in order.</param>
    /// <param name="analyzer">How field text becomes terms; questions must be analysed the same way.</param>
    /// <param name="k1">How quickly repeated terms stop adding score.</param>
    public LexicalIndex(IReadOnlyList<FieldSpec> fields, Analyzer analyzer, float k1 = 1.2f)
    {
        _fields = fields;
        var similarity = new FieldSimilarity(fields.ToDictionary(f => f.Name, f => new BM25Similarity(k1, f.LengthNormalisation)));
        _writer = new IndexWriter(_directory, new IndexWriterConfig(SearchAnalyzer.Version, analyzer) { Similarity = similarity });
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new SimilarSearchers(similarity));
        _maxTerms = BooleanQuery.MaxClauseCount / Math.Max(1, fields.Count);
    }

    /// <summary>How many documents the index holds.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Makes <paramref name="documents"/> what the index holds: documents whose number is new are added, those
    /// whose number is gone are removed, the rest stay as they are. Searches see all of it at once.
    /// </summary>
    public void Publish(IReadOnlyList<IndexedDocument> documents)
    {
        lock (_publishing)
        {
            var wanted = documents.Select(d => d.Id).ToHashSet();
            var removed = _present.Where(id => !wanted.Contains(id)).ToList();
            if (removed.Count > 0)
            {
                _writer.DeleteDocuments(removed.Select(id => new Term(KeyField, Key(id))).ToArray());
                _present.ExceptWith(removed);
            }
            foreach (var document in documents.Where(d => _present.Add(d.Id)))
            {
                _writer.AddDocument(ToLucene(document));
            }
            if (removed.Count > 0)
            {
                // Removed documents would go on counting in word statistics until a merge.
                _writer.ForceMergeDeletes();
            }
            _searchers.MaybeRefreshBlocking();
            Count = _present.Count;
        }
    }

    /// <summary>Whether any document has <paramref name="term"/> in any field.</summary>
    public bool Contains(string term)
    {
        var searcher = _searchers.Acquire();
        try
        {
            return _fields.Any(field => searcher.IndexReader.DocFreq(new Term(field.Name, term)) > 0);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>The best <paramref name="limit"/> documents for the weighted terms, best first, by their numbers.</summary>
    public IReadOnlyList<ScoredDocument> Search(IReadOnlyList<WeightedTerm> terms, int limit)
    {
        if (limit <= 0 || terms.Count == 0)
        {
            return [];
        }
        var searcher = _searchers.Acquire();
        try
        {
            var query = Query(searcher.IndexReader.Context, terms);
            if (query.Clauses.Count == 0)
            {
                return [];
            }
            var top = searcher.Search(query, limit).ScoreDocs;
            var leaves = searcher.IndexReader.Leaves;
            var hits = new List<ScoredDocument>(top.Length);
            foreach (var hit in top)
            {
                var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
                var id = leaf.AtomicReader.GetNumericDocValues(IdField).Get(hit.Doc - leaf.DocBase);
                hits.Add(new ScoredDocument((int)id, hit.Score));
            }
            return hits;
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>
    /// One clause per term and field, for the pairs the index holds. Each field's terms are looked up with one
    /// terms enumerator per segment, where Lucene's term queries open one per clause: a question is dozens of
    /// clauses, and those enumerators, with the clauses for pairs no document has, were 220 of the 505 KB a search
    /// allocated (at 10k sections: a garbage collection every 15 searches before, every 28 after, and the searches
    /// a collection lands in are the slowest hundredth). A pair no document has scores nothing under BM25 (which
    /// has no coordination factor or query norm), so leaving it out changes no score.
    /// </summary>
    private BooleanQuery Query(IndexReaderContext context, IReadOnlyList<WeightedTerm> terms)
    {
        var leaves = context.Leaves;
        var enumerators = new TermsEnum?[_fields.Count, leaves.Count];
        for (var f = 0; f < _fields.Count; f++)
        {
            for (var l = 0; l < leaves.Count; l++)
            {
                enumerators[f, l] = leaves[l].AtomicReader.GetTerms(_fields[f].Name)?.GetEnumerator();
            }
        }
        var query = new BooleanQuery();
        // A pasted essay must not exceed Lucene's clause limit: its strongest terms are enough to rank by.
        foreach (var (term, weight) in terms.OrderByDescending(t => t.Weight).Take(_maxTerms))
        {
            var bytes = new BytesRef(term);
            for (var f = 0; f < _fields.Count; f++)
            {
                TermContext? states = null;
                for (var l = 0; l < leaves.Count; l++)
                {
                    if (enumerators[f, l] is { } enumerator && enumerator.SeekExact(bytes))
                    {
                        states ??= new TermContext(context);
                        states.Register(enumerator.GetTermState(), leaves[l].Ord, enumerator.DocFreq, enumerator.TotalTermFreq);
                    }
                }
                if (states is not null)
                {
                    query.Add(new TermQuery(new Term(_fields[f].Name, bytes), states) { Boost = weight * _fields[f].Weight }, Occur.SHOULD);
                }
            }
        }
        return query;
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
    }

    private Document ToLucene(IndexedDocument document)
    {
        var lucene = new Document
        {
            new StringField(KeyField, Key(document.Id), Field.Store.NO),
            new NumericDocValuesField(IdField, document.Id),
        };
        for (var f = 0; f < _fields.Count; f++)
        {
            lucene.Add(new TextField(_fields[f].Name, document.Fields[f], Field.Store.NO));
        }
        return lucene;
    }

    private static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>BM25 with each field's own length normalisation.</summary>
    private sealed class FieldSimilarity(Dictionary<string, BM25Similarity> byField) : PerFieldSimilarityWrapper
    {
        private readonly BM25Similarity _default = new();

        public override Similarity Get(string name) => byField.GetValueOrDefault(name) ?? _default;
    }

    /// <summary>Searchers that rank the way the index was written for.</summary>
    private sealed class SimilarSearchers(Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }
}
