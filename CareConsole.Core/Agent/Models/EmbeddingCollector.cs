using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace CareConsole.Core.Agent.Models;

/// <summary>
/// Gathers the vectors of one <c>GenerateAsync</c> call across its batches and refuses any answer that would corrupt
/// a search index: a vector that is not a list of numbers, or one whose length differs from the others or from the
/// length that was asked for.
/// </summary>
internal sealed class EmbeddingCollector(string provider, int expectedCount, int? requestedDimensions)
{
    private readonly GeneratedEmbeddings<Embedding<float>> _embeddings = new(expectedCount);
    private UsageDetails? _usage;
    private bool _usageIncomplete;

    /// <summary>Reads one vector from a JSON array of numbers and keeps it.</summary>
    public void Add(JsonElement values, string? modelId) => Add(Vector(values), modelId);

    /// <summary>Keeps one vector that a client library has already read.</summary>
    public void Add(ReadOnlyMemory<float> vector, string? modelId)
    {
        if (vector.IsEmpty)
        {
            throw ProviderHttp.Malformed(provider, "a non-empty list of numbers for every vector");
        }
        foreach (var value in vector.Span)
        {
            if (!float.IsFinite(value))
            {
                throw ProviderHttp.Malformed(provider, "finite numbers in every vector");
            }
        }
        var expected = requestedDimensions ?? (_embeddings.Count > 0 ? _embeddings[0].Vector.Length : vector.Length);
        if (vector.Length != expected)
        {
            // Vectors of different lengths cannot be compared; letting one into the index would break every search.
            throw new ChatProviderException(provider, requestedDimensions is null
                ? $"answered with vectors of differing lengths ({expected} and {vector.Length})"
                : $"answered with a vector of {vector.Length} dimensions where {expected} were asked for");
        }
        _embeddings.Add(new Embedding<float>(vector) { ModelId = modelId });
    }

    /// <summary>Adds one batch's token counts; when any batch reports none, the total is unknown.</summary>
    public void AddUsage(UsageDetails? usage)
    {
        if (usage is null)
        {
            _usageIncomplete = true;
            return;
        }
        if (_usage is null)
        {
            _usage = usage;
        }
        else
        {
            _usage.Add(usage);
        }
    }

    public GeneratedEmbeddings<Embedding<float>> Result()
    {
        if (_embeddings.Count != expectedCount)
        {
            throw new ChatProviderException(provider, $"answered with {_embeddings.Count} vectors for {expectedCount} texts");
        }
        _embeddings.Usage = _usageIncomplete ? null : _usage;
        return _embeddings;
    }

    /// <summary>The inputs as a list, refusing a missing text before anything is sent.</summary>
    public static List<string> Inputs(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values.ToList();
        if (inputs.Contains(null!))
        {
            throw new ArgumentException("Every text to embed must be non-null.", nameof(values));
        }
        return inputs;
    }

    /// <summary>A model name for a constructor, which cannot be left empty.</summary>
    public static string RequireModel(string model, [CallerArgumentExpression(nameof(model))] string? parameter = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model, parameter);
        return model;
    }

    /// <summary>A configured vector length, which must be positive when given.</summary>
    public static int? RequireDimensions(int? dimensions, [CallerArgumentExpression(nameof(dimensions))] string? parameter = null)
    {
        if (dimensions is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size, parameter);
        }
        return dimensions;
    }

    /// <summary>The failure for a batch answered with a different number of vectors than texts sent.</summary>
    public static ChatProviderException WrongCount(string provider, int got, int sent) =>
        new(provider, $"answered with {got} vectors for {sent} texts");

    private float[] Vector(JsonElement values)
    {
        if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
        {
            throw ProviderHttp.Malformed(provider, "a non-empty list of numbers for every vector");
        }
        var vector = new float[values.GetArrayLength()];
        var i = 0;
        foreach (var value in values.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetSingle(out vector[i]) || !float.IsFinite(vector[i]))
            {
                throw ProviderHttp.Malformed(provider, "finite numbers in every vector");
            }
            i++;
        }
        return vector;
    }
}
