using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using OpenAI;

namespace CareConsole.Core.Agent.Models;

/// <summary>
/// The OpenAI SDK client behind <see cref="OpenAIChatClient"/> and <see cref="OpenAIEmbeddingGenerator"/>, and the
/// reading of its failures as <see cref="ChatProviderException"/>s.
/// </summary>
internal static class OpenAIConnection
{
    /// <summary>
    /// A client for <paramref name="settings"/>' server that sends through <paramref name="http"/> and makes each request
    /// once: the model router decides about retries and bounds each call, and <see cref="HttpClient.Timeout"/> bounds a
    /// hung connection, as Semantic Kernel's connector does when it is handed an <see cref="HttpClient"/>.
    /// </summary>
    public static OpenAIClient Create(HttpClient http, OpenAISettings settings)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = Endpoint(settings),
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // The SDK's own 100 s network timeout would be a second clock beside HttpClient.Timeout.
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        if (!string.IsNullOrEmpty(settings.ApiKey))
        {
            return new OpenAIClient(new ApiKeyCredential(settings.ApiKey), options);
        }
        // Local servers (Ollama, vLLM, llama.cpp) usually have no key: they get no Authorization header at all rather
        // than a blank Bearer token. Taking an authentication policy is the SDK's one way to leave the header out, and
        // it is still marked for evaluation; a change to it shows up here when the SDK is updated.
#pragma warning disable OPENAI001
        return new OpenAIClient(new NoAuthentication(), options);
#pragma warning restore OPENAI001
    }

    /// <summary>The API root, e.g. https://api.openai.com/v1, which the SDK extends with /chat/completions.</summary>
    public static Uri Endpoint(OpenAISettings settings) => new(settings.BaseUrl.TrimEnd('/'));

    /// <summary>
    /// What a call that threw <paramref name="failure"/> means for the agent, or <see langword="null"/> when the caller
    /// cancelled it, which stays an <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <remarks>
    /// The SDK throws a <see cref="ClientResultException"/> for an answer outside 2xx (its message quotes the body, which
    /// can quote the key, so it is not kept), for a server that cannot be reached, and whatever its reader throws for a
    /// body that is not JSON or not shaped like a reply (an empty list of choices, a vector that is not numbers).
    /// </remarks>
    public static ChatProviderException? Failure(
        Exception failure, HttpClient http, OpenAISettings settings, CancellationToken cancellationToken) => failure switch
        {
            OperationCanceledException when cancellationToken.IsCancellationRequested => null,
            OperationCanceledException timeout => ProviderHttp.TimedOut(OpenAIChatClient.ProviderName, http, timeout),
            ClientResultException { InnerException: HttpRequestException unreachable } =>
                ProviderHttp.Unreachable(OpenAIChatClient.ProviderName, unreachable, settings.ApiKey),
            ClientResultException answered when answered.GetRawResponse() is { } response =>
                ProviderHttp.Failed(OpenAIChatClient.ProviderName, response.Status, response.Content.ToString(), settings.ApiKey),
            HttpRequestException unreachable => ProviderHttp.Unreachable(OpenAIChatClient.ProviderName, unreachable, settings.ApiKey),
            JsonException notJson => ProviderHttp.NotJson(OpenAIChatClient.ProviderName, notJson),
            _ => new ChatProviderException(
                OpenAIChatClient.ProviderName,
                $"answered with a reply that could not be read: {ProviderHttp.Redact(failure.Message, settings.ApiKey)}",
                failure),
        };

    /// <summary>Lets a request go out as it is, for a server that takes no key.</summary>
    private sealed class NoAuthentication : AuthenticationPolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
            ProcessNext(message, pipeline, currentIndex);

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
            ProcessNextAsync(message, pipeline, currentIndex);
    }
}
