namespace CareConsole.Core.Agent.Models;

/// <summary>
/// Which model turns help-centre articles and questions into vectors, so the help-centre search can rank by meaning
/// when the configured provider offers embeddings.
/// </summary>
/// <remarks>
/// <para>
/// <c>Ai:Gemini:EmbeddingModel</c> chooses Gemini's model and defaults to
/// <see cref="GeminiEmbeddingGenerator.DefaultModel"/> (gemini-embedding-001; Google shut text-embedding-004 down on
/// 14 January 2026). <c>Ai:OpenAI:EmbeddingModel</c> chooses the model of an OpenAI-compatible server and has no
/// default, because each server names its models differently: while it is unset, search stays with keywords.
/// </para>
/// <para>
/// Vectors from different models, or of different sizes, cannot be compared, so changing either value means
/// embedding the help centre again.
/// </para>
/// </remarks>
/// <param name="Model">For example gemini-embedding-001, text-embedding-3-small or nomic-embed-text.</param>
/// <param name="Dimensions">
/// How long each vector should be, for models that can shorten theirs (gemini-embedding-001, text-embedding-3-*);
/// <see langword="null"/> keeps the model's own size.
/// </param>
public sealed record EmbeddingSettings(string Model, int? Dimensions = null);
