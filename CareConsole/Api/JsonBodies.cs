using System.IO.Pipelines;
using System.Text.Json;
using CareConsole.Core.Conversations;
using CareConsole.Core.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace CareConsole.Api;

/// <summary>
/// Reading JSON request bodies the same careful way on every endpoint: bounded in size before parsing, an object or
/// a clear 400, and text refused when it is not text a person wrote.
/// </summary>
internal static class JsonBodies
{
    // Room for 4,000 characters even when every one is JSON-escaped (\uXXXX); anything bigger is refused unread.
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The body as a JSON object, or the problem to answer with: 413 when too big, 400 when not a JSON object.</summary>
    public static async Task<(JsonElement? Body, IResult? Error)> ReadObjectAsync(HttpRequest request, bool optional, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }
        // Straight from Kestrel's buffers: no copy of the body unless it arrives in pieces.
        var reader = request.BodyReader;
        ReadResult read;
        while (true)
        {
            read = await reader.ReadAsync(cancellationToken);
            if (read.Buffer.Length > MaxBodyBytes)
            {
                reader.AdvanceTo(read.Buffer.End);
                return (null, TooLarge());
            }
            if (read.IsCompleted || read.IsCanceled)
            {
                break;
            }
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
        try
        {
            if (read.Buffer.IsEmpty)
            {
                return optional ? (null, null) : (null, ApiProblems.BadRequest("A JSON body is required."));
            }
            using var document = JsonDocument.Parse(read.Buffer);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement.Clone(), null)
                : (null, ApiProblems.BadRequest("The body must be a JSON object."));
        }
        catch (JsonException e)
        {
            return (null, ApiProblems.BadRequest($"The body is not valid JSON: {e.Message}"));
        }
        finally
        {
            reader.AdvanceTo(read.Buffer.End);
        }
    }

    /// <summary>
    /// The body's "text" as a customer message (1 to <see cref="ConversationService.MaxMessageLength"/> characters of
    /// real text), or the problem: 400 when missing, not a string, empty or not text; 413 when too long.
    /// </summary>
    public static (string? Text, IResult? Error) ReadMessageText(JsonElement body)
    {
        if (!body.TryGetProperty("text", out var value) || value.ValueKind != JsonValueKind.String)
        {
            return (null, ApiProblems.BadRequest("\"text\" is required and must be a string."));
        }
        if (ReadText(value) is not { } text)
        {
            return (null, ApiProblems.BadRequest("\"text\" has characters that are not text (control characters or broken Unicode)."));
        }
        if (text.Length > ConversationService.MaxMessageLength)
        {
            return (null, ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Message too long",
                $"A message may be at most {ConversationService.MaxMessageLength} characters."));
        }
        // Zero-width characters and byte-order marks alone are as empty as spaces: nobody could read the message.
        return SafeText.IsBlank(text) ? (null, ApiProblems.BadRequest("\"text\" is empty.")) : (text, null);
    }

    /// <summary>
    /// A JSON string as text a person wrote, or null: half a surrogate pair, invalid UTF-8 or control characters
    /// (other than tab and line breaks) are refused here rather than stored (PostgreSQL rejects NUL outright).
    /// </summary>
    public static string? ReadText(JsonElement value)
    {
        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        return text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) ? null : text;
    }

    /// <summary>
    /// Describes, in the API document, the JSON body an endpoint reads by hand. Not an <c>Accepts</c> declaration:
    /// that would also make routing refuse requests by their Content-Type, before the endpoint's own clearer 400.
    /// </summary>
    public static RouteHandlerBuilder WithJsonBody<T>(this RouteHandlerBuilder builder, bool required) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = required,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken) },
                },
            });

    private static ProblemHttpResult TooLarge() =>
        ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"Request bodies may be at most {MaxBodyBytes / 1024} KB.");
}

/// <summary>Problem-details answers, titled the same way across the API.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Invalid request", detail);

    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    /// <summary>Declares, for the API document, the refusals an endpoint can answer with, all problem details.</summary>
    public static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }
        return builder;
    }
}
