using Microsoft.Extensions.AI;

namespace CareConsole.Core.Agent.Privacy;

/// <summary>
/// Wraps a network embedding provider so a customer's question ("my refund to 98765 43210 on UPI asha@okaxis") is
/// sent with its personal data replaced by its kind ("[phone]", "[upi]"). Nothing needs to come back: a vector
/// means the same without the number, and the help centre's own sections hold none.
/// </summary>
public sealed class PersonalDataRedactingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> innerGenerator)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(innerGenerator)
{
    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GenerateAsync(values.Select(PersonalData.Redact).ToList(), options, cancellationToken);
}
