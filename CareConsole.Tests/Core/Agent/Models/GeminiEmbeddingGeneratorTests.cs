using System.Text.Json.Nodes;
using CareConsole.Core.Agent.Models;
using CareConsole.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace CareConsole.Tests.Core.Agent.Models;

public sealed class GeminiEmbeddingGeneratorTests
{
    private const string ApiKey = "AIza-test-secret-123";

    private static readonly float[] OneDimension = [1f];
    private static readonly float[] TwoDimensions = [1f, 0f];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generate_FewTexts_SendsOneBatchRequestAndReturnsTheVectorsInOrder()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(Reply([[0.25f, -0.5f, 1f], [0.75f, 0f, -1f], [0.125f, 0.5f, 0f]]));
        using var http = ProviderStub.CreateClient();

        var embeddings = await Generator(stub, http).GenerateAsync(
            ["How do I return an order?", "Refund timelines", "Change my delivery address"], cancellationToken: Token);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1beta/models/gemini-embedding-001:batchEmbedContents", request.Path);
        Assert.Equal(ApiKey, request.Header("x-goog-api-key"));
        Assert.Null(request.Header("Authorization"));
        var requests = request.Json["requests"]!.AsArray();
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal("models/gemini-embedding-001", (string)r!["model"]!));
        Assert.Equal(
            ["How do I return an order?", "Refund timelines", "Change my delivery address"],
            requests.Select(r => (string)Assert.Single(r!["content"]!["parts"]!.AsArray())!["text"]!));
        Assert.All(requests, r => Assert.False(r!.AsObject().ContainsKey("taskType")));
        Assert.All(requests, r => Assert.False(r!.AsObject().ContainsKey("outputDimensionality")));

        Assert.Equal(3, embeddings.Count);
        Assert.Equal([0.25f, -0.5f, 1f], embeddings[0].Vector.ToArray());
        Assert.Equal([0.75f, 0f, -1f], embeddings[1].Vector.ToArray());
        Assert.Equal([0.125f, 0.5f, 0f], embeddings[2].Vector.ToArray());
        Assert.All(embeddings, e => Assert.Equal("gemini-embedding-001", e.ModelId));
        Assert.Null(embeddings.Usage);
    }

    [Fact]
    public async Task Generate_TaskTypeDimensionsAndModel_SendsThemOnEveryRequest()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(Reply([[1f, 0f], [0f, 1f]]));
        using var http = ProviderStub.CreateClient();
        var options = new EmbeddingGenerationOptions
        {
            ModelId = "models/gemini-embedding-2",
            Dimensions = 2,
            AdditionalProperties = new() { [GeminiEmbeddingGenerator.TaskTypeKey] = "RETRIEVAL_QUERY" },
        };

        var embeddings = await Generator(stub, http).GenerateAsync(["where is my parcel", "cancel order"], options, Token);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("/v1beta/models/gemini-embedding-2:batchEmbedContents", request.Path);
        var requests = request.Json["requests"]!.AsArray();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal("models/gemini-embedding-2", (string)r!["model"]!));
        Assert.All(requests, r => Assert.Equal("RETRIEVAL_QUERY", (string)r!["taskType"]!));
        Assert.All(requests, r => Assert.Equal(2, (int)r!["outputDimensionality"]!));
        Assert.All(embeddings, e => Assert.Equal("gemini-embedding-2", e.ModelId));
        Assert.All(embeddings, e => Assert.Equal(2, e.Dimensions));
    }

    [Fact]
    public async Task Generate_ConfiguredDimensions_AreSentWhenTheCallSetsNone()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(Reply([[1f, 0f, 0f]]));
        using var http = ProviderStub.CreateClient();
        using var generator = new GeminiEmbeddingGenerator(http, Settings(stub), "text-embedding-005", dimensions: 3);

        await generator.GenerateAsync(["refunds"], cancellationToken: Token);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("/v1beta/models/text-embedding-005:batchEmbedContents", request.Path);
        Assert.Equal(3, (int)request.Json["requests"]![0]!["outputDimensionality"]!);
    }

    [Fact]
    public async Task Generate_250Texts_SendsBatchesOf100AndKeepsTheOrder()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        var texts = Enumerable.Range(0, 250).Select(i => $"article {i}").ToList();
        // Each vector carries its text's number, so any shuffle across or within batches shows.
        foreach (var batch in Enumerable.Range(0, 250).Chunk(100))
        {
            stub.Reply(Reply([.. batch.Select(i => new[] { i, 0.5f })]));
        }
        using var http = ProviderStub.CreateClient();

        var embeddings = await Generator(stub, http).GenerateAsync(texts, cancellationToken: Token);

        Assert.Equal([100, 100, 50], stub.Requests.Select(r => r.Json["requests"]!.AsArray().Count));
        var sent = stub.Requests.SelectMany(r => r.Json["requests"]!.AsArray())
            .Select(r => (string)r!["content"]!["parts"]![0]!["text"]!);
        Assert.Equal(texts, sent);
        Assert.Equal(250, embeddings.Count);
        Assert.Equal(Enumerable.Range(0, 250).Select(i => (float)i), embeddings.Select(e => e.Vector.Span[0]));
    }

    [Fact]
    public async Task Generate_UsageReported_AddsItUpAcrossBatches()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(Reply([.. Enumerable.Repeat(OneDimension, 100)], promptTokens: 700))
            .Reply(Reply([[1f]], promptTokens: 7));
        using var http = ProviderStub.CreateClient();

        var embeddings = await Generator(stub, http).GenerateAsync(
            Enumerable.Range(0, 101).Select(i => $"text {i}"), cancellationToken: Token);

        Assert.Equal(707, embeddings.Usage?.InputTokenCount);
        Assert.Equal(707, embeddings.Usage?.TotalTokenCount);
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

    [Fact]
    public async Task Generate_TaskTypeIsNotText_ThrowsArgumentException()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        using var http = ProviderStub.CreateClient();
        var options = new EmbeddingGenerationOptions { AdditionalProperties = new() { [GeminiEmbeddingGenerator.TaskTypeKey] = 3 } };

        await Assert.ThrowsAsync<ArgumentException>(() => Generator(stub, http).GenerateAsync(["refunds"], options, Token));

        Assert.Empty(stub.Requests);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task Generate_ServerErrorOrRateLimit_ThrowsProviderException(int status)
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply("""{"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).", "status": "RESOURCE_EXHAUSTED"}}""", status);
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(
            () => Generator(stub, http).GenerateAsync(["refunds"], cancellationToken: Token));

        Assert.Equal(GeminiEmbeddingGenerator.ProviderName, error.Provider);
        Assert.Contains($"{status}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Resource has been exhausted", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"embeddings": [""")]
    [InlineData("<html><body>Bad gateway</body></html>")]
    [InlineData("""{"embedding": {"values": [1, 2]}}""")]
    [InlineData("""{"embeddings": [{"vector": [1, 2]}, {"values": [1, 2]}]}""")]
    [InlineData("""{"embeddings": [{"values": [1, "2"]}, {"values": [1, 2]}]}""")]
    [InlineData("""{"embeddings": [{"values": []}, {"values": []}]}""")]
    [InlineData("""{"embeddings": {"values": [1, 2]}}""")]
    public async Task Generate_MalformedBody_ThrowsProviderException(string body)
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(body);
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(
            () => Generator(stub, http).GenerateAsync(["refunds", "returns"], cancellationToken: Token));

        Assert.Equal(GeminiEmbeddingGenerator.ProviderName, error.Provider);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Generate_WrongNumberOfVectors_ThrowsProviderException(int count)
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(Reply([.. Enumerable.Range(0, count).Select(i => new[] { (float)i, 1f })]));
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(
            () => Generator(stub, http).GenerateAsync(["refunds", "returns"], cancellationToken: Token));

        Assert.Contains($"{count} vectors for 2 texts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_BatchesShortAndLongByOne_ThrowsInsteadOfShiftingVectors()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        // 99 + 2 vectors for 100 + 1 texts: the total matches, but every text after the gap would get the wrong vector.
        stub.Reply(Reply([.. Enumerable.Repeat(TwoDimensions, 99)]))
            .Reply(Reply([TwoDimensions, TwoDimensions]));
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(
            () => Generator(stub, http).GenerateAsync(Enumerable.Range(0, 101).Select(i => $"text {i}"), cancellationToken: Token));

        Assert.Contains("99 vectors for 100 texts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_VectorsOfDifferingLength_ThrowsProviderException()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(Reply([[1f, 0f, 0f], [1f, 0f]]));
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(
            () => Generator(stub, http).GenerateAsync(["refunds", "returns"], cancellationToken: Token));

        Assert.Contains("differing lengths", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_LaterBatchOfAnotherLength_ThrowsProviderException()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(Reply([.. Enumerable.Repeat(TwoDimensions, 100)]))
            .Reply(Reply([[1f, 0f, 0f]]));
        using var http = ProviderStub.CreateClient();

        await Assert.ThrowsAsync<ChatProviderException>(
            () => Generator(stub, http).GenerateAsync(Enumerable.Range(0, 101).Select(i => $"text {i}"), cancellationToken: Token));

        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task Generate_VectorsShorterThanAskedFor_ThrowsProviderException()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(Reply([[1f, 0f, 0f]]));
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(() => Generator(stub, http).GenerateAsync(
            ["refunds"], new EmbeddingGenerationOptions { Dimensions = 4 }, Token));

        Assert.Contains("3 dimensions where 4 were asked for", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_RejectedKey_ThrowsWithTheProviderTextButNotTheKey()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply($$$"""
            {"error": {"code": 401, "message": "API key {{{ApiKey}}} is not valid. Please pass a valid API key.", "status": "UNAUTHENTICATED"}}
            """, 401);
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(
            () => Generator(stub, http).GenerateAsync(["refunds"], cancellationToken: Token));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not valid. Please pass a valid API key.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_SlowerThanTheTimeout_ThrowsProviderException()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(Reply([[1f]]), delay: TimeSpan.FromSeconds(30));
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
        stub.Reply(Reply([[1f]]), delay: TimeSpan.FromSeconds(30));
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
        using var generator = new GeminiEmbeddingGenerator(http, new GeminiSettings(ApiKey), dimensions: 768);

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal("Gemini", metadata?.ProviderName);
        Assert.Equal(new Uri("https://generativelanguage.googleapis.com/v1beta"), metadata?.ProviderUri);
        Assert.Equal(GeminiEmbeddingGenerator.DefaultModel, metadata?.DefaultModelId);
        Assert.Equal(768, metadata?.DefaultModelDimensions);
        Assert.Same(generator, generator.GetService<GeminiEmbeddingGenerator>());
        Assert.Same(generator, generator.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Null(generator.GetService<OpenAIEmbeddingGenerator>());
        Assert.Null(generator.GetService<EmbeddingGeneratorMetadata>("keyed"));
    }

    private static GeminiSettings Settings(ProviderStub stub) =>
        new(ApiKey, BaseUrl: new Uri(stub.Address, "v1beta").ToString());

    private static GeminiEmbeddingGenerator Generator(ProviderStub stub, HttpClient http) => new(http, Settings(stub));

    /// <summary>A batchEmbedContents answer as the API reference documents it.</summary>
    private static string Reply(float[][] vectors, int? promptTokens = null)
    {
        var body = new JsonObject
        {
            ["embeddings"] = new JsonArray([.. vectors.Select(v => (JsonNode)new JsonObject
            {
                ["values"] = new JsonArray([.. v.Select(x => (JsonNode?)x)]),
            })]),
        };
        if (promptTokens is { } tokens)
        {
            body["usageMetadata"] = new JsonObject { ["promptTokenCount"] = tokens };
        }
        return body.ToJsonString();
    }
}
