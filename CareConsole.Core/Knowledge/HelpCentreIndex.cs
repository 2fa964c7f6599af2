using CareConsole.Core.Knowledge.Search;
using CareConsole.Core.Knowledge.Text;

namespace CareConsole.Core.Knowledge;

/// <summary>
/// The help centre, searchable: every section of every article in a BM25F index (title, section heading, tags and
/// text weighted apart), fused with vector similarity when embeddings of the sections are at hand. One hit per
/// article, best section first.
/// </summary>
public sealed class HelpCentreIndex : IKnowledgeIndex
{
    /// <summary>
    /// Field weights: the article's title and tags say what it answers; a section heading counts like its text (it
    /// usually repeats it). Chosen on the labelled questions: title 2, tags 2, heading 1, text 1.
    /// </summary>
    public static readonly IReadOnlyList<FieldSpec> Fields =
    [
        new("title", 2f, 0.5f),
        new("heading", 1f, 0.5f),
        new("tags", 2f, 0.3f),
        new("body", 1f, 0.5f),
    ];

    // A question in Devanagari prefers a Hindi article that answers it equally well, and the other way round.
    private const float SameLanguageBoost = 1.15f;

    private readonly Bm25Index _lexical;
    private readonly VectorIndex? _vectors;

    public HelpCentreIndex(KnowledgeBase knowledge, Func<IReadOnlyList<KnowledgeChunk>, VectorIndex?>? embed = null)
        : this(knowledge, knowledge.Articles.OrderBy(a => a.Id, StringComparer.Ordinal).SelectMany(ArticleChunker.Chunk).ToList(), embed)
    {
    }

    /// <summary>An index over given sections, for corpora that are not a folder of articles (benchmarks, tuning).</summary>
    public HelpCentreIndex(KnowledgeBase knowledge, IReadOnlyList<KnowledgeChunk> chunks, Func<IReadOnlyList<KnowledgeChunk>, VectorIndex?>? embed = null,
        IReadOnlyList<FieldSpec>? fields = null)
    {
        Knowledge = knowledge;
        Chunks = chunks;
        // No spelling correction here: against the articles' small vocabulary it "corrects" good words the
        // articles happen not to use (shoes into shows); common misspellings are in the synonym table instead.
        _lexical = new Bm25Index(fields ?? Fields, Chunks.Select(c => (IReadOnlyList<string>)[c.ArticleTitle, c.Heading, string.Join(' ', c.Tags), c.Text]).ToList());
        _vectors = embed?.Invoke(Chunks);
    }

    public KnowledgeBase Knowledge { get; }

    public IReadOnlyList<KnowledgeChunk> Chunks { get; }

    /// <summary>Whether searches also rank by meaning (section embeddings are present).</summary>
    public bool IsHybrid => _vectors is { Count: > 0 };

    public int TermCount => _lexical.TermCount;

    /// <summary>
    /// Whether the help centre speaks of what <paramref name="query"/> asks: at least half of the question's own
    /// words are words the articles use, directly or through a synonym. "Do you deliver to the moon by rocket?"
    /// shares only "deliver", and any article it finds would answer something else.
    /// </summary>
    public bool Understands(string query)
    {
        var terms = TextAnalyzer.Default.QueryTerms(query).Where(t => !t.Term.Contains('_', StringComparison.Ordinal)).ToList();
        var own = terms.Where(t => t.Weight >= 1).Select(t => t.Term).Distinct(StringComparer.Ordinal).ToList();
        if (own.Count == 0)
        {
            return false;
        }
        var known = own.Count(_lexical.Contains);
        // A synonym the articles use stands for one of the customer's own words they do not ("paisa wapas": refund).
        var bySynonym = terms.Where(t => t.Weight < 1).Select(t => t.Term).Distinct(StringComparer.Ordinal).Count(_lexical.Contains);
        return Math.Min(own.Count, known + bySynonym) * 2 >= own.Count;
    }

    /// <summary>Keyword search alone; <see cref="KnowledgeLibrary"/> adds the question's embedding when it can.</summary>
    public ValueTask<IReadOnlyList<KnowledgeHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Search(query, limit));

    /// <summary>The best articles for a question, each with its best section; hybrid when a question vector is given.</summary>
    public IReadOnlyList<KnowledgeHit> Search(string query, int limit, ReadOnlyMemory<float>? queryVector = null)
    {
        if (limit <= 0 || string.IsNullOrWhiteSpace(query))
        {
            return [];
        }
        // Sections of one article crowd each other out, so look deeper than the articles wanted.
        var depth = Math.Max(limit * 8, 40);
        var ranking = _lexical.Search(TextAnalyzer.Default.QueryTerms(query), depth);
        if (_vectors is not null && queryVector is { } vector)
        {
            ranking = RankFusion.Fuse([ranking, _vectors.Search(vector, depth)], depth);
        }

        var language = query.Any(c => c is >= '\u0900' and <= '\u097F') ? "hi" : "en";
        return ranking
            .Select(hit => (Chunk: Chunks[hit.Document], Score: hit.Score * (Chunks[hit.Document].Language == language ? SameLanguageBoost : 1f)))
            .OrderByDescending(hit => hit.Score)
            .DistinctBy(hit => hit.Chunk.ArticleId)
            .Take(limit)
            .Select(hit => new KnowledgeHit(hit.Chunk.ArticleId, hit.Chunk.ArticleTitle, hit.Chunk.Heading,
                ArticleChunker.Snippet(hit.Chunk.Text), hit.Chunk.Language, Math.Round(hit.Score, 4)))
            .ToList();
    }
}
