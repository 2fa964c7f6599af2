using System.Text.Json;
using System.Text.Json.Nodes;
using CareConsole.Core.Agent.Models;

namespace CareConsole.Tests.Core.Agent.Models;

public sealed class GeminiSchemaTests
{
    [Fact]
    public void ToParameters_FullJsonSchema_KeepsOnlyWhatGeminiAccepts()
    {
        using var schema = JsonDocument.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "additionalProperties": false,
              "properties": {
                "reason": {"type": "string", "enum": ["damaged", "late", "wrong_item"], "description": "Why."},
                "items": {"type": "array", "items": {"type": ["integer", "null"], "minimum": 1}},
                "address": {
                  "anyOf": [
                    {"type": "object", "properties": {"pincode": {"type": "string", "pattern": "^[0-9]{6}$"}}, "required": ["pincode"]},
                    {"type": "null"}
                  ]
                },
                "note": {"type": "string", "default": "none", "title": "Note"}
              },
              "required": ["reason", "ghost"]
            }
            """);

        var parameters = GeminiSchema.ToParameters(schema.RootElement);

        var expected = JsonNode.Parse("""
            {
              "type": "object",
              "properties": {
                "reason": {"type": "string", "description": "Why.", "enum": ["damaged", "late", "wrong_item"]},
                "items": {"type": "array", "items": {"type": "integer", "nullable": true}},
                "address": {"type": "object", "properties": {"pincode": {"type": "string"}}, "required": ["pincode"], "nullable": true},
                "note": {"type": "string"}
              },
              "required": ["reason"]
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, parameters), parameters?.ToJsonString());
    }

    [Fact]
    public void ToParameters_NoProperties_IsLeftOut()
    {
        using var schema = JsonDocument.Parse("""{"type": "object", "properties": {}}""");

        Assert.Null(GeminiSchema.ToParameters(schema.RootElement));
    }
}
