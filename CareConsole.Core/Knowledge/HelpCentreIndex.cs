using CareConsole.Core.Knowledge.Search;
using CareConsole.Core.Knowledge.Text;

namespace CareConsole.Core.Knowledge;

/// <summary>
/// The help centre, searchable: every section of every article in a BM25F index (title, section heading, tags and
/// text weighted apart), fused with vector similarity when embeddings of the sections are at hand. One hit per
/// article, best section first; asked for a language, one hit per topic, in that language where the topic has it.
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

    // A question in Devanagari prefers a Hindi article that answers it equally well, and the other way round; a
    // conversation's own language is preferred the same way.
    private const float SameLanguageBoost = 1.15f;

    private readonly Bm25Index _lexical;
    private readonly VectorIndex? _vectors;

    // The sections of each topic's version in each language, in article order.
    private readonly Dictionary<(string Topic, string Language), int[]> _versions;

    // The numbers each section states, read once: matching a Hindi section to the one that was found compares them.
    private readonly IReadOnlySet<string>[] _numbers;

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
        _versions = Chunks.Select((chunk, document) => (chunk, document))
            .GroupBy(c => (Topic: KnowledgeArticle.TopicOf(c.chunk.ArticleId), c.chunk.Language))
            .ToDictionary(g => g.Key, g => g.Select(c => c.document).ToArray());
        _numbers = Chunks.Select(c => ArticleFacts.Numbers(c.Text)).ToArray();
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

    /// <summary>Keyword search alone, in the preferred language where a topic has it.</summary>
    public ValueTask<IReadOnlyList<KnowledgeHit>> SearchAsync(string query, int limit, string? preferredLanguage, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Search(query, limit, preferredLanguage: preferredLanguage));

    /// <summary>
    /// The best articles for a question, each with its best section; hybrid when a question vector is given. With a
    /// preferred language, versions of one topic count as one hit, shown in that language where the topic has it.
    /// </summary>
    public IReadOnlyList<KnowledgeHit> Search(string query, int limit, ReadOnlyMemory<float>? queryVector = null, string? preferredLanguage = null)
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

        var language = preferredLanguage ?? ArticleLanguage.OfScript(query);
        var scored = ranking
            .Select(hit => new ScoredDocument(hit.Document, hit.Score * (Chunks[hit.Document].Language == language ? SameLanguageBoost : 1f)))
            .OrderByDescending(hit => hit.Score)
            .ToList();
        // Without a preference (the search page, the public API) every version stands on its own, as it always has.
        var best = preferredLanguage is null
            ? scored.DistinctBy(hit => Chunks[hit.Document].ArticleId)
            : scored.DistinctBy(hit => KnowledgeArticle.TopicOf(Chunks[hit.Document].ArticleId))
                .Select(hit => hit with { Document = SectionIn(preferredLanguage, hit.Document, query, scored, depth) });
        return best
            .Take(limit)
            .Select(hit => (Chunk: Chunks[hit.Document], hit.Score))
            .Select(hit => new KnowledgeHit(hit.Chunk.ArticleId, hit.Chunk.ArticleTitle, hit.Chunk.Heading,
                ArticleChunker.Snippet(hit.Chunk.Text), hit.Chunk.Language, Math.Round(hit.Score, 4)))
            .ToList();
    }

    /// <summary>
    /// The section to show for a topic that matched at <paramref name="document"/>, from its version in
    /// <paramref name="language"/> when it has one. English and Hinglish versions are kept parallel (a test holds
    /// them to it), so between them it is the section in the same place. A Hindi version is written on its own:
    /// going down the ranking, its own section or the one stating the same numbers as a section of the topic that
    /// matched; failing that, its section that best matches the question read in Devanagari; failing that, its
    /// opening.
    /// </summary>
    private int SectionIn(string language, int document, string query, List<ScoredDocument> scored, int depth)
    {
        var matched = Chunks[document];
        var topic = KnowledgeArticle.TopicOf(matched.ArticleId);
        if (matched.Language == language || !_versions.TryGetValue((topic, language), out var wanted))
        {
            return document;
        }
        var from = _versions[(topic, matched.Language)];
        if (IsParallel(matched.Language) && IsParallel(language) && from.Length == wanted.Length)
        {
            return wanted[Array.IndexOf(from, document)];
        }

        // Down the ranking, the first section of the topic that is either in the wanted version or states numbers
        // that a section of it states too.
        foreach (var hit in scored)
        {
            var chunk = Chunks[hit.Document];
            if (KnowledgeArticle.TopicOf(chunk.ArticleId) != topic)
            {
                continue;
            }
            if (chunk.Language == language)
            {
                return hit.Document;
            }
            if (StatingTheSame(wanted, hit.Document) is { } stating)
            {
                return stating;
            }
        }
        var ranking = language == ArticleLanguage.Hindi && ArticleLanguage.OfScript(query) != ArticleLanguage.Hindi
            ? _lexical.Search(TextAnalyzer.Default.QueryTermsInDevanagari(query), depth)
            : scored;
        foreach (var hit in ranking)
        {
            if (Array.IndexOf(wanted, hit.Document) >= 0)
            {
                return hit.Document;
            }
        }
        return wanted[0];
    }

    /// <summary>The section among <paramref name="sections"/> that states most of the numbers section <paramref name="document"/> states, if any does.</summary>
    private int? StatingTheSame(int[] sections, int document)
    {
        var facts = _numbers[document];
        if (facts.Count == 0)
        {
            return null;
        }
        var (best, shared) = sections
            .Select(section => (Section: section, Shared: _numbers[section].Count(facts.Contains)))
            .MaxBy(candidate => candidate.Shared);
        return shared > 0 ? best : null;
    }

    private static bool IsParallel(string language) => language is ArticleLanguage.English or ArticleLanguage.Hinglish;
}
