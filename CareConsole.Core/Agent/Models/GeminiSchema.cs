using System.Text.Json;
using System.Text.Json.Nodes;

namespace CareConsole.Core.Agent.Models;

/// <summary>
/// Turns the JSON Schema that <c>AIFunctionFactory</c> writes for a tool into the OpenAPI 3.0 subset Gemini accepts
/// for function parameters. Gemini rejects keywords it does not know (<c>$schema</c>, <c>additionalProperties</c>,
/// <c>default</c>, ...) and has no type unions, so a nullable type becomes one type with <c>nullable: true</c>.
/// </summary>
internal static class GeminiSchema
{
    /// <summary>The <c>parameters</c> of a function declaration, or null for a function that takes none.</summary>
    public static JsonObject? ToParameters(JsonElement schema)
    {
        var converted = Convert(schema);
        // Gemini refuses an OBJECT with no properties; a function without parameters simply has none declared.
        return converted["properties"] is JsonObject { Count: > 0 } ? converted : null;
    }

    private static JsonObject Convert(JsonElement schema)
    {
        var result = new JsonObject();
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        var nullable = false;
        if (schema.TryGetProperty("type", out var type))
        {
            var name = SingleType(type, ref nullable);
            if (name is not null)
            {
                result["type"] = name;
            }
        }
        else if (Alternative(schema, ref nullable) is { } alternative)
        {
            // anyOf [X, null] is how a nullable object or array is written; Gemini takes X with nullable.
            result = Convert(alternative);
        }

        if (schema.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String)
        {
            result["description"] = description.GetString();
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            // Gemini's enum is a list of strings only.
            var strings = new JsonArray();
            var allStrings = true;
            foreach (var value in values.EnumerateArray())
            {
                if (value.ValueKind == JsonValueKind.String)
                {
                    strings.Add(value.GetString());
                }
                else if (value.ValueKind == JsonValueKind.Null)
                {
                    nullable = true;
                }
                else
                {
                    allStrings = false;
                }
            }
            if (allStrings && strings.Count > 0)
            {
                result["type"] = "string";
                result["enum"] = strings;
            }
        }

        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            var converted = new JsonObject();
            foreach (var property in properties.EnumerateObject())
            {
                converted[property.Name] = Convert(property.Value);
            }
            if (converted.Count > 0)
            {
                result["properties"] = converted;
            }

            if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
            {
                var names = new JsonArray();
                foreach (var item in required.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && converted.ContainsKey(item.GetString()!))
                    {
                        names.Add(item.GetString());
                    }
                }
                if (names.Count > 0)
                {
                    result["required"] = names;
                }
            }
        }

        if (schema.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object)
        {
            result["items"] = Convert(items);
        }

        if (nullable || (schema.TryGetProperty("nullable", out var flag) && flag.ValueKind == JsonValueKind.True))
        {
            result["nullable"] = true;
        }
        return result;
    }

    /// <summary>One type name from <c>"type": "x"</c> or <c>"type": ["x", "null"]</c>.</summary>
    private static string? SingleType(JsonElement type, ref bool nullable)
    {
        if (type.ValueKind == JsonValueKind.String)
        {
            return type.GetString() == "null" ? null : type.GetString();
        }
        if (type.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        string? chosen = null;
        foreach (var item in type.EnumerateArray())
        {
            var name = item.GetString();
            if (name == "null")
            {
                nullable = true;
            }
            else
            {
                // A union of real types cannot be said in Gemini's schema; the first one is the declared one.
                chosen ??= name;
            }
        }
        return chosen;
    }

    /// <summary>The one non-null branch of an <c>anyOf</c> or <c>oneOf</c>, noting whether null was allowed.</summary>
    private static JsonElement? Alternative(JsonElement schema, ref bool nullable)
    {
        foreach (var keyword in (ReadOnlySpan<string>)["anyOf", "oneOf"])
        {
            if (!schema.TryGetProperty(keyword, out var branches) || branches.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            JsonElement? chosen = null;
            foreach (var branch in branches.EnumerateArray())
            {
                if (branch.ValueKind == JsonValueKind.Object && branch.TryGetProperty("type", out var type)
                    && type.ValueKind == JsonValueKind.String && type.GetString() == "null")
                {
                    nullable = true;
                }
                else
                {
                    chosen ??= branch;
                }
            }
            return chosen;
        }
        return null;
    }
}
