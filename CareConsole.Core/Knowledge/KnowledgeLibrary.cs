using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using CareConsole.Core.Agent.Models;
using CareConsole.Core.Conversations;
using CareConsole.Core.Knowledge.Search;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace CareConsole.Core.Knowledge;

/// <summary>
/// The live help centre: the articles in <c>knowledge/</c> and their index, rebuilt when the files change and
/// swapped in whole, so a search never waits for a rebuild and never sees half of one. When an embedding model is
/// configured, sections are embedded after each rebuild (only new or edited ones; the rest come from a cache, kept
/// on disk between starts when a file is given) and searches fuse keyword and vector rankings; until then, and
/// whenever the model fails, search is keyword-only.
/// </summary>
public sealed partial class KnowledgeLibrary : IKnowledgeIndex, IDisposable
{
    private readonly string _directory;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embeddings;
    private readonly ILogger<KnowledgeLibrary> _logger;
    private readonly SemaphoreSlim _rebuilding = new(1, 1);
    private readonly Dictionary<string, ReadOnlyMemory<float>> _vectorCache;
    private readonly SectionVectorFile? _vectorFile;
    private HashSet<string> _storedKeys;
    private static readonly TimeSpan EmbeddingRetry = TimeSpan.FromMinutes(1);

    // One Lucene index for the library's life: a reload writes only the sections that changed, and questions asked
    // meanwhile are answered from the view before it.
    private readonly LexicalIndex _lexical = new(HelpCentreIndex.Fields, Text.TextAnalyzer.Indexing);
    private Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private int _lastNumber;

    private volatile HelpCentreIndex _current;
    private string _fingerprint;
    private DateTimeOffset _nextEmbeddingAttempt = DateTimeOffset.MinValue;

    /// <param name="directory">The help centre's Markdown folder.</param>
    /// <param name="logger">Where reloads and embedding failures are told.</param>
    /// <param name="embeddings">The embedding model; keyword search alone without one.</param>
    /// <param name="vectorFile">Where section vectors are kept between starts (for this model); none kept when null.</param>
    public KnowledgeLibrary(string directory, ILogger<KnowledgeLibrary> logger, IEmbeddingGenerator<string, Embedding<float>>? embeddings = null,
        SectionVectorFile? vectorFile = null)
    {
        _directory = directory;
        _logger = logger;
        _embeddings = embeddings;
        _vectorFile = embeddings is null ? null : vectorFile;
        _vectorCache = _vectorFile?.Read() ?? new Dictionary<string, ReadOnlyMemory<float>>(StringComparer.Ordinal);
        _storedKeys = [.. _vectorCache.Keys];
        _fingerprint = Fingerprint(directory);
        _current = Publish(KnowledgeBase.Load(directory));
        LogLoaded(logger, _current.Knowledge.Articles.Count, _current.Chunks.Count, directory);
    }

    /// <summary>The index searches use now.</summary>
    public HelpCentreIndex Current => _current;

    public KnowledgeBase Knowledge => _current.Knowledge;

    /// <summary>How many times the index has been rebuilt since start; the first build is 0.</summary>
    public int Generation { get; private set; }

    public bool Understands(string query) => _current.Understands(query);

    public ValueTask<IReadOnlyList<KnowledgeHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken) =>
        SearchAsync(query, limit, preferredLanguage: null, cancellationToken);

    public async ValueTask<IReadOnlyList<KnowledgeHit>> SearchAsync(string query, int limit, string? preferredLanguage, CancellationToken cancellationToken)
    {
        var index = _current;
        if (index.IsHybrid && _embeddings is not null && !string.IsNullOrWhiteSpace(query) && ReadsMeaningOf(_embeddings, query))
        {
            try
            {
                var vector = await _embeddings.GenerateVectorAsync(query, cancellationToken: cancellationToken);
                return index.Search(query, limit, vector, preferredLanguage);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The embedding model is down: keyword search still answers.
                LogEmbeddingFailed(_logger, e.Message);
            }
        }
        return index.Search(query, limit, preferredLanguage: preferredLanguage);
    }

    /// <summary>
    /// Whether <paramref name="embeddings"/> can read <paramref name="query"/>. An English-only model turns Devanagari into
    /// unknown tokens and reads romanised Hindi as English letters; its ranking would only add noise, so Hindi and
    /// Hinglish questions stay on keywords and synonyms.
    /// </summary>
    public static bool ReadsMeaningOf(IEmbeddingGenerator<string, Embedding<float>>? embeddings, string query) =>
        embeddings is not null && (embeddings is not MiniLmEmbeddingGenerator || LanguageDetector.Detect(query, Register.English) == Register.English);

    /// <summary>
    /// Rebuilds when the files changed since the last build, and embeds the sections when a model is configured and
    /// they are not embedded yet (after a failure, at most once a minute). Returns whether the index changed.
    /// </summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var fingerprint = Fingerprint(_directory);
        var changed = fingerprint != _fingerprint;
        var embeddingDue = _embeddings is not null && !_current.IsHybrid && DateTimeOffset.UtcNow >= _nextEmbeddingAttempt;
        if (!changed && !embeddingDue)
        {
            return false;
        }
        await _rebuilding.WaitAsync(cancellationToken);
        try
        {
            if (changed)
            {
                var knowledge = KnowledgeBase.Load(_directory);
                _current = Publish(knowledge);
                _fingerprint = fingerprint;
                Generation++;
                LogReloaded(_logger, knowledge.Articles.Count, _current.Chunks.Count);
            }
            if (_embeddings is not null)
            {
                var lexical = _current;
                var hybrid = await EmbedAsync(lexical, cancellationToken);
                if (hybrid is null)
                {
                    _nextEmbeddingAttempt = DateTimeOffset.UtcNow + EmbeddingRetry;
                }
                else if (ReferenceEquals(_current, lexical))
                {
                    _current = hybrid;
                }
            }
            return true;
        }
        finally
        {
            _rebuilding.Release();
        }
    }

    /// <summary>The index again, with section vectors; null when the embedding model failed (retried on the next refresh).</summary>
    private async Task<HelpCentreIndex?> EmbedAsync(HelpCentreIndex lexical, CancellationToken cancellationToken)
    {
        try
        {
            var texts = lexical.Chunks.Select(EmbeddingText).ToList();
            var missing = texts.Where(t => !_vectorCache.ContainsKey(Key(t))).Distinct().ToList();
            var started = Stopwatch.GetTimestamp();
            if (missing.Count > 0)
            {
                var generated = await _embeddings!.GenerateAsync(missing, cancellationToken: cancellationToken);
                for (var i = 0; i < missing.Count; i++)
                {
                    _vectorCache[Key(missing[i])] = generated[i].Vector;
                }
            }
            LogEmbedded(_logger, missing.Count, texts.Count - missing.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var vectors = texts.Select(t => _vectorCache[Key(t)]).ToList();
            Store(texts);
            return lexical.WithVectors(new VectorIndex(vectors));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogEmbeddingFailed(_logger, e.Message);
            return null;
        }
    }

    /// <summary>Keeps the vectors of the sections there are now on disk, when that is not what the file holds already.</summary>
    private void Store(List<string> texts)
    {
        var current = texts.Select(Key).ToHashSet(StringComparer.Ordinal);
        if (_vectorFile is null || current.SetEquals(_storedKeys))
        {
            return;
        }
        if (_vectorFile.Write(current.ToDictionary(key => key, key => _vectorCache[key], StringComparer.Ordinal)))
        {
            _storedKeys = current;
        }
    }

    public void Dispose()
    {
        _rebuilding.Dispose();
        _lexical.Dispose();
    }

    /// <summary>The help centre's sections into the library's Lucene index, numbered by their text so unchanged ones stay.</summary>
    private HelpCentreIndex Publish(KnowledgeBase knowledge)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = HelpCentreIndex.Publish(knowledge, _lexical, chunk =>
        {
            var key = Key($"{chunk.ArticleId}\n{chunk.Language}\n{chunk.ArticleTitle}\n{string.Join(',', chunk.Tags)}\n{EmbeddingText(chunk)}");
            // Two identical sections in one article still need a number each.
            while (numbers.ContainsKey(key))
            {
                key += "+";
            }
            numbers[key] = _numbers.TryGetValue(key, out var known) ? known : ++_lastNumber;
            return numbers[key];
        });
        _numbers = numbers;
        return index;
    }

    /// <summary>What is embedded of a section: its article's title, its heading and its text.</summary>
    public static string EmbeddingText(KnowledgeChunk chunk) => $"{chunk.ArticleTitle}\n{chunk.Heading}\n{chunk.Text}";

    private static string Key(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Names, sizes and change times of the Markdown files: cheap to read every second, and any edit changes it.</summary>
    private static string Fingerprint(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return "";
        }
        var files = new DirectoryInfo(directory).EnumerateFiles("*.md", SearchOption.AllDirectories)
            .OrderBy(f => f.FullName, StringComparer.Ordinal)
            .Select(f => $"{f.FullName}|{f.Length}|{f.LastWriteTimeUtc.Ticks}");
        return string.Join('\n', files);
    }

    [LoggerMessage(LogLevel.Information, "Help centre: {Articles} articles, {Sections} sections from {Directory}")]
    private static partial void LogLoaded(ILogger logger, int articles, int sections, string directory);

    [LoggerMessage(LogLevel.Information, "Help centre changed: now {Articles} articles, {Sections} sections")]
    private static partial void LogReloaded(ILogger logger, int articles, int sections);

    /// <summary>How the line logged once the sections are embedded begins: benchmarks wait for it before measuring.</summary>
    public const string VectorsReadyLog = "Help centre vectors:";

    [LoggerMessage(LogLevel.Information, VectorsReadyLog + " {Embedded} sections embedded in {Milliseconds} ms, {Kept} kept from before")]
    private static partial void LogEmbedded(ILogger logger, int embedded, int kept, long milliseconds);

    [LoggerMessage(LogLevel.Warning, "Embeddings unavailable, searching by keywords only: {Error}")]
    private static partial void LogEmbeddingFailed(ILogger logger, string error);
}
