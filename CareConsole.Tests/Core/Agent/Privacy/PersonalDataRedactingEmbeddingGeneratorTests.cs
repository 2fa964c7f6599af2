using CareConsole.Core.Agent.Privacy;
using Microsoft.Extensions.AI;

namespace CareConsole.Tests.Core.Agent.Privacy;

public sealed class PersonalDataRedactingEmbeddingGeneratorTests
{
    [Fact]
    public async Task Generate_QuestionWithPersonalData_ProviderGetsItWithoutThem_AndTheVectorComesBack()
    {
        var provider = new RecordingGenerator();
        using var generator = new PersonalDataRedactingEmbeddingGenerator(provider);

        var vectors = await generator.GenerateAsync(
            ["refund to UPI asha.v@okaxis for 98765 43210 kab aayega?", "how long do refunds take?"],
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, vectors.Count);
        Assert.DoesNotContain("okaxis", provider.Sent[0], StringComparison.Ordinal);
        Assert.DoesNotContain("98765", provider.Sent[0], StringComparison.Ordinal);
        Assert.Contains("refund to UPI", provider.Sent[0], StringComparison.Ordinal);
        Assert.Contains("kab aayega?", provider.Sent[0], StringComparison.Ordinal);
        Assert.Equal("how long do refunds take?", provider.Sent[1]);
    }

    private sealed class RecordingGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public List<string> Sent { get; } = [];

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            Sent.AddRange(values);
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(Sent.Select(_ => new Embedding<float>(new float[] { 1, 0 }))));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
