using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareConsole.Core.Agent.Models;
using Microsoft.Extensions.AI;

namespace CareConsole.Core.Agent.Privacy;

/// <summary>
/// Wraps a network model so its provider never sees the customer's personal data. Before each call the
/// instructions, messages, tool-call arguments and tool results are masked ("[PHONE_1]", "[PINCODE_1]"); the
/// model works with the placeholders, and its reply and tool calls are unmasked on the way back, so the customer
/// reads their own details and the tools receive the real phone number or pincode. The offline model and the
/// database are not behind this client: they run here and keep the real values they need.
/// </summary>
/// <remarks>
/// Each call builds its mask afresh, from the instructions first and then the messages in order. A turn that sends
/// the same history again with more messages therefore gets the same placeholder for the same value in every call,
/// and nothing outlives the call. The caller's messages and options are never changed: masked copies are sent.
/// </remarks>
public sealed class PersonalDataMaskingChatClient(IChatClient innerClient) : DelegatingChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var mask = new PersonalDataMask();
        var (maskedMessages, maskedOptions) = MaskRequest(mask, messages, options);
        var response = await base.GetResponseAsync(maskedMessages, maskedOptions, cancellationToken);
        response.Messages = [.. response.Messages.Select(message => UnmaskMessage(mask, message))];
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var mask = new PersonalDataMask();
        var (maskedMessages, maskedOptions) = MaskRequest(mask, messages, options);
        // A placeholder may arrive split across updates ("[PHO", "NE_1]"). The end of a text that could still
        // become one is held back until the next text of the same message, so every placeholder is unmasked whole.
        var held = "";
        ChatResponseUpdate? holder = null;
        await foreach (var update in base.GetStreamingResponseAsync(maskedMessages, maskedOptions, cancellationToken))
        {
            var continuesText = holder is not null && holder.MessageId == update.MessageId && update.Contents.Any(c => c is TextContent);
            if (held.Length > 0 && !continuesText)
            {
                yield return HeldText(mask, holder!, held);
                held = "";
            }
            var contents = new List<AIContent>(update.Contents.Count);
            foreach (var content in update.Contents)
            {
                if (content is TextContent text)
                {
                    var whole = held + text.Text;
                    var hold = PersonalDataMask.UnfinishedPlaceholderLength(whole);
                    held = whole[^hold..];
                    if (whole.Length > hold)
                    {
                        contents.Add(CopyText(text, mask.Unmask(whole[..^hold])));
                    }
                }
                else
                {
                    contents.Add(UnmaskContent(mask, content));
                }
            }
            if (held.Length > 0)
            {
                holder = update;
            }
            var unmasked = update.Clone();
            unmasked.Contents = contents;
            unmasked.RawRepresentation = null;
            yield return unmasked;
        }
        if (held.Length > 0)
        {
            yield return HeldText(mask, holder!, held);
        }
    }

    private static (List<ChatMessage> Messages, ChatOptions? Options) MaskRequest(PersonalDataMask mask, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        // Instructions first, then the history in order: the numbering depends on nothing but what is sent.
        ChatOptions? maskedOptions = null;
        if (options is not null)
        {
            maskedOptions = options.Clone();
            maskedOptions.Instructions = options.Instructions is null ? null : mask.Mask(options.Instructions);
        }
        var maskedMessages = messages.Select(message => MaskMessage(mask, message)).ToList();
        return (maskedMessages, maskedOptions);
    }

    private static ChatMessage MaskMessage(PersonalDataMask mask, ChatMessage message) =>
        WithContents(message, message.Contents.Select(content => MaskContent(mask, content)));

    private static ChatMessage UnmaskMessage(PersonalDataMask mask, ChatMessage message) =>
        WithContents(message, message.Contents.Select(content => UnmaskContent(mask, content)));

    private static ChatMessage WithContents(ChatMessage message, IEnumerable<AIContent> contents)
    {
        var copy = message.Clone();
        copy.Contents = [.. contents];
        // The provider's own form of the message holds the text as it was; some clients send it instead.
        copy.RawRepresentation = null;
        return copy;
    }

    private static AIContent MaskContent(PersonalDataMask mask, AIContent content) => content switch
    {
        TextContent text => CopyText(text, mask.Mask(text.Text)),
        FunctionCallContent call => CopyCall(call, RewriteArguments(call.Arguments, mask.Mask)),
        FunctionResultContent result => new FunctionResultContent(result.CallId, MaskResult(mask, result.Result))
        {
            // Providers send the message of a failed tool when there is no result; it can quote what went in.
            Exception = result.Exception is null ? null : new InvalidOperationException(mask.Mask(result.Exception.Message)),
            AdditionalProperties = result.AdditionalProperties,
            Annotations = result.Annotations,
        },
        _ => content,
    };

    private static AIContent UnmaskContent(PersonalDataMask mask, AIContent content) => content switch
    {
        TextContent text => CopyText(text, mask.Unmask(text.Text)),
        FunctionCallContent call => CopyCall(call, RewriteArguments(call.Arguments, mask.Unmask)),
        _ => content,
    };

    private static TextContent CopyText(TextContent text, string newText) => new(newText)
    {
        AdditionalProperties = text.AdditionalProperties,
        Annotations = text.Annotations,
    };

    private static FunctionCallContent CopyCall(FunctionCallContent call, IDictionary<string, object?>? arguments) =>
        new(call.CallId, call.Name, arguments)
        {
            Exception = call.Exception,
            InformationalOnly = call.InformationalOnly,
            AdditionalProperties = call.AdditionalProperties,
            Annotations = call.Annotations,
        };

    private static ChatResponseUpdate HeldText(PersonalDataMask mask, ChatResponseUpdate holder, string held)
    {
        var update = holder.Clone();
        update.Contents = [new TextContent(mask.Unmask(held))];
        update.FinishReason = null;
        update.RawRepresentation = null;
        return update;
    }

    private static Dictionary<string, object?>? RewriteArguments(IDictionary<string, object?>? arguments, Func<string, string> rewrite) =>
        arguments?.ToDictionary(argument => argument.Key, argument => RewriteValue(argument.Value, rewrite), StringComparer.Ordinal);

    private static object? RewriteValue(object? value, Func<string, string> rewrite) => value switch
    {
        string text => rewrite(text),
        JsonElement { ValueKind: JsonValueKind.Undefined } => value,
        JsonElement element => ToElement(RewriteStrings(JsonNode.Parse(element.GetRawText()), rewrite)),
        JsonNode node => RewriteStrings(node, rewrite),
        _ => value,
    };

    /// <summary>
    /// A tool's result as the JSON the model will read, with its strings masked. Numbers and booleans stay as they
    /// are, so amounts, counts and flags reach the model untouched.
    /// </summary>
    private static JsonElement? MaskResult(PersonalDataMask mask, object? result) =>
        result is null ? null : ToElement(RewriteStrings(ToolJson.ToNode(result), mask.Mask));

    /// <summary>A copy of <paramref name="node"/> with every string value rewritten; names and other values kept.</summary>
    private static JsonNode? RewriteStrings(JsonNode? node, Func<string, string> rewrite) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(property => KeyValuePair.Create(property.Key, RewriteStrings(property.Value, rewrite)))),
        JsonArray array => new JsonArray([.. array.Select(item => RewriteStrings(item, rewrite))]),
        JsonValue value when value.GetValueKind() == JsonValueKind.String && value.TryGetValue<string>(out var text) => JsonValue.Create(rewrite(text)),
        _ => node?.DeepClone(),
    };

    private static JsonElement ToElement(JsonNode? node) =>
        JsonSerializer.SerializeToElement(node, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonNode)));
}
