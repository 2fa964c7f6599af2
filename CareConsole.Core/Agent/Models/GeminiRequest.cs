using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace CareConsole.Core.Agent.Models;

/// <summary>Writes the body of a Gemini <c>generateContent</c> request from a conversation and its options.</summary>
internal static class GeminiRequest
{
    public static JsonObject Build(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var body = new JsonObject();

        var instructions = Instructions(messages, options);
        if (instructions.Count > 0)
        {
            body["systemInstruction"] = new JsonObject { ["parts"] = instructions };
        }
        body["contents"] = Contents(messages);

        var declarations = new JsonArray();
        foreach (var function in options?.Tools?.OfType<AIFunctionDeclaration>() ?? [])
        {
            declarations.Add(Declaration(function));
        }
        if (declarations.Count > 0)
        {
            body["tools"] = new JsonArray(new JsonObject { ["functionDeclarations"] = declarations });
            if (FunctionCallingConfig(options!.ToolMode) is { } config)
            {
                body["toolConfig"] = new JsonObject { ["functionCallingConfig"] = config };
            }
        }

        var generation = GenerationConfig(options);
        if (generation.Count > 0)
        {
            body["generationConfig"] = generation;
        }
        return body;
    }

    /// <summary>Gemini takes instructions apart from the conversation: the options' first, then system messages.</summary>
    private static JsonArray Instructions(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var parts = new JsonArray();
        if (!string.IsNullOrWhiteSpace(options?.Instructions))
        {
            parts.Add(new JsonObject { ["text"] = options.Instructions });
        }
        foreach (var message in messages.Where(m => m.Role == ChatRole.System))
        {
            var text = message.Text;
            if (!string.IsNullOrWhiteSpace(text))
            {
                parts.Add(new JsonObject { ["text"] = text });
            }
        }
        return parts;
    }

    private static JsonArray Contents(IReadOnlyList<ChatMessage> messages)
    {
        // Gemini has no call ids of its own in most answers, and a function response must name its function:
        // the name is found through the call with the same id earlier in the conversation.
        var calls = messages
            .SelectMany(m => m.Contents.OfType<FunctionCallContent>())
            .GroupBy(c => c.CallId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

        var contents = new JsonArray();
        string? previousRole = null;
        foreach (var message in messages.Where(m => m.Role != ChatRole.System))
        {
            var role = message.Role == ChatRole.Assistant ? "model" : "user";
            var parts = message.Contents.Select(c => Part(c, calls)).OfType<JsonObject>().ToList();
            if (parts.Count == 0)
            {
                continue;
            }

            // Results of parallel calls must arrive together in one content after the calls (the API refuses them
            // interleaved), and a caller may have put each result in its own tool message.
            if (role == previousRole && contents[^1]?["parts"] is JsonArray previousParts)
            {
                parts.ForEach(previousParts.Add);
                continue;
            }
            contents.Add(new JsonObject { ["role"] = role, ["parts"] = new JsonArray([.. parts]) });
            previousRole = role;
        }
        return contents;
    }

    private static JsonObject? Part(AIContent content, Dictionary<string, FunctionCallContent> calls)
    {
        switch (content)
        {
            case TextContent text when !string.IsNullOrEmpty(text.Text) || Signature(text) is not null:
                return Signed(new JsonObject { ["text"] = text.Text ?? "" }, Signature(text));

            case TextReasoningContent { ProtectedData: { Length: > 0 } signature } reasoning:
                // A thought summary only means something to the model with its signature.
                return new JsonObject
                {
                    ["text"] = reasoning.Text ?? "",
                    ["thought"] = true,
                    ["thoughtSignature"] = signature,
                };

            case FunctionCallContent call:
                var functionCall = new JsonObject { ["name"] = call.Name, ["args"] = ToolJson.FromArguments(call.Arguments) };
                if (ProviderCallId(call) is { } id)
                {
                    functionCall["id"] = id;
                }
                return Signed(new JsonObject { ["functionCall"] = functionCall }, Signature(call));

            case FunctionResultContent result:
                if (!calls.TryGetValue(result.CallId, out var matching))
                {
                    throw new ArgumentException(
                        $"The tool result for call '{result.CallId}' has no matching function call earlier in the conversation.",
                        nameof(content));
                }
                var functionResponse = new JsonObject
                {
                    ["name"] = matching.Name,
                    ["response"] = ResponseObject(result),
                };
                if (ProviderCallId(matching) is { } callId)
                {
                    functionResponse["id"] = callId;
                }
                return new JsonObject { ["functionResponse"] = functionResponse };

            default:
                // Images, files and other content are not part of the support conversation.
                return null;
        }
    }

    /// <summary>Gemini wants a JSON object as a function's response; any other value is wrapped as its result.</summary>
    private static JsonObject ResponseObject(FunctionResultContent result)
    {
        var node = ToolJson.ResultNode(result);
        if (node is JsonObject obj)
        {
            return obj;
        }
        // A tool loop may already have serialised the result; a string holding an object is that object.
        if (node is JsonValue value && value.TryGetValue<string>(out var text) && TryParseObject(text) is { } parsed)
        {
            return parsed;
        }
        return new JsonObject { ["result"] = node };
    }

    private static JsonObject? TryParseObject(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.IsEmpty || trimmed[0] != '{')
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static JsonObject Declaration(AIFunctionDeclaration function)
    {
        var declaration = new JsonObject { ["name"] = function.Name };
        if (!string.IsNullOrWhiteSpace(function.Description))
        {
            declaration["description"] = function.Description;
        }
        if (GeminiSchema.ToParameters(function.JsonSchema) is { } parameters)
        {
            declaration["parameters"] = parameters;
        }
        return declaration;
    }

    private static JsonObject? FunctionCallingConfig(ChatToolMode? mode) => mode switch
    {
        NoneChatToolMode => new JsonObject { ["mode"] = "NONE" },
        AutoChatToolMode => new JsonObject { ["mode"] = "AUTO" },
        RequiredChatToolMode { RequiredFunctionName: { } name } => new JsonObject
        {
            ["mode"] = "ANY",
            ["allowedFunctionNames"] = new JsonArray(name),
        },
        RequiredChatToolMode => new JsonObject { ["mode"] = "ANY" },
        _ => null,
    };

    private static JsonObject GenerationConfig(ChatOptions? options)
    {
        var config = new JsonObject();
        if (options is null)
        {
            return config;
        }
        if (options.Temperature is { } temperature)
        {
            config["temperature"] = temperature;
        }
        if (options.MaxOutputTokens is { } maxOutputTokens)
        {
            config["maxOutputTokens"] = maxOutputTokens;
        }
        if (options.TopP is { } topP)
        {
            config["topP"] = topP;
        }
        if (options.TopK is { } topK)
        {
            config["topK"] = topK;
        }
        if (options.StopSequences is { Count: > 0 } stops)
        {
            config["stopSequences"] = new JsonArray([.. stops.Select(s => (JsonNode?)s)]);
        }
        return config;
    }

    private static JsonObject Signed(JsonObject part, string? signature)
    {
        if (signature is not null)
        {
            part["thoughtSignature"] = signature;
        }
        return part;
    }

    private static string? Signature(AIContent content) =>
        content.AdditionalProperties?.TryGetValue(GeminiChatClient.ThoughtSignatureKey, out var value) == true
            ? value?.ToString()
            : null;

    private static string? ProviderCallId(FunctionCallContent call) =>
        call.AdditionalProperties?.TryGetValue(GeminiChatClient.FunctionCallIdKey, out var value) == true
            ? value?.ToString()
            : null;
}
