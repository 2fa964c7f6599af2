using CareConsole.Core.Knowledge;
using CareConsole.Core.Knowledge.Search;
using CareConsole.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace CareConsole.Tests.Core.Knowledge;

public sealed class KnowledgeLibraryTests : IDisposable
{
    private readonly TempFolder _folder = new("kb");

    [Fact]
    public async Task Refresh_ArticleEdited_SearchFindsTheNewWords()
    {
        Write("pets.md", "Pets", "Cats and dogs are welcome.");
        using var library = new KnowledgeLibrary(_folder.Path, NullLogger<KnowledgeLibrary>.Instance);
        Assert.Empty(await library.SearchAsync("parrot", 5, TestContext.Current.CancellationToken));

        Write("pets.md", "Pets", "Cats, dogs and parrots are welcome.");
        var rebuilt = await library.RefreshAsync(TestContext.Current.CancellationToken);

        Assert.True(rebuilt);
        Assert.Equal("pets", Assert.Single(await library.SearchAsync("parrot", 5, TestContext.Current.CancellationToken)).ArticleId);
        Assert.Equal(1, library.Generation);
    }

    [Fact]
    public async Task Refresh_NothingChanged_KeepsTheIndex()
    {
        Write("pets.md", "Pets", "Cats and dogs.");
        using var library = new KnowledgeLibrary(_folder.Path, NullLogger<KnowledgeLibrary>.Instance);
        var index = library.Current;

        Assert.False(await library.RefreshAsync(TestContext.Current.CancellationToken));
        Assert.Same(index, library.Current);
    }

    [Fact]
    public async Task Refresher_ArticleAddedWhileRunning_IsSearchableWithinFiveSeconds()
    {
        Write("pets.md", "Pets", "Cats and dogs.");
        using var library = new KnowledgeLibrary(_folder.Path, NullLogger<KnowledgeLibrary>.Instance);
        using var refresher = new KnowledgeRefresher(library);
        await refresher.StartAsync(TestContext.Current.CancellationToken);

        Write("gift-wrap.md", "Gift wrapping", "We wrap presents in recycled paper.");

        var deadline = DateTime.UtcNow.AddSeconds(5);
        IReadOnlyList<KnowledgeHit> hits = [];
        while (DateTime.UtcNow < deadline && hits.Count == 0)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            hits = await library.SearchAsync("wrap a present", 5, TestContext.Current.CancellationToken);
        }
        await refresher.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal("gift-wrap", Assert.Single(hits).ArticleId);
    }

    [Fact]
    public async Task Search_WithEmbeddings_FusesMeaningIntoTheRanking()
    {
        Write("delivery.md", "Delivery", "Parcels arrive in three to seven days.");
        Write("returns.md", "Returns", "Send the item back within ten days.");
        var embeddings = new KeywordEmbeddings("send back", "arrive");
        using var library = new KnowledgeLibrary(_folder.Path, NullLogger<KnowledgeLibrary>.Instance, embeddings);
        Assert.False(library.Current.IsHybrid);

        await library.RefreshAsync(TestContext.Current.CancellationToken);
        // "when does it come" shares no word with either article; only the vectors know it is about arriving.
        var hits = await library.SearchAsync("when does it come arrive-ish", 2, TestContext.Current.CancellationToken);

        Assert.True(library.Current.IsHybrid);
        Assert.Equal("delivery", hits[0].ArticleId);
        Assert.True(embeddings.Calls >= 2);
    }

    [Fact]
    public async Task Search_EmbeddingModelFails_FallsBackToKeywords()
    {
        Write("returns.md", "Returns", "Send the item back within ten days.");
        var embeddings = new KeywordEmbeddings("send back");
        using var library = new KnowledgeLibrary(_folder.Path, NullLogger<KnowledgeLibrary>.Instance, embeddings);
        await library.RefreshAsync(TestContext.Current.CancellationToken);
        embeddings.Fail = true;

        var hits = await library.SearchAsync("send item back", 5, TestContext.Current.CancellationToken);

        Assert.Equal("returns", Assert.Single(hits).ArticleId);
    }

    [Fact]
    public async Task Refresh_EmbeddingModelDown_WaitsBeforeAskingItAgain()
    {
        Write("returns.md", "Returns", "Send the item back within ten days.");
        var embeddings = new KeywordEmbeddings("send back") { Fail = true };
        using var library = new KnowledgeLibrary(_folder.Path, NullLogger<KnowledgeLibrary>.Instance, embeddings);

        await library.RefreshAsync(TestContext.Current.CancellationToken);
        var calls = embeddings.Calls;
        await library.RefreshAsync(TestContext.Current.CancellationToken);
        await library.RefreshAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, calls);
        Assert.Equal(calls, embeddings.Calls);
        Assert.False(library.Current.IsHybrid);
    }

    [Fact]
    public async Task Refresh_SecondStartOnTheSameVectorFile_EmbedsNothingAndRanksTheSame()
    {
        const string Question = "when does it come";
        Write("delivery.md", "Delivery", "Parcels arrive in three to seven days.");
        Write("returns.md", "Returns", "Send the item back within ten days.");
        var file = new SectionVectorFile(Path.Combine(_folder.Combine("vectors"), "section-vectors.test.bin"));
        var first = new KeywordEmbeddings("send back", "arrive");
        IReadOnlyList<KnowledgeHit> before;
        using (var library = new KnowledgeLibrary(_folder.Path, NullLogger<KnowledgeLibrary>.Instance, first, file))
        {
            await library.RefreshAsync(Ct);
            before = await library.SearchAsync(Question, 2, Ct);
        }
        var second = new KeywordEmbeddings("send back", "arrive");

        using var restarted = new KnowledgeLibrary(_folder.Path, NullLogger<KnowledgeLibrary>.Instance, second, file);
        await restarted.RefreshAsync(Ct);
        var after = await restarted.SearchAsync(Question, 2, Ct);

        Assert.Equal(2, first.Embedded.Count(text => text != Question));
        Assert.Equal([Question], second.Embedded);
        Assert.True(restarted.Current.IsHybrid);
        Assert.Equal(before.Select(h => (h.ArticleId, h.Score)), after.Select(h => (h.ArticleId, h.Score)));
    }

    [Fact]
    public async Task Refresh_ArticleEditedBetweenStarts_EmbedsOnlyThatArticleAgain()
    {
        Write("delivery.md", "Delivery", "Parcels arrive in three to seven days.");
        Write("returns.md", "Returns", "Send the item back within ten days.");
        var file = new SectionVectorFile(_folder.Combine("section-vectors.test.bin"));
        using (var library = new KnowledgeLibrary(_folder.Path, NullLogger<KnowledgeLibrary>.Instance, new KeywordEmbeddings("send back"), file))
        {
            await library.RefreshAsync(Ct);
        }
        Write("returns.md", "Returns", "Send the item back within fourteen days.");
        var embeddings = new KeywordEmbeddings("send back");

        using var restarted = new KnowledgeLibrary(_folder.Path, NullLogger<KnowledgeLibrary>.Instance, embeddings, file);
        await restarted.RefreshAsync(Ct);

        Assert.Contains("fourteen days", Assert.Single(embeddings.Embedded), StringComparison.Ordinal);
        Assert.True(restarted.Current.IsHybrid);
    }

    [Fact]
    public async Task Refresh_VectorFileDamaged_EmbedsEverythingAgainAndMendsTheFile()
    {
        Write("returns.md", "Returns", "Send the item back within ten days.");
        var path = _folder.Combine("section-vectors.test.bin");
        File.WriteAllBytes(path, [0x43, 0x43, 0x53, 0x56, 0x31, 0xff, 0xff, 0xff, 0x7f, 0x01]);
        var embeddings = new KeywordEmbeddings("send back");

        using (var library = new KnowledgeLibrary(_folder.Path, NullLogger<KnowledgeLibrary>.Instance, embeddings, new SectionVectorFile(path)))
        {
            await library.RefreshAsync(Ct);
            Assert.Equal("returns", Assert.Single(await library.SearchAsync("send item back", 5, Ct)).ArticleId);
        }
        var afterwards = new KeywordEmbeddings("send back");
        using var restarted = new KnowledgeLibrary(_folder.Path, NullLogger<KnowledgeLibrary>.Instance, afterwards, new SectionVectorFile(path));
        await restarted.RefreshAsync(Ct);

        Assert.Single(embeddings.Embedded, text => text.Contains("ten days", StringComparison.Ordinal));
        Assert.Empty(afterwards.Embedded);
        Assert.True(restarted.Current.IsHybrid);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private void Write(string file, string title, string body) =>
        File.WriteAllText(_folder.Combine(file), $"---\ntitle: {title}\ncategory: Test\nlanguage: en\ntags: [test]\n---\n\n# {title}\n\n## {title}\n\n{body}\n");

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// A stand-in model whose vectors say which of a few concepts a text mentions ("arrive" also for "come"):
    /// enough to show that meaning, not wording, moved the ranking.
    /// </summary>
    private sealed class KeywordEmbeddings(params string[] concepts) : IEmbeddingGenerator<string, Embedding<float>>
    {
        public bool Fail { get; set; }

        public int Calls { get; private set; }

        /// <summary>Every text it was asked to embed, questions included.</summary>
        public List<string> Embedded { get; } = [];

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            if (Fail)
            {
                throw new HttpRequestException("embedding model unavailable");
            }
            Embedded.AddRange(values);
            var vectors = values.Select(text =>
            {
                var lower = text.ToLowerInvariant().Replace("come", "arrive", StringComparison.Ordinal).Replace("parcels arrive", "arrive", StringComparison.Ordinal);
                var vector = concepts.Select(c => lower.Contains(c, StringComparison.Ordinal) ? 1f : 0f).Append(0.01f).ToArray();
                return new Embedding<float>(vector);
            });
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(vectors));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
