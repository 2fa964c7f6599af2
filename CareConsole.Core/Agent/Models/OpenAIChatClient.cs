using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace CareConsole.Core.Agent.Models;

/// <summary>
/// Talks to any server with an OpenAI-compatible <c>/chat/completions</c> endpoint: OpenAI itself, Groq, Ollama, vLLM,
/// llama.cpp.
/// </summary>
/// <remarks>
/// <para>
/// The wire format is the OpenAI SDK's, through the <see cref="IChatClient"/> that Microsoft.Extensions.AI.OpenAI puts
/// over its <see cref="ChatClient"/>: the stack Semantic Kernel's OpenAI connector builds for its chat clients. The
/// connector's own entry points do not fit under the model router: its <c>AddOpenAIChatClient</c> runs the tools itself
/// (below the router's retries) and, like <c>OpenAIChatCompletionService</c>, sends a blank Bearer token to a server
/// without a key; that service seen as an <see cref="IChatClient"/> also drops the instructions, usage and ids.
/// </para>
/// <para>
/// This class adds what the agent relies on: every failure to get a usable answer surfaces as a
/// <see cref="ChatProviderException"/> whose message never holds the key, and the metadata names the provider "OpenAI".
/// </para>
/// </remarks>
public sealed class OpenAIChatClient : DelegatingChatClient
{
    /// <summary>The provider name used in metadata and in <see cref="ChatProviderException.Provider"/>.</summary>
    public const string ProviderName = "OpenAI";

    private readonly HttpClient _http;
    private readonly OpenAISettings _settings;
    private readonly ChatClientMetadata _metadata;

    /// <param name="http">Sends the requests; it belongs to the caller, and its timeout bounds a hung connection.</param>
    /// <param name="settings">The server, its key (none for most local servers) and the default model.</param>
    public OpenAIChatClient(HttpClient http, OpenAISettings settings)
        : base(OpenAIConnection.Create(http, settings).GetChatClient(settings.Model).AsIChatClient())
    {
        _http = http;
        _settings = settings;
        _metadata = new ChatClientMetadata(ProviderName, OpenAIConnection.Endpoint(settings), settings.Model);
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(WithTextResults(messages), options, cancellationToken);
        }
        catch (Exception e) when (OpenAIConnection.Failure(e, _http, _settings, cancellationToken) is { } failure)
        {
            throw failure;
        }

        // The SDK leaves out a tool call that names no function; running the turn without it would drop the model's step.
        if (response.RawRepresentation is ChatCompletion completion
            && completion.ToolCalls.Any(call => string.IsNullOrWhiteSpace(call.FunctionName)))
        {
            throw ProviderHttp.Malformed(ProviderName, "a function name in a tool call");
        }
        foreach (var message in response.Messages)
        {
            RequireReadableCalls(message.Contents);
        }
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await using var updates = base.GetStreamingResponseAsync(WithTextResults(messages), options, cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            // A failure can come with the first update (an error status) or halfway (a dropped connection).
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (Exception e) when (OpenAIConnection.Failure(e, _http, _settings, cancellationToken) is { } failure)
            {
                throw failure;
            }
            RequireReadableCalls(updates.Current.Contents);
            yield return updates.Current;
        }
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType == typeof(ChatClientMetadata)
            ? _metadata
            : base.GetService(serviceType, serviceKey);
    }

    private static void RequireReadableCalls(IEnumerable<AIContent> contents)
    {
        // The SDK keeps arguments it cannot read as the call's exception; the agent cannot run such a call.
        if (contents.OfType<FunctionCallContent>().FirstOrDefault(call => call.Exception is not null) is { } unreadable)
        {
            throw new ChatProviderException(
                ProviderName, $"the arguments of the call to {unreadable.Name} are not a JSON object", unreadable.Exception);
        }
    }

    /// <summary>
    /// The messages with each tool result that is a JSON string replaced by its text. Functions hand back even a text
    /// result as JSON, and the SDK would send it quoted; the model should read the text.
    /// </summary>
    private static IEnumerable<ChatMessage> WithTextResults(IEnumerable<ChatMessage> messages)
    {
        foreach (var message in messages)
        {
            if (!message.Contents.Any(IsTextResult))
            {
                yield return message;
                continue;
            }
            var copy = message.Clone();
            copy.Contents = [.. message.Contents.Select(content => content is FunctionResultContent result && IsTextResult(result)
                ? new FunctionResultContent(result.CallId, ((JsonElement)result.Result!).GetString())
                : content)];
            yield return copy;
        }
    }

    private static bool IsTextResult(AIContent content) =>
        content is FunctionResultContent { Result: JsonElement { ValueKind: JsonValueKind.String } };
}
