using System.Numerics.Tensors;
using CareConsole.Core.Agent.Models;
using Microsoft.Extensions.AI;

namespace CareConsole.Tests.Core.Knowledge;

public sealed class MiniLmEmbeddingGeneratorTests : IDisposable
{
    private readonly MiniLmEmbeddingGenerator _model = new();

    public void Dispose() => _model.Dispose();

    [Fact]
    public async Task Vectors_Have384UnitLengthDimensions_AndTheSameTextGivesTheSameVector()
    {
        var vectors = await _model.GenerateAsync(["Where is my parcel?", "Where is my parcel?", "a"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.All(vectors, v => Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, v.Vector.Length));
        Assert.All(vectors, v => Assert.Equal(1f, TensorPrimitives.Norm(v.Vector.Span), 3));
        Assert.Equal(vectors[0].Vector.ToArray(), vectors[1].Vector.ToArray());
    }

    [Fact]
    public async Task SentencesMeaningTheSame_AreCloserThanUnrelatedOnes()
    {
        var vectors = await _model.GenerateAsync(["my delivery is overdue", "my order is late and has not arrived", "how do I change my password"],
            cancellationToken: TestContext.Current.CancellationToken);

        var same = TensorPrimitives.Dot(vectors[0].Vector.Span, vectors[1].Vector.Span);
        var unrelated = TensorPrimitives.Dot(vectors[0].Vector.Span, vectors[2].Vector.Span);

        Assert.True(same > unrelated + 0.2f, $"same {same:0.00}, unrelated {unrelated:0.00}");
    }

    [Fact]
    public async Task LongText_IsReadUpToTheModelsLimit_NotRefused()
    {
        var vectors = await _model.GenerateAsync([string.Join(' ', Enumerable.Repeat("refund", 5_000))], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, Assert.Single(vectors).Vector.Length);
    }

    [Fact]
    public void Metadata_NamesTheLocalModel()
    {
        var metadata = _model.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal(MiniLmEmbeddingGenerator.ProviderName, metadata?.ProviderName);
        Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, metadata?.DefaultModelDimensions);
    }
}
