using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace CareConsole.Core.Agent.Models;

/// <summary>Moves tool-call arguments and tool results between .NET values and the JSON the providers exchange.</summary>
internal static class ToolJson
{
    /// <summary>
    /// Arguments for a <see cref="FunctionCallContent"/> from the JSON object a model sent. Values stay
    /// <see cref="JsonElement"/>s, which <see cref="AIFunction"/> binds to its parameters itself.
    /// </summary>
    public static Dictionary<string, object?> ToArguments(JsonElement arguments)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in arguments.EnumerateObject())
        {
            result[property.Name] = property.Value.Clone();
        }
        return result;
    }

    /// <summary>The arguments of a call as a JSON object, for replaying the call to the model.</summary>
    public static JsonObject FromArguments(IDictionary<string, object?>? arguments)
    {
        var result = new JsonObject();
        foreach (var (name, value) in arguments ?? new Dictionary<string, object?>())
        {
            result[name] = ToNode(value);
        }
        return result;
    }

    /// <summary>A tool's outcome as JSON: its result, or what went wrong when it threw.</summary>
    public static JsonNode? ResultNode(FunctionResultContent result)
    {
        if (result.Result is null && result.Exception is not null)
        {
            return new JsonObject { ["error"] = result.Exception.Message };
        }
        return ToNode(result.Result);
    }

    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        _ => JsonSerializer.SerializeToNode(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType())),
    };
}
