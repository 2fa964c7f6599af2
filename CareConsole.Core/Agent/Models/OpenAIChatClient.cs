using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace CareConsole.Core.Agent.Models;

/// <summary>
/// Talks to any server with an OpenAI-compatible <c>/chat/completions</c> endpoint: OpenAI itself, Groq, Ollama, vLLM,
/// llama.cpp.
/// </summary>
/// <remarks>
/// Only the common core of the protocol is used (messages, function tools, <c>tool_choice</c>, <c>temperature</c>,
/// <c>max_tokens</c>, <c>top_p</c>, <c>stop</c>), which every one of those servers understands. Every failure to get a
/// usable answer surfaces as a <see cref="ChatProviderException"/>.
/// </remarks>
public sealed class OpenAIChatClient(HttpClient http, OpenAISettings settings) : IChatClient
{
    /// <summary>The provider name used in metadata and in <see cref="ChatProviderException.Provider"/>.</summary>
    public const string ProviderName = "OpenAI";

    private ChatClientMetadata? _metadata;

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);

        var model = options?.ModelId ?? settings.Model;
        var body = Request(model, [.. messages], options);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{settings.BaseUrl.TrimEnd('/')}/chat/completions"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (!string.IsNullOrEmpty(settings.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        }

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

    private static JsonObject Request(string model, IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var body = new JsonObject { ["model"] = model, ["messages"] = Messages(messages, options) };

        var tools = new JsonArray();
        foreach (var function in options?.Tools?.OfType<AIFunctionDeclaration>() ?? [])
        {
            var definition = new JsonObject
            {
                ["name"] = function.Name,
                ["parameters"] = JsonNode.Parse(function.JsonSchema.GetRawText()),
            };
            if (!string.IsNullOrWhiteSpace(function.Description))
            {
                definition["description"] = function.Description;
            }
            tools.Add(new JsonObject { ["type"] = "function", ["function"] = definition });
        }
        if (tools.Count > 0)
        {
            body["tools"] = tools;
            if (ToolChoice(options!.ToolMode) is { } choice)
            {
                body["tool_choice"] = choice;
            }
        }

        if (options?.Temperature is { } temperature)
        {
            body["temperature"] = temperature;
        }
        if (options?.MaxOutputTokens is { } maxTokens)
        {
            // OpenAI's newest models prefer max_completion_tokens, but the local servers know only this name.
            body["max_tokens"] = maxTokens;
        }
        if (options?.TopP is { } topP)
        {
            body["top_p"] = topP;
        }
        if (options?.StopSequences is { Count: > 0 } stops)
        {
            body["stop"] = new JsonArray([.. stops.Select(s => (JsonNode?)s)]);
        }
        return body;
    }

    private static JsonArray Messages(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var result = new JsonArray();
        if (!string.IsNullOrWhiteSpace(options?.Instructions))
        {
            result.Add(new JsonObject { ["role"] = "system", ["content"] = options.Instructions });
        }

        foreach (var message in messages)
        {
            // Tool results become one tool message each, wherever they were carried.
            foreach (var toolResult in message.Contents.OfType<FunctionResultContent>())
            {
                result.Add(new JsonObject
                {
                    ["role"] = "tool",
                    ["tool_call_id"] = toolResult.CallId,
                    ["content"] = ToolJson.ResultText(toolResult),
                });
            }
            if (message.Role == ChatRole.Tool)
            {
                continue;
            }

            var text = string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));
            if (message.Role == ChatRole.Assistant)
            {
                var calls = new JsonArray();
                foreach (var call in message.Contents.OfType<FunctionCallContent>())
                {
                    calls.Add(new JsonObject
                    {
                        ["id"] = call.CallId,
                        ["type"] = "function",
                        ["function"] = new JsonObject
                        {
                            ["name"] = call.Name,
                            // The protocol carries arguments as a string holding JSON, not as an object.
                            ["arguments"] = ToolJson.FromArguments(call.Arguments).ToJsonString(),
                        },
                    });
                }
                if (calls.Count == 0 && text.Length == 0)
                {
                    continue;
                }
                var assistant = new JsonObject { ["role"] = "assistant", ["content"] = text.Length > 0 ? text : null };
                if (calls.Count > 0)
                {
                    assistant["tool_calls"] = calls;
                }
                result.Add(assistant);
                continue;
            }

            if (text.Length > 0)
            {
                result.Add(new JsonObject { ["role"] = message.Role == ChatRole.System ? "system" : "user", ["content"] = text });
            }
        }
        return result;
    }

    private static JsonNode? ToolChoice(ChatToolMode? mode) => mode switch
    {
        NoneChatToolMode => "none",
        AutoChatToolMode => "auto",
        RequiredChatToolMode { RequiredFunctionName: { } name } => new JsonObject
        {
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = name },
        },
        RequiredChatToolMode => "required",
        _ => null,
    };

    private static ChatResponse ParseResponse(JsonElement root, string requestedModel)
    {
        if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array
            || choices.GetArrayLength() == 0)
        {
            throw ProviderHttp.Malformed(ProviderName, "choices");
        }
        var choice = choices[0];
        if (choice.ValueKind != JsonValueKind.Object || !choice.TryGetProperty("message", out var message)
            || message.ValueKind != JsonValueKind.Object)
        {
            throw ProviderHttp.Malformed(ProviderName, "a message in its first choice");
        }

        var contents = new List<AIContent>();
        if (message.TryGetProperty("content", out var content))
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                if (content.GetString() is { Length: > 0 } text)
                {
                    contents.Add(new TextContent(text));
                }
            }
            else if (content.ValueKind != JsonValueKind.Null)
            {
                throw ProviderHttp.Malformed(ProviderName, "message content as text");
            }
        }
        if (message.TryGetProperty("tool_calls", out var toolCalls) && toolCalls.ValueKind != JsonValueKind.Null)
        {
            if (toolCalls.ValueKind != JsonValueKind.Array)
            {
                throw ProviderHttp.Malformed(ProviderName, "a list of tool calls");
            }
            foreach (var toolCall in toolCalls.EnumerateArray())
            {
                contents.Add(ParseToolCall(toolCall));
            }
        }

        var finishReason = choice.TryGetProperty("finish_reason", out var reason) && reason.ValueKind == JsonValueKind.String
            ? reason.GetString()
            : null;
        var responseId = String(root, "id");
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents) { MessageId = responseId })
        {
            FinishReason = MapFinishReason(finishReason, hasCalls: contents.Exists(c => c is FunctionCallContent)),
            ModelId = String(root, "model") ?? requestedModel,
            ResponseId = responseId,
            CreatedAt = root.TryGetProperty("created", out var created) && created.ValueKind == JsonValueKind.Number
                && created.TryGetInt64(out var seconds)
                    ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                    : null,
            Usage = Usage(root),
        };
    }

    private static FunctionCallContent ParseToolCall(JsonElement toolCall)
    {
        if (toolCall.ValueKind != JsonValueKind.Object || !toolCall.TryGetProperty("function", out var function)
            || function.ValueKind != JsonValueKind.Object || String(function, "name") is not { Length: > 0 } name)
        {
            throw ProviderHttp.Malformed(ProviderName, "a function name in a tool call");
        }
        // Some local servers leave the id out; the tool result still needs one to point back at the call.
        var callId = String(toolCall, "id") is { Length: > 0 } id ? id : $"call_{Guid.NewGuid():N}"[..29];
        return new FunctionCallContent(callId, name, ParseArguments(function, name));
    }

    private static Dictionary<string, object?> ParseArguments(JsonElement function, string name)
    {
        if (!function.TryGetProperty("arguments", out var arguments) || arguments.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        // The protocol sends a string holding JSON; a few OpenAI-compatible servers send the object itself.
        if (arguments.ValueKind == JsonValueKind.Object)
        {
            return ToolJson.ToArguments(arguments);
        }
        if (arguments.ValueKind == JsonValueKind.String)
        {
            var text = arguments.GetString()!;
            if (string.IsNullOrWhiteSpace(text))
            {
                return [];
            }
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    return ToolJson.ToArguments(document.RootElement);
                }
            }
            catch (JsonException e)
            {
                throw new ChatProviderException(ProviderName, $"the arguments of the call to {name} are not JSON", e);
            }
        }
        throw new ChatProviderException(ProviderName, $"the arguments of the call to {name} are not a JSON object");
    }

    private static ChatFinishReason? MapFinishReason(string? reason, bool hasCalls)
    {
        // Some local servers say "stop" after a tool call; callers look for ToolCalls to run the tools.
        if (hasCalls)
        {
            return ChatFinishReason.ToolCalls;
        }
        return reason switch
        {
            null => null,
            "stop" => ChatFinishReason.Stop,
            "length" => ChatFinishReason.Length,
            "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
            "content_filter" => ChatFinishReason.ContentFilter,
            _ => new ChatFinishReason(reason),
        };
    }

    private static UsageDetails? Usage(JsonElement root)
    {
        if (!root.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        return new UsageDetails
        {
            InputTokenCount = Count(usage, "prompt_tokens"),
            OutputTokenCount = Count(usage, "completion_tokens"),
            TotalTokenCount = Count(usage, "total_tokens"),
            CachedInputTokenCount = usage.TryGetProperty("prompt_tokens_details", out var prompt)
                && prompt.ValueKind == JsonValueKind.Object ? Count(prompt, "cached_tokens") : null,
            ReasoningTokenCount = usage.TryGetProperty("completion_tokens_details", out var completion)
                && completion.ValueKind == JsonValueKind.Object ? Count(completion, "reasoning_tokens") : null,
        };
    }

    private static long? Count(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
        && value.TryGetInt64(out var count)
            ? count
            : null;

    private static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
