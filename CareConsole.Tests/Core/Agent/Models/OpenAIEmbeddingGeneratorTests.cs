using System.Text.Json.Nodes;
using CareConsole.Core.Agent.Models;
using CareConsole.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace CareConsole.Tests.Core.Agent.Models;

public sealed class OpenAIEmbeddingGeneratorTests
{
    private const string ApiKey = "sk-test-secret-123";
    private const string Model = "text-embedding-3-small";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generate_DataOutOfIndexOrder_SendsTheTextsAndReturnsVectorsInInputOrder()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply("""
            {
              "object": "list",
              "data": [
                {"object": "embedding", "index": 2, "embedding": [0.125, 0.5, 0]},
                {"object": "embedding", "index": 0, "embedding": [0.25, -0.5, 1]},
                {"object": "embedding", "index": 1, "embedding": [0.75, 0, -1]}
              ],
              "model": "text-embedding-3-small",
              "usage": {"prompt_tokens": 14, "total_tokens": 14}
            }
            """);
        using var http = ProviderStub.CreateClient();

        var embeddings = await Generator(stub, http).GenerateAsync(
            ["How do I return an order?", "Refund timelines", "Change my delivery address"], cancellationToken: Token);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/embeddings", request.Path);
        Assert.Equal($"Bearer {ApiKey}", request.Header("Authorization"));
        var body = request.Json;
        Assert.Equal(Model, (string)body["model"]!);
        Assert.Equal(
            ["How do I return an order?", "Refund timelines", "Change my delivery address"],
            body["input"]!.AsArray().Select(i => (string)i!));
        // The SDK asks for base64 (a quarter of the bytes) and reads a plain list of numbers as well, for servers
        // that ignore the format.
        Assert.Equal("base64", (string)body["encoding_format"]!);
        Assert.False(body.AsObject().ContainsKey("dimensions"));

        Assert.Equal(3, embeddings.Count);
        Assert.Equal([0.25f, -0.5f, 1f], embeddings[0].Vector.ToArray());
        Assert.Equal([0.75f, 0f, -1f], embeddings[1].Vector.ToArray());
        Assert.Equal([0.125f, 0.5f, 0f], embeddings[2].Vector.ToArray());
        Assert.All(embeddings, e => Assert.Equal(Model, e.ModelId));
        Assert.Equal(14, embeddings.Usage?.InputTokenCount);
        Assert.Equal(14, embeddings.Usage?.TotalTokenCount);
    }

    [Fact]
    public async Task Generate_LocalServerWithoutKey_SendsNoAuthorizationAndTheAskedDimensionsAndModel()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply("""{"object": "list", "data": [{"index": 0, "embedding": [1, 0]}], "model": "nomic-embed-text"}""");
        using var http = ProviderStub.CreateClient();
        using var generator = new OpenAIEmbeddingGenerator(
            http, new OpenAISettings(new Uri(stub.Address, "v1").ToString(), null, "qwen2.5:7b"), "mxbai-embed-large");

        var embeddings = await generator.GenerateAsync(
            ["refunds"], new EmbeddingGenerationOptions { ModelId = "nomic-embed-text", Dimensions = 2 }, Token);

        var request = Assert.Single(stub.Requests);
        Assert.Null(request.Header("Authorization"));
        Assert.Equal("nomic-embed-text", (string)request.Json["model"]!);
        Assert.Equal(2, (int)request.Json["dimensions"]!);
        Assert.Equal("nomic-embed-text", Assert.Single(embeddings).ModelId);
        Assert.Null(embeddings.Usage);
    }

    [Fact]
    public async Task Generate_ConfiguredDimensions_AreSentWhenTheCallSetsNone()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply("""{"data": [{"index": 0, "embedding": [1, 0, 0]}], "model": "text-embedding-3-large"}""");
        using var http = ProviderStub.CreateClient();
        using var generator = new OpenAIEmbeddingGenerator(http, Settings(stub), "text-embedding-3-large", dimensions: 3);

        await generator.GenerateAsync(["refunds"], cancellationToken: Token);

        Assert.Equal(3, (int)Assert.Single(stub.Requests).Json["dimensions"]!);
    }

    [Fact]
    public async Task Generate_ServerWithoutIndexes_KeepsTheListedOrder()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply("""{"data": [{"embedding": [1, 0]}, {"embedding": [0, 1]}]}""");
        using var http = ProviderStub.CreateClient();

        var embeddings = await Generator(stub, http).GenerateAsync(["refunds", "returns"], cancellationToken: Token);

        Assert.Equal([1f, 0f], embeddings[0].Vector.ToArray());
        Assert.Equal([0f, 1f], embeddings[1].Vector.ToArray());
        Assert.All(embeddings, e => Assert.Equal(Model, e.ModelId));
    }

    [Fact]
    public async Task Generate_Base64Vectors_AreDecodedToTheNumbers()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        // Little-endian float32: [1, 0] and [0, 1], as OpenAI answers when asked for base64.
        stub.Reply("""{"object": "list", "data": [{"index": 0, "embedding": "AACAPwAAAAA="}, {"index": 1, "embedding": "AAAAAAAAgD8="}], "model": "text-embedding-3-small"}""");
        using var http = ProviderStub.CreateClient();

        var embeddings = await Generator(stub, http).GenerateAsync(["refunds", "returns"], cancellationToken: Token);

        Assert.Equal([1f, 0f], embeddings[0].Vector.ToArray());
        Assert.Equal([0f, 1f], embeddings[1].Vector.ToArray());
    }

    [Fact]
    public async Task Generate_300Texts_SendsBatchesOf256AndKeepsTheOrder()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        var texts = Enumerable.Range(0, 300).Select(i => $"article {i}").ToList();
        var offset = 0;
        foreach (var batch in Enumerable.Range(0, 300).Chunk(256))
        {
            // Listed backwards, so only the index puts each vector with its text.
            stub.Reply(Reply(batch.Select(i => (i - offset, new[] { i, 0.5f })).Reverse(), promptTokens: batch.Length));
            offset += batch.Length;
        }
        using var http = ProviderStub.CreateClient();

        var embeddings = await Generator(stub, http).GenerateAsync(texts, cancellationToken: Token);

        Assert.Equal([256, 44], stub.Requests.Select(r => r.Json["input"]!.AsArray().Count));
        Assert.Equal(texts, stub.Requests.SelectMany(r => r.Json["input"]!.AsArray()).Select(i => (string)i!));
        Assert.Equal(300, embeddings.Count);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (float)i), embeddings.Select(e => e.Vector.Span[0]));
        Assert.Equal(300, embeddings.Usage?.InputTokenCount);
    }

    [Fact]
    public async Task Generate_NoTexts_ReturnsNothingWithoutARequest()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        using var http = ProviderStub.CreateClient();

        var embeddings = await Generator(stub, http).GenerateAsync([], cancellationToken: Token);

        Assert.Empty(embeddings);
        Assert.Empty(stub.Requests);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(429)]
    public async Task Generate_ServerErrorOrRateLimit_ThrowsProviderException(int status)
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply("""{"error": {"message": "Rate limit reached for text-embedding-3-small.", "type": "requests", "param": null, "code": "rate_limit_exceeded"}}""", status);
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(
            () => Generator(stub, http).GenerateAsync(["refunds"], cancellationToken: Token));

        Assert.Equal(OpenAIEmbeddingGenerator.ProviderName, error.Provider);
        Assert.Contains($"{status}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Rate limit reached", error.Message, StringComparison.Ordinal);
        Assert.Single(stub.Requests);
    }

    [Theory]
    [InlineData("""{"data": [""")]
    [InlineData("<html><body>Bad gateway</body></html>")]
    [InlineData("""{"object": "list", "model": "text-embedding-3-small"}""")]
    [InlineData("""{"data": [{"index": 0, "embedding": "AACAPw=="}, {"index": 1, "embedding": "not base64!"}]}""")]
    [InlineData("""{"data": [{"index": 0}, {"index": 1, "embedding": [0, 1]}]}""")]
    [InlineData("""{"data": [{"index": "0", "embedding": [1, 0]}, {"index": 1, "embedding": [0, 1]}]}""")]
    [InlineData("""{"data": [{"index": 0, "embedding": [1, null]}, {"index": 1, "embedding": [0, 1]}]}""")]
    public async Task Generate_MalformedBody_ThrowsProviderException(string body)
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(body);
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(
            () => Generator(stub, http).GenerateAsync(["refunds", "returns"], cancellationToken: Token));

        Assert.Equal(OpenAIEmbeddingGenerator.ProviderName, error.Provider);
    }

    [Theory]
    [InlineData("""{"data": [{"index": 0, "embedding": [1, 0]}]}""", "1 vectors for 2 texts")]
    [InlineData("""{"data": [{"index": 0, "embedding": [1, 0]}, {"index": 1, "embedding": [0, 1]}, {"index": 2, "embedding": [1, 1]}]}""", "3 vectors for 2 texts")]
    [InlineData("""{"data": [{"index": 1, "embedding": [1, 0]}, {"index": 1, "embedding": [0, 1]}]}""", "index 1 twice")]
    [InlineData("""{"data": [{"index": 0, "embedding": [1, 0]}, {"index": 2, "embedding": [0, 1]}]}""", "index 2 for 2 texts")]
    [InlineData("""{"data": [{"index": 0, "embedding": [1, 0, 0]}, {"index": 1, "embedding": [0, 1]}]}""", "differing lengths")]
    public async Task Generate_VectorsThatDoNotMatchTheTexts_ThrowsProviderException(string body, string expected)
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(body);
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(
            () => Generator(stub, http).GenerateAsync(["refunds", "returns"], cancellationToken: Token));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_ServerIgnoresTheAskedDimensions_ThrowsProviderException()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply("""{"data": [{"index": 0, "embedding": [1, 0, 0]}]}""");
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(() => Generator(stub, http).GenerateAsync(
            ["refunds"], new EmbeddingGenerationOptions { Dimensions = 2 }, Token));

        Assert.Contains("3 dimensions where 2 were asked for", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_RejectedKey_ThrowsWithTheProviderTextButNotTheKey()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply($$$"""
            {"error": {"message": "Incorrect API key provided: {{{ApiKey}}}. You can find your API key at https://platform.openai.com/account/api-keys.",
              "type": "invalid_request_error", "param": null, "code": "invalid_api_key"}}
            """, 401);
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(
            () => Generator(stub, http).GenerateAsync(["refunds"], cancellationToken: Token));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Contains("Incorrect API key provided", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_SlowerThanTheTimeout_ThrowsProviderException()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(Reply([(0, [1f])]), delay: TimeSpan.FromSeconds(30));
        using var http = ProviderStub.CreateClient(TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<ChatProviderException>(
            () => Generator(stub, http).GenerateAsync(["refunds"], cancellationToken: Token));

        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
    }

    [Fact]
    public async Task Generate_NothingListening_ThrowsProviderException()
    {
        var stub = await ProviderStub.StartAsync(Token);
        await stub.DisposeAsync();
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(
            () => Generator(stub, http).GenerateAsync(["refunds"], cancellationToken: Token));

        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task Generate_CallerCancels_ThrowsOperationCanceled()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(Reply([(0, [1f])]), delay: TimeSpan.FromSeconds(30));
        using var http = ProviderStub.CreateClient();
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Token);
        caller.CancelAfter(TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Generator(stub, http).GenerateAsync(["refunds"], cancellationToken: caller.Token));

        Assert.Equal(caller.Token, error.CancellationToken);
    }

    [Fact]
    public void GetService_Metadata_NamesProviderEndpointModelAndDimensions()
    {
        using var http = ProviderStub.CreateClient();
        using var generator = new OpenAIEmbeddingGenerator(
            http, new OpenAISettings("http://localhost:11434/v1", null, "qwen2.5:7b"), "nomic-embed-text");

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal("OpenAI", metadata?.ProviderName);
        Assert.Equal(new Uri("http://localhost:11434/v1"), metadata?.ProviderUri);
        Assert.Equal("nomic-embed-text", metadata?.DefaultModelId);
        Assert.Null(metadata?.DefaultModelDimensions);
        Assert.Same(generator, generator.GetService<OpenAIEmbeddingGenerator>());
        Assert.Same(generator, generator.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Null(generator.GetService<GeminiEmbeddingGenerator>());
    }

    [Fact]
    public void Constructor_WithoutModel_Throws()
    {
        using var http = ProviderStub.CreateClient();

        Assert.Throws<ArgumentException>(
            () => new OpenAIEmbeddingGenerator(http, new OpenAISettings("http://localhost:11434/v1", null, "qwen2.5:7b"), " "));
    }

    private static OpenAISettings Settings(ProviderStub stub) => new(new Uri(stub.Address, "v1").ToString(), ApiKey, "gpt-4o-mini");

    private static OpenAIEmbeddingGenerator Generator(ProviderStub stub, HttpClient http) => new(http, Settings(stub), Model);

    /// <summary>An /embeddings answer as the API reference documents it, listing the vectors in the given order.</summary>
    private static string Reply(IEnumerable<(int Index, float[] Vector)> items, int? promptTokens = null)
    {
        var body = new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray([.. items.Select(item => (JsonNode)new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = item.Index,
                ["embedding"] = new JsonArray([.. item.Vector.Select(x => (JsonNode?)x)]),
            })]),
            ["model"] = Model,
        };
        if (promptTokens is { } tokens)
        {
            body["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens };
        }
        return body.ToJsonString();
    }
}
