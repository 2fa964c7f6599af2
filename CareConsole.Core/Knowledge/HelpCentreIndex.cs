using CareConsole.Core.Knowledge.Search;
using CareConsole.Core.Knowledge.Text;

namespace CareConsole.Core.Knowledge;

/// <summary>
/// The help centre, searchable: every section of every article in a Lucene index (title, section heading, tags and
/// text weighted apart), fused with vector similarity when embeddings of the sections are at hand. One hit per
/// article, best section first; asked for a language, one hit per topic, in that language where the topic has it.
/// </summary>
public sealed class HelpCentreIndex : IKnowledgeIndex
{
    /// <summary>
    /// Field weights: the article's title and tags say what it answers; a section heading counts like its text (it
    /// usually repeats it). Chosen on the labelled questions.
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

    // How much the ranking by meaning counts next to the keyword ranking when they are fused. Chosen on the labelled
    // questions: 2 puts one more question's answer first than 1 (and the same number in the top five).
    private const float MeaningWeight = 2f;

    // Meaning counts in full only when its best article stands out: MiniLM gives every section about deliveries
    // much the same cosine for a delivery question (0.531, 0.529, 0.527, 0.526 for its best four sections, from three articles), and such a flat
    // ranking outvoted a keyword match that led by half. Its weight grows with the best article's lead over the
    // next in cosine and is full from a lead of 0.05. Measured on the labelled questions (hit@1): 0.832 to 0.847;
    // by halves, 0.864 to 0.858 on every other question and 0.801 to 0.835 on the rest.
    private const float MeaningLeadScale = 20f;

    // Below this cosine a section is not about the question at all ("parrot" against a section on cats and dogs in
    // stores is 0.20, a refund question against the refund section 0.62): meaning alone does not bring it in.
    private const float MinimumSimilarity = 0.3f;

    // A question asking how long something takes prefers the sections that state a time.
    private const float DurationBoost = 1.3f;

    private readonly LexicalIndex _lexical;
    private readonly VectorIndex? _vectors;

    // Each section's number in the lexical index, and back. A private index numbers sections in order; the library's
    // shared index keeps a section's number for as long as its text is unchanged, across reloads.
    private readonly Dictionary<int, int> _sectionByNumber;

    // The sections of each topic's version in each language, in article order.
    private readonly Dictionary<(string Topic, string Language), int[]> _versions;

    // The numbers each section states, read once: matching a Hindi section to the one that was found compares them.
    private readonly IReadOnlySet<string>[] _numbers;

    // Whether each section states how long something takes ("1–3 business days").
    private readonly bool[] _statesDuration;

    public HelpCentreIndex(KnowledgeBase knowledge)
        : this(knowledge, SectionsOf(knowledge))
    {
    }

    /// <summary>An index of its own over given sections, for corpora that are not a folder of articles (benchmarks, tuning).</summary>
    public HelpCentreIndex(KnowledgeBase knowledge, IReadOnlyList<KnowledgeChunk> chunks, IReadOnlyList<FieldSpec>? fields = null)
        : this(knowledge, chunks, new LexicalIndex(fields ?? Fields, TextAnalyzer.Indexing), Enumerable.Range(0, chunks.Count).ToArray())
    {
    }

    private HelpCentreIndex(KnowledgeBase knowledge, IReadOnlyList<KnowledgeChunk> chunks, LexicalIndex lexical, int[] numbers)
    {
        Knowledge = knowledge;
        Chunks = chunks;
        _lexical = lexical;
        _sectionByNumber = numbers.Select((number, section) => (number, section)).ToDictionary(p => p.number, p => p.section);
        _lexical.Publish(chunks.Select((c, section) => new IndexedDocument(numbers[section], Fielded(c))).ToList());
        _versions = Chunks.Select((chunk, document) => (chunk, document))
            .GroupBy(c => (Topic: KnowledgeArticle.TopicOf(c.chunk.ArticleId), c.chunk.Language))
            .ToDictionary(g => g.Key, g => g.Select(c => c.document).ToArray());
        _numbers = Chunks.Select(c => ArticleFacts.Numbers(c.Text)).ToArray();
        _statesDuration = Chunks.Select(c => Durations.States(c.Text)).ToArray();
    }

    /// <summary>
    /// The help centre's sections published into <paramref name="shared"/>, the index a library keeps across
    /// reloads: sections whose text is unchanged keep their number, so only edits are written.
    /// </summary>
    internal static HelpCentreIndex Publish(KnowledgeBase knowledge, LexicalIndex shared, Func<KnowledgeChunk, int> numberOf)
    {
        var chunks = SectionsOf(knowledge);
        return new HelpCentreIndex(knowledge, chunks, shared, chunks.Select(numberOf).ToArray());
    }

    /// <summary>The same index, also ranking by meaning with one vector per section (in <see cref="Chunks"/> order).</summary>
    /// <remarks>The sections are already in the Lucene index; only the vectors are new.</remarks>
    public HelpCentreIndex WithVectors(VectorIndex vectors) => new(this, vectors);

    private HelpCentreIndex(HelpCentreIndex lexical, VectorIndex vectors)
    {
        Knowledge = lexical.Knowledge;
        Chunks = lexical.Chunks;
        _lexical = lexical._lexical;
        _vectors = vectors;
        _sectionByNumber = lexical._sectionByNumber;
        _versions = lexical._versions;
        _numbers = lexical._numbers;
        _statesDuration = lexical._statesDuration;
    }

    /// <summary>
    /// A section's text in <see cref="Fields"/> order. An article's opening has the title for its heading; indexed
    /// there again it would count the title twice and win every question the title matches, when the answer is
    /// usually in the section whose own heading and text match ("refund kitne din mein aata hai": the timelines, not
    /// the introduction).
    /// </summary>
    private static string[] Fielded(KnowledgeChunk chunk) =>
        [chunk.ArticleTitle, chunk.Heading == chunk.ArticleTitle ? "" : chunk.Heading, string.Join(' ', chunk.Tags), chunk.Text];

    private static List<KnowledgeChunk> SectionsOf(KnowledgeBase knowledge) =>
        knowledge.Articles.OrderBy(a => a.Id, StringComparer.Ordinal).SelectMany(ArticleChunker.Chunk).ToList();

    public KnowledgeBase Knowledge { get; }

    public IReadOnlyList<KnowledgeChunk> Chunks { get; }

    /// <summary>Whether searches also rank by meaning (section embeddings are present).</summary>
    public bool IsHybrid => _vectors is { Count: > 0 };

    /// <summary>
    /// Whether the help centre speaks of what <paramref name="query"/> asks: at least half of the question's own
    /// words are words the articles use, directly or through a synonym. "Do you deliver to the moon by rocket?"
    /// shares only "deliver", and any article it finds would answer something else.
    /// </summary>
    public bool Understands(string query)
    {
        var terms = TextAnalyzer.Default.QueryTerms(query).Where(t => !TextAnalyzer.IsPair(t.Term)).ToList();
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
        IReadOnlyList<ScoredDocument> ranking = Lexical(TextAnalyzer.Default.QueryTerms(query), depth);
        if (_vectors is not null && queryVector is { } vector)
        {
            var meaning = _vectors.Search(vector, depth).Where(hit => hit.Score >= MinimumSimilarity).ToList();
            ranking = RankFusion.Fuse([ranking, meaning], depth,
                weights: [1f, MeaningWeight * Math.Min(1f, MeaningLeadScale * CosineLead(meaning))]);
        }

        var language = preferredLanguage ?? ArticleLanguage.OfScript(query);
        var howLong = Durations.AsksHowLong(query);
        var scored = ranking
            .Select(hit => new ScoredDocument(hit.Document, hit.Score
                * (Chunks[hit.Document].Language == language ? SameLanguageBoost : 1f)
                * (howLong && _statesDuration[hit.Document] ? DurationBoost : 1f)))
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
            ? Lexical(TextAnalyzer.Default.QueryTermsInDevanagari(query), depth)
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

    /// <summary>How far the best article's cosine is above the next article's (or above the threshold when no other is near).</summary>
    private float CosineLead(List<ScoredDocument> meaning)
    {
        if (meaning.Count == 0)
        {
            return 0f;
        }
        var best = meaning[0];
        var next = meaning.FirstOrDefault(hit => Chunks[hit.Document].ArticleId != Chunks[best.Document].ArticleId);
        return best.Score - (next == default ? MinimumSimilarity : next.Score);
    }

    /// <summary>
    /// Lexical hits as sections of this index. A hit with a number this index does not know belongs to a reload
    /// published a moment ago, while this index was still answering; it is left out.
    /// </summary>
    private List<ScoredDocument> Lexical(IReadOnlyList<WeightedTerm> terms, int depth) =>
        _lexical.Search(terms, depth)
            .Where(hit => _sectionByNumber.ContainsKey(hit.Document))
            .Select(hit => hit with { Document = _sectionByNumber[hit.Document] })
            .ToList();

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
