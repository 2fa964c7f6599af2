using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace CareConsole.Core.Agent.Models;

/// <summary>
/// Talks to Google's Gemini through its REST <c>generateContent</c> endpoint.
/// </summary>
/// <remarks>
/// <para>
/// Gemini gives most function calls no id, so each <see cref="FunctionCallContent"/> gets a generated
/// <see cref="FunctionCallContent.CallId"/>; when Gemini does send an id it is used, kept under
/// <see cref="FunctionCallIdKey"/> and echoed on the call and its response.
/// </para>
/// <para>
/// Thinking models attach a <c>thoughtSignature</c> to parts of their answer, and Gemini 3 refuses a conversation whose
/// function calls come back without theirs. A signature is kept on the content made from its part (under
/// <see cref="ThoughtSignatureKey"/> in <see cref="AIContent.AdditionalProperties"/>, or as the
/// <see cref="TextReasoningContent.ProtectedData"/> of a thought) and sent back on the same part when the conversation
/// is replayed, so callers must keep the response's contents as they are.
/// </para>
/// <para>Every failure to get a usable answer surfaces as a <see cref="ChatProviderException"/>.</para>
/// </remarks>
public sealed class GeminiChatClient(HttpClient http, GeminiSettings settings) : IChatClient
{
    /// <summary>The provider name used in metadata and in <see cref="ChatProviderException.Provider"/>.</summary>
    public const string ProviderName = "Gemini";

    /// <summary>The <see cref="AIContent.AdditionalProperties"/> key holding a part's thought signature.</summary>
    public const string ThoughtSignatureKey = "gemini.thoughtSignature";

    /// <summary>The <see cref="AIContent.AdditionalProperties"/> key holding the id Gemini gave a function call, if any.</summary>
    public const string FunctionCallIdKey = "gemini.functionCallId";

    private ChatClientMetadata? _metadata;

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);

        var model = ModelName(options?.ModelId ?? settings.Model);
        var body = GeminiRequest.Build([.. messages], options);
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(model))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-goog-api-key", settings.ApiKey);

        var root = await ProviderHttp.SendAsync(http, request, ProviderName, settings.ApiKey, cancellationToken);
        return ParseResponse(root, model);
    }

    /// <summary>Not streamed: the whole answer is fetched and handed out as updates.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }
        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata ??= new ChatClientMetadata(ProviderName, new Uri(settings.BaseUrl), settings.Model);
        }
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>The <see cref="HttpClient"/> belongs to whoever passed it in.</summary>
    public void Dispose()
    {
    }

    private Uri Endpoint(string model) =>
        new($"{settings.BaseUrl.TrimEnd('/')}/models/{Uri.EscapeDataString(model)}:generateContent");

    // Model names are accepted with or without the "models/" resource prefix the API's own listings use.
    internal static string ModelName(string model) =>
        model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;

    private static ChatResponse ParseResponse(JsonElement root, string requestedModel)
    {
        var modelId = root.TryGetProperty("modelVersion", out var version) && version.ValueKind == JsonValueKind.String
            ? version.GetString()
            : requestedModel;
        var responseId = root.TryGetProperty("responseId", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
        var usage = Usage(root);

        if (!root.TryGetProperty("candidates", out var candidates) || candidates.ValueKind != JsonValueKind.Array
            || candidates.GetArrayLength() == 0)
        {
            // A prompt Gemini blocks outright comes back with feedback instead of candidates.
            if (root.TryGetProperty("promptFeedback", out var feedback) && feedback.TryGetProperty("blockReason", out _))
            {
                return Response([], ChatFinishReason.ContentFilter, modelId, responseId, usage);
            }
            throw ProviderHttp.Malformed(ProviderName, "candidates");
        }

        var candidate = candidates[0];
        var finishReason = candidate.TryGetProperty("finishReason", out var reason) && reason.ValueKind == JsonValueKind.String
            ? reason.GetString()
            : null;
        if (finishReason == "MALFORMED_FUNCTION_CALL")
        {
            throw new ChatProviderException(ProviderName, "the model wrote a function call it could not parse");
        }

        if (!candidate.TryGetProperty("content", out var content) || !content.TryGetProperty("parts", out var parts)
            || parts.ValueKind != JsonValueKind.Array)
        {
            // A candidate cut off by a safety filter or the token limit may have nothing to show; a finished one must.
            if (finishReason is not null and not "STOP")
            {
                return Response([], MapFinishReason(finishReason, hasCalls: false), modelId, responseId, usage);
            }
            throw ProviderHttp.Malformed(ProviderName, "content parts");
        }

        var contents = new List<AIContent>();
        foreach (var part in parts.EnumerateArray())
        {
            if (ParsePart(part) is { } parsed)
            {
                contents.Add(parsed);
            }
        }
        var hasCalls = contents.Exists(c => c is FunctionCallContent);
        return Response(contents, MapFinishReason(finishReason, hasCalls), modelId, responseId, usage);
    }

    private static AIContent? ParsePart(JsonElement part)
    {
        if (part.ValueKind != JsonValueKind.Object)
        {
            throw ProviderHttp.Malformed(ProviderName, "well-formed content parts");
        }
        var signature = part.TryGetProperty("thoughtSignature", out var sig) && sig.ValueKind == JsonValueKind.String
            ? sig.GetString()
            : null;

        if (part.TryGetProperty("functionCall", out var call))
        {
            return ParseFunctionCall(call, signature);
        }

        if (part.TryGetProperty("text", out var textElement) && textElement.ValueKind == JsonValueKind.String)
        {
            var text = textElement.GetString() ?? "";
            if (part.TryGetProperty("thought", out var thought) && thought.ValueKind == JsonValueKind.True)
            {
                return new TextReasoningContent(text) { ProtectedData = signature };
            }
            var textContent = new TextContent(text);
            Sign(textContent, signature);
            return textContent;
        }

        // Parts this console never asks for (code execution, inline data): their signature, if any, is kept.
        if (signature is not null)
        {
            var empty = new TextContent("");
            Sign(empty, signature);
            return empty;
        }
        return null;
    }

    private static FunctionCallContent ParseFunctionCall(JsonElement call, string? signature)
    {
        if (call.ValueKind != JsonValueKind.Object || !call.TryGetProperty("name", out var name)
            || name.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(name.GetString()))
        {
            throw ProviderHttp.Malformed(ProviderName, "a function name in a function call");
        }

        Dictionary<string, object?> arguments;
        if (!call.TryGetProperty("args", out var args) || args.ValueKind == JsonValueKind.Null)
        {
            arguments = [];
        }
        else if (args.ValueKind == JsonValueKind.Object)
        {
            arguments = ToolJson.ToArguments(args);
        }
        else
        {
            throw new ChatProviderException(
                ProviderName, $"the arguments of the call to {name.GetString()} are not a JSON object");
        }

        var providerId = call.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            && !string.IsNullOrEmpty(id.GetString())
            ? id.GetString()
            : null;
        var content = new FunctionCallContent(providerId ?? NewCallId(), name.GetString()!, arguments);
        if (providerId is not null)
        {
            (content.AdditionalProperties ??= [])[FunctionCallIdKey] = providerId;
        }
        Sign(content, signature);
        return content;
    }

    private static string NewCallId() => $"call_{Guid.NewGuid():N}"[..29];

    private static void Sign(AIContent content, string? signature)
    {
        if (signature is not null)
        {
            (content.AdditionalProperties ??= [])[ThoughtSignatureKey] = signature;
        }
    }

    private static ChatFinishReason? MapFinishReason(string? reason, bool hasCalls)
    {
        // Gemini says STOP after a function call; callers look for ToolCalls to run the tools.
        if (hasCalls)
        {
            return ChatFinishReason.ToolCalls;
        }
        return reason switch
        {
            null => null,
            "STOP" => ChatFinishReason.Stop,
            "MAX_TOKENS" => ChatFinishReason.Length,
            "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY"
                => ChatFinishReason.ContentFilter,
            _ => new ChatFinishReason(reason),
        };
    }

    private static UsageDetails? Usage(JsonElement root)
    {
        if (!root.TryGetProperty("usageMetadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var candidates = Count(metadata, "candidatesTokenCount");
        var thoughts = Count(metadata, "thoughtsTokenCount");
        return new UsageDetails
        {
            InputTokenCount = Count(metadata, "promptTokenCount"),
            // Gemini counts thinking apart from the answer; here reasoning is part of the output, as elsewhere.
            OutputTokenCount = candidates is null && thoughts is null ? null : (candidates ?? 0) + (thoughts ?? 0),
            ReasoningTokenCount = thoughts,
            CachedInputTokenCount = Count(metadata, "cachedContentTokenCount"),
            TotalTokenCount = Count(metadata, "totalTokenCount"),
        };
    }

    private static long? Count(JsonElement metadata, string name) =>
        metadata.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
        && value.TryGetInt64(out var count)
            ? count
            : null;

    private static ChatResponse Response(
        List<AIContent> contents, ChatFinishReason? finishReason, string? modelId, string? responseId, UsageDetails? usage) =>
        new(new ChatMessage(ChatRole.Assistant, contents) { MessageId = responseId })
        {
            FinishReason = finishReason,
            ModelId = modelId,
            ResponseId = responseId,
            Usage = usage,
        };
}
