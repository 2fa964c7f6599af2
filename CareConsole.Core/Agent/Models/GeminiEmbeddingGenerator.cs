using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace CareConsole.Core.Agent.Models;

/// <summary>
/// Turns texts into vectors with Google's Gemini through its REST <c>batchEmbedContents</c> endpoint.
/// </summary>
/// <remarks>
/// <para>
/// Gemini takes at most <see cref="MaxBatchSize"/> texts per request, so longer lists are sent in several requests
/// and the vectors come back in the order of the texts. Gemini embeds a text better when told what it is for: put
/// RETRIEVAL_DOCUMENT (an article being indexed) or RETRIEVAL_QUERY (a customer's question) under
/// <see cref="TaskTypeKey"/> in <see cref="EmbeddingGenerationOptions.AdditionalProperties"/>.
/// </para>
/// <para>
/// gemini-embedding-001 normalises only its full 3,072-dimension vectors; shortened ones must be compared by cosine
/// similarity, not by a plain dot product.
/// </para>
/// <para>Every failure to get usable vectors surfaces as a <see cref="ChatProviderException"/>.</para>
/// </remarks>
/// <param name="http">Sends the requests; it belongs to the caller.</param>
/// <param name="settings">The API key and root; its chat model is not used here.</param>
/// <param name="model">The embedding model, with or without the "models/" prefix.</param>
/// <param name="dimensions">The vector length to ask for when a call does not set one; <see langword="null"/> for the model's own.</param>
public sealed class GeminiEmbeddingGenerator(
    HttpClient http, GeminiSettings settings, string model = GeminiEmbeddingGenerator.DefaultModel, int? dimensions = null)
    : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The provider name used in metadata and in <see cref="ChatProviderException.Provider"/>.</summary>
    public const string ProviderName = GeminiChatClient.ProviderName;

    /// <summary>Gemini's current stable embedding model; text-embedding-004 was shut down on 14 January 2026.</summary>
    public const string DefaultModel = "gemini-embedding-001";

    /// <summary>The <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> key for Gemini's task type, e.g. RETRIEVAL_QUERY.</summary>
    public const string TaskTypeKey = "taskType";

    /// <summary>The most texts Gemini embeds in one request; it refuses more with a 400.</summary>
    public const int MaxBatchSize = 100;

    private readonly string _model = GeminiChatClient.ModelName(EmbeddingCollector.RequireModel(model));
    private readonly int? _dimensions = EmbeddingCollector.RequireDimensions(dimensions);
    private EmbeddingGeneratorMetadata? _metadata;

    /// <inheritdoc />
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = EmbeddingCollector.Inputs(values);
        var taskType = TaskType(options);
        var model = options?.ModelId is { Length: > 0 } requested ? GeminiChatClient.ModelName(requested) : _model;
        var outputDimensionality = options?.Dimensions ?? _dimensions;

        var collector = new EmbeddingCollector(ProviderName, inputs.Count, outputDimensionality);
        foreach (var batch in inputs.Chunk(MaxBatchSize))
        {
            var body = Request(model, batch, taskType, outputDimensionality);
            using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(model))
            {
                Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("x-goog-api-key", settings.ApiKey);

            var root = await ProviderHttp.SendAsync(http, request, ProviderName, settings.ApiKey, cancellationToken);
            ReadBatch(root, batch.Length, model, collector);
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
            return _metadata ??= new EmbeddingGeneratorMetadata(ProviderName, new Uri(settings.BaseUrl), _model, _dimensions);
        }
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>The <see cref="HttpClient"/> belongs to whoever passed it in.</summary>
    public void Dispose()
    {
    }

    private Uri Endpoint(string model) =>
        new($"{settings.BaseUrl.TrimEnd('/')}/models/{Uri.EscapeDataString(model)}:batchEmbedContents");

    private static JsonObject Request(string model, string[] texts, string? taskType, int? outputDimensionality)
    {
        var requests = new JsonArray();
        foreach (var text in texts)
        {
            // Every request in the batch must name the same model as the URL, in its resource form.
            var item = new JsonObject
            {
                ["model"] = $"models/{model}",
                ["content"] = new JsonObject { ["parts"] = new JsonArray(new JsonObject { ["text"] = text }) },
            };
            if (taskType is not null)
            {
                item["taskType"] = taskType;
            }
            if (outputDimensionality is { } size)
            {
                item["outputDimensionality"] = size;
            }
            requests.Add(item);
        }
        return new JsonObject { ["requests"] = requests };
    }

    private static void ReadBatch(JsonElement root, int sent, string model, EmbeddingCollector collector)
    {
        if (!root.TryGetProperty("embeddings", out var embeddings) || embeddings.ValueKind != JsonValueKind.Array)
        {
            throw ProviderHttp.Malformed(ProviderName, "embeddings");
        }
        // Gemini answers in the order of the requests and numbers nothing, so a missing vector could only be noticed
        // by counting: without this check every later text would silently get its neighbour's vector.
        if (embeddings.GetArrayLength() != sent)
        {
            throw EmbeddingCollector.WrongCount(ProviderName, embeddings.GetArrayLength(), sent);
        }
        foreach (var embedding in embeddings.EnumerateArray())
        {
            if (embedding.ValueKind != JsonValueKind.Object || !embedding.TryGetProperty("values", out var vector))
            {
                throw ProviderHttp.Malformed(ProviderName, "values in every embedding");
            }
            collector.Add(vector, model);
        }
        collector.AddUsage(Usage(root));
    }

    // The reference documents no token counts for this endpoint; they are read in case Gemini starts sending them.
    private static UsageDetails? Usage(JsonElement root) =>
        root.TryGetProperty("usageMetadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty("promptTokenCount", out var prompt) && prompt.ValueKind == JsonValueKind.Number
        && prompt.TryGetInt64(out var tokens)
            ? new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens }
            : null;

    private static string? TaskType(EmbeddingGenerationOptions? options)
    {
        if (options?.AdditionalProperties is not { } properties || !properties.TryGetValue(TaskTypeKey, out var value)
            || value is null)
        {
            return null;
        }
        return value is string { Length: > 0 } taskType
            ? taskType
            : throw new ArgumentException($"{TaskTypeKey} must be a Gemini task type name such as RETRIEVAL_QUERY.", nameof(options));
    }
}
