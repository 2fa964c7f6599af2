using Microsoft.Extensions.AI;
using OpenAI.Embeddings;

namespace CareConsole.Core.Agent.Models;

/// <summary>
/// Turns texts into vectors with any server that has an OpenAI-compatible <c>/embeddings</c> endpoint: OpenAI itself,
/// Ollama, vLLM, llama.cpp.
/// </summary>
/// <remarks>
/// The OpenAI SDK's <see cref="EmbeddingClient"/> speaks the wire format. Longer lists are sent
/// <see cref="MaxBatchSize"/> texts at a time and the vectors come back in the order of the texts, whatever order the
/// server lists them in (the SDK's own <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> keeps the listed order,
/// which is why this one reads the SDK's answer itself). Every failure to get usable vectors surfaces as a
/// <see cref="ChatProviderException"/>.
/// </remarks>
public sealed class OpenAIEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The provider name used in metadata and in <see cref="ChatProviderException.Provider"/>.</summary>
    public const string ProviderName = OpenAIChatClient.ProviderName;

    /// <summary>
    /// The most texts sent in one request. OpenAI accepts 2,048 but also caps a request at 300,000 tokens, and local
    /// servers hold the whole batch in memory, so batches stay well below both.
    /// </summary>
    public const int MaxBatchSize = 256;

    private readonly HttpClient _http;
    private readonly OpenAISettings _settings;
    private readonly OpenAI.OpenAIClient _client;
    private readonly string _model;
    private readonly int? _dimensions;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <param name="http">Sends the requests; it belongs to the caller.</param>
    /// <param name="settings">The API root and key; its chat model is not used here.</param>
    /// <param name="model">The embedding model, e.g. text-embedding-3-small or nomic-embed-text.</param>
    /// <param name="dimensions">
    /// The vector length to ask for when a call does not set one (text-embedding-3-* can shorten theirs);
    /// <see langword="null"/> for the model's own.
    /// </param>
    public OpenAIEmbeddingGenerator(HttpClient http, OpenAISettings settings, string model, int? dimensions = null)
    {
        _model = EmbeddingCollector.RequireModel(model);
        _dimensions = EmbeddingCollector.RequireDimensions(dimensions);
        _http = http;
        _settings = settings;
        _client = OpenAIConnection.Create(http, settings);
        _metadata = new EmbeddingGeneratorMetadata(ProviderName, OpenAIConnection.Endpoint(settings), _model, _dimensions);
    }

    /// <inheritdoc />
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, Microsoft.Extensions.AI.EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var inputs = EmbeddingCollector.Inputs(values);
        var model = options?.ModelId is { Length: > 0 } requested ? requested : _model;
        var size = options?.Dimensions ?? _dimensions;
        var client = _client.GetEmbeddingClient(model);

        var collector = new EmbeddingCollector(ProviderName, inputs.Count, size);
        foreach (var batch in inputs.Chunk(MaxBatchSize))
        {
            OpenAIEmbeddingCollection answer;
            try
            {
                answer = await client.GenerateEmbeddingsAsync(
                    batch, new OpenAI.Embeddings.EmbeddingGenerationOptions { Dimensions = size }, cancellationToken);
            }
            catch (Exception e) when (OpenAIConnection.Failure(e, _http, _settings, cancellationToken) is { } failure)
            {
                throw failure;
            }
            ReadBatch(answer, batch.Length, model, collector);
        }
        return collector.Result();
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }
        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return _metadata;
        }
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>The <see cref="HttpClient"/> belongs to whoever passed it in.</summary>
    public void Dispose()
    {
    }

    private static void ReadBatch(OpenAIEmbeddingCollection answer, int sent, string requestedModel, EmbeddingCollector collector)
    {
        if (answer.Count != sent)
        {
            throw EmbeddingCollector.WrongCount(ProviderName, answer.Count, sent);
        }

        // The index says which text a vector belongs to, and the list need not be in that order. The SDK reads a
        // left-out index as 0, so a batch whose every index is 0 comes from a server that lists the vectors in order.
        var listedInOrder = answer.All(embedding => embedding.Index == 0);
        var ordered = new OpenAIEmbedding?[sent];
        for (var position = 0; position < sent; position++)
        {
            var embedding = answer[position];
            var index = listedInOrder ? position : embedding.Index;
            if (index < 0 || index >= sent)
            {
                throw new ChatProviderException(ProviderName, $"answered with index {index} for {sent} texts");
            }
            if (ordered[index] is not null)
            {
                throw new ChatProviderException(ProviderName, $"answered with index {index} twice");
            }
            ordered[index] = embedding;
        }

        var model = answer.Model is { Length: > 0 } answered ? answered : requestedModel;
        foreach (var embedding in ordered)
        {
            collector.Add(embedding!.ToFloats(), model);
        }
        collector.AddUsage(answer.Usage is { } usage
            ? new UsageDetails { InputTokenCount = usage.InputTokenCount, TotalTokenCount = usage.TotalTokenCount }
            : null);
    }
}
