using System.Security.Cryptography;
using System.Text;
using CareConsole.Core.Knowledge.Search;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace CareConsole.Core.Knowledge;

/// <summary>
/// The live help centre: the articles in <c>knowledge/</c> and their index, rebuilt when the files change and
/// swapped in whole, so a search never waits for a rebuild and never sees half of one. When an embedding model is
/// configured, sections are embedded after each rebuild (only new or edited ones; the rest come from a cache) and
/// searches fuse keyword and vector rankings; until then, and whenever the model fails, search is keyword-only.
/// </summary>
public sealed partial class KnowledgeLibrary : IKnowledgeIndex, IDisposable
{
    private readonly string _directory;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embeddings;
    private readonly ILogger<KnowledgeLibrary> _logger;
    private readonly SemaphoreSlim _rebuilding = new(1, 1);
    private readonly Dictionary<string, ReadOnlyMemory<float>> _vectorCache = new(StringComparer.Ordinal);
    private static readonly TimeSpan EmbeddingRetry = TimeSpan.FromMinutes(1);

    private volatile HelpCentreIndex _current;
    private string _fingerprint;
    private DateTimeOffset _nextEmbeddingAttempt = DateTimeOffset.MinValue;

    public KnowledgeLibrary(string directory, ILogger<KnowledgeLibrary> logger, IEmbeddingGenerator<string, Embedding<float>>? embeddings = null)
    {
        _directory = directory;
        _logger = logger;
        _embeddings = embeddings;
        _fingerprint = Fingerprint(directory);
        _current = new HelpCentreIndex(KnowledgeBase.Load(directory));
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
        if (index.IsHybrid && _embeddings is not null && !string.IsNullOrWhiteSpace(query))
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
                _current = new HelpCentreIndex(knowledge);
                _fingerprint = fingerprint;
                Generation++;
                LogReloaded(_logger, knowledge.Articles.Count, _current.Chunks.Count);
            }
            if (_embeddings is not null)
            {
                var lexical = _current;
                var hybrid = await EmbedAsync(lexical.Knowledge, lexical, cancellationToken);
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
    private async Task<HelpCentreIndex?> EmbedAsync(KnowledgeBase knowledge, HelpCentreIndex lexical, CancellationToken cancellationToken)
    {
        try
        {
            var texts = lexical.Chunks.Select(EmbeddingText).ToList();
            var missing = texts.Where(t => !_vectorCache.ContainsKey(Key(t))).Distinct().ToList();
            if (missing.Count > 0)
            {
                var generated = await _embeddings!.GenerateAsync(missing, cancellationToken: cancellationToken);
                for (var i = 0; i < missing.Count; i++)
                {
                    _vectorCache[Key(missing[i])] = generated[i].Vector;
                }
            }
            var vectors = texts.Select(t => _vectorCache[Key(t)]).ToList();
            return new HelpCentreIndex(knowledge, _ => new VectorIndex(vectors));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogEmbeddingFailed(_logger, e.Message);
            return null;
        }
    }

    public void Dispose() => _rebuilding.Dispose();

    private static string EmbeddingText(KnowledgeChunk chunk) => $"{chunk.ArticleTitle}\n{chunk.Heading}\n{chunk.Text}";

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

    [LoggerMessage(LogLevel.Warning, "Embeddings unavailable, searching by keywords only: {Error}")]
    private static partial void LogEmbeddingFailed(ILogger logger, string error);
}
