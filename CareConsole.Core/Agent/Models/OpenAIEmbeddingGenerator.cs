using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace CareConsole.Core.Agent.Models;

/// <summary>
/// Turns texts into vectors with any server that has an OpenAI-compatible <c>/embeddings</c> endpoint: OpenAI itself,
/// Ollama, vLLM, llama.cpp.
/// </summary>
/// <remarks>
/// Longer lists are sent <see cref="MaxBatchSize"/> texts at a time and the vectors come back in the order of the
/// texts, whatever order the server lists them in. Every failure to get usable vectors surfaces as a
/// <see cref="ChatProviderException"/>.
/// </remarks>
/// <param name="http">Sends the requests; it belongs to the caller.</param>
/// <param name="settings">The API root and key; its chat model is not used here.</param>
/// <param name="model">The embedding model, e.g. text-embedding-3-small or nomic-embed-text.</param>
/// <param name="dimensions">
/// The vector length to ask for when a call does not set one (text-embedding-3-* can shorten theirs);
/// <see langword="null"/> for the model's own.
/// </param>
public sealed class OpenAIEmbeddingGenerator(HttpClient http, OpenAISettings settings, string model, int? dimensions = null)
    : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The provider name used in metadata and in <see cref="ChatProviderException.Provider"/>.</summary>
    public const string ProviderName = OpenAIChatClient.ProviderName;

    /// <summary>
    /// The most texts sent in one request. OpenAI accepts 2,048 but also caps a request at 300,000 tokens, and local
    /// servers hold the whole batch in memory, so batches stay well below both.
    /// </summary>
    public const int MaxBatchSize = 256;

    private readonly string _model = EmbeddingCollector.RequireModel(model);
    private readonly int? _dimensions = EmbeddingCollector.RequireDimensions(dimensions);
    private EmbeddingGeneratorMetadata? _metadata;

    /// <inheritdoc />
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = EmbeddingCollector.Inputs(values);
        var model = options?.ModelId is { Length: > 0 } requested ? requested : _model;
        var size = options?.Dimensions ?? _dimensions;

        var collector = new EmbeddingCollector(ProviderName, inputs.Count, size);
        foreach (var batch in inputs.Chunk(MaxBatchSize))
        {
            var body = new JsonObject
            {
                ["model"] = model,
                ["input"] = new JsonArray([.. batch.Select(text => (JsonNode?)text)]),
                // Some servers answer base64 by default; floats are what is parsed here.
                ["encoding_format"] = "float",
            };
            if (size is { } requestedSize)
            {
                body["dimensions"] = requestedSize;
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{settings.BaseUrl.TrimEnd('/')}/embeddings"))
            {
                Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            if (!string.IsNullOrEmpty(settings.ApiKey))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
            }

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

    private static void ReadBatch(JsonElement root, int sent, string requestedModel, EmbeddingCollector collector)
    {
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw ProviderHttp.Malformed(ProviderName, "data");
        }
        if (data.GetArrayLength() != sent)
        {
            throw EmbeddingCollector.WrongCount(ProviderName, data.GetArrayLength(), sent);
        }

        // The index says which text a vector belongs to, and the list need not be in that order.
        var ordered = new JsonElement?[sent];
        var position = 0;
        foreach (var item in data.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("embedding", out var embedding))
            {
                throw ProviderHttp.Malformed(ProviderName, "an embedding in every data item");
            }
            var index = position;
            // A few local servers leave the index out and list the vectors in order.
            if (item.TryGetProperty("index", out var indexElement) && indexElement.ValueKind != JsonValueKind.Null
                && !(indexElement.ValueKind == JsonValueKind.Number && indexElement.TryGetInt32(out index)))
            {
                throw ProviderHttp.Malformed(ProviderName, "a whole-number index in every data item");
            }
            if (index < 0 || index >= sent)
            {
                throw new ChatProviderException(ProviderName, $"answered with index {index} for {sent} texts");
            }
            if (ordered[index] is not null)
            {
                throw new ChatProviderException(ProviderName, $"answered with index {index} twice");
            }
            ordered[index] = embedding;
            position++;
        }

        var model = root.TryGetProperty("model", out var modelElement) && modelElement.ValueKind == JsonValueKind.String
            && modelElement.GetString() is { Length: > 0 } answered
                ? answered
                : requestedModel;
        foreach (var embedding in ordered)
        {
            collector.Add(embedding!.Value, model);
        }
        collector.AddUsage(Usage(root));
    }

    private static UsageDetails? Usage(JsonElement root)
    {
        if (!root.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var prompt = Count(usage, "prompt_tokens");
        var total = Count(usage, "total_tokens");
        return prompt is null && total is null ? null : new UsageDetails { InputTokenCount = prompt, TotalTokenCount = total ?? prompt };
    }

    private static long? Count(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
        && value.TryGetInt64(out var count)
            ? count
            : null;
}
