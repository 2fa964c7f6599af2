using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using CareConsole.Core.Clients;
using CareConsole.Core.Conversations;
using CareConsole.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareConsole.Api;

/// <summary>
/// The customer API: start a conversation, send messages, read the transcript, rate it. A conversation's token
/// (Authorization: Bearer) opens that conversation only. Every refusal is problem-details JSON with a 4xx code;
/// a refused message stores nothing.
/// </summary>
public static class ConversationEndpoints
{
    private const int MaxCommentLength = 2000;

    public static void MapConversationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var conversations = endpoints.MapGroup("/api/conversations").WithTags("Conversations");
        conversations.MapPost("", StartAsync).RequireRateLimiting(RateLimiting.StartConversation)
            .WithSummary("Start a conversation")
            .WithDescription("Answers with the conversation's id, the token that opens it (and only it) and the AI's greeting. The body is optional.")
            .WithJsonBody<StartRequest>(required: false)
            .Produces<StartResponse>(StatusCodes.Status201Created)
            .WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);
        conversations.MapPost("/{id:guid}/messages", SendAsync).RequireRateLimiting(RateLimiting.Message)
            .WithSummary("Send the customer's message and get the reply")
            .WithDescription("One turn: the reply (empty while a person owns the conversation), and where the conversation stands. A refused message stores nothing.")
            .RequiresTokenInDocument(ApiDocument.ConversationTokenScheme)
            .WithJsonBody<MessageRequest>(required: true)
            .Produces<TurnResponse>()
            .WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
                StatusCodes.Status413PayloadTooLarge, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);
        conversations.MapPost("/{id:guid}/feedback", RateAsync).RequireRateLimiting(RateLimiting.Feedback)
            .WithSummary("Rate the conversation")
            .WithDescription("A rating from 1 to 5 and an optional comment; a later rating replaces an earlier one.")
            .RequiresTokenInDocument(ApiDocument.ConversationTokenScheme)
            .WithJsonBody<FeedbackRequest>(required: true)
            .Produces(StatusCodes.Status204NoContent)
            .WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound,
                StatusCodes.Status413PayloadTooLarge, StatusCodes.Status429TooManyRequests);
        conversations.MapGet("/{id:guid}", GetAsync).RequireRateLimiting(RateLimiting.Transcript)
            .WithSummary("Read the transcript")
            .WithDescription("The messages the customer sees; never staff notes or tool calls.")
            .RequiresTokenInDocument(ApiDocument.ConversationTokenScheme)
            .Produces<TranscriptResponse>()
            .WithProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests);
    }

    /// <summary>The body of <c>POST /api/conversations</c>, for the API document; the endpoint reads it by hand.</summary>
    public sealed record StartRequest(
        [property: Description("auto (the default), en or hi")] string? Language = null,
        [property: Description("web, api (the default) or voice")] string? Channel = null);

    /// <summary>The body of <c>POST /api/conversations/{id}/messages</c>, for the API document.</summary>
    public sealed record MessageRequest([property: Description("The customer's message, 1 to 4,000 characters")] string Text);

    /// <summary>The body of <c>POST /api/conversations/{id}/feedback</c>, for the API document.</summary>
    public sealed record FeedbackRequest(
        [property: Description("1 to 5")] int Rating,
        [property: Description("At most 2,000 characters")] string? Comment = null);

    /// <summary>A turn as the API reports it.</summary>
    /// <param name="Sentiment">The score of the customer's message, -1 to 1.</param>
    /// <param name="EscalationRule">The rule that handed the conversation to a person; only while a person has it.</param>
    public sealed record TurnResponse(
        string Reply,
        ConversationStatus Status,
        ConversationOwner Owner,
        ConversationPhase Phase,
        bool Verified,
        bool Escalated,
        string Language,
        IReadOnlyList<CitationResponse> Citations,
        double? Sentiment,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EscalationReason? EscalationRule)
    {
        public static TurnResponse From(TurnResult turn) =>
            new(turn.Reply, turn.Status, turn.Owner, turn.Phase, turn.Verified, turn.Escalated, turn.Register.Code(),
                turn.Citations.Select(c => new CitationResponse(c.ArticleId, c.Title, c.Url)).ToList(), turn.Sentiment, turn.EscalationRule);
    }

    public sealed record StartResponse(
        Guid Id,
        string Token,
        string Reply,
        ConversationStatus Status,
        ConversationOwner Owner,
        ConversationPhase Phase,
        bool Verified,
        bool Escalated,
        string Language,
        IReadOnlyList<CitationResponse> Citations);

    public sealed record CitationResponse(string ArticleId, string Title, string Url);

    public sealed record TranscriptResponse(Guid Id, ConversationStatus Status, ConversationOwner Owner, ConversationPhase Phase, IReadOnlyList<TranscriptMessageResponse> Messages);

    public sealed record TranscriptMessageResponse(Author Author, string Text, DateTimeOffset CreatedAt);

    private static async Task<IResult> StartAsync(HttpRequest request, ConversationService conversations, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBodies.ReadObjectAsync(request, optional: true, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var preference = LanguagePreference.Auto;
        var channel = Channel.Api;
        if (body is { } json)
        {
            if (json.TryGetProperty("language", out var language))
            {
                if (ParseLanguage(language) is not { } parsed)
                {
                    return ApiProblems.BadRequest("\"language\" must be \"auto\", \"en\" or \"hi\".");
                }
                preference = parsed;
            }
            if (json.TryGetProperty("channel", out var channelValue))
            {
                if (ParseChannel(channelValue) is not { } parsed)
                {
                    return ApiProblems.BadRequest("\"channel\" must be \"web\", \"api\" or \"voice\".");
                }
                channel = parsed;
            }
        }

        var started = await conversations.StartAsync(channel, preference, cancellationToken);
        var turn = TurnResponse.From(started.Greeting);
        return TypedResults.Created($"/api/conversations/{started.Id}", new StartResponse(
            started.Id, started.Token, turn.Reply, turn.Status, turn.Owner, turn.Phase, turn.Verified, turn.Escalated, turn.Language, turn.Citations));
    }

    private static async Task<IResult> SendAsync(Guid id, HttpRequest request, ConversationService conversations, CancellationToken cancellationToken)
    {
        var (body, error) = await ReadAuthorizedJsonAsync(id, request, conversations, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        var (text, invalid) = JsonBodies.ReadMessageText(body!.Value);
        if (invalid is not null)
        {
            return invalid;
        }

        try
        {
            var client = ClientKey.From(request.HttpContext.Connection.RemoteIpAddress);
            return TypedResults.Ok(TurnResponse.From(await conversations.SendAsync(id, text!, client, cancellationToken)));
        }
        catch (ConversationEndedException)
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, "Conversation ended", "This conversation has ended; start a new one.");
        }
        catch (ConversationNotFoundException)
        {
            return NotFound();
        }
    }

    private static async Task<IResult> RateAsync(Guid id, HttpRequest request, ConversationService conversations, CancellationToken cancellationToken)
    {
        var (body, error) = await ReadAuthorizedJsonAsync(id, request, conversations, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        if (!body!.Value.TryGetProperty("rating", out var ratingValue) || ratingValue.ValueKind != JsonValueKind.Number
            || !ratingValue.TryGetInt32(out var rating) || rating is < 1 or > 5)
        {
            return ApiProblems.BadRequest("\"rating\" must be a whole number from 1 to 5.");
        }
        string? comment = null;
        if (body.Value.TryGetProperty("comment", out var commentValue) && commentValue.ValueKind != JsonValueKind.Null)
        {
            if (commentValue.ValueKind != JsonValueKind.String)
            {
                return ApiProblems.BadRequest("\"comment\" must be a string.");
            }
            comment = JsonBodies.ReadText(commentValue);
            if (comment is null)
            {
                return ApiProblems.BadRequest("\"comment\" has characters that are not text (control characters or broken Unicode).");
            }
            if (comment.Length > MaxCommentLength)
            {
                return ApiProblems.BadRequest($"\"comment\" may be at most {MaxCommentLength} characters.");
            }
        }

        await conversations.RateAsync(id, rating, comment, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> GetAsync(Guid id, HttpRequest request, ConversationService conversations, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(id, request, conversations, cancellationToken) is { } denied)
        {
            return denied;
        }
        var transcript = await conversations.GetTranscriptAsync(id, cancellationToken);
        return transcript is null
            ? NotFound()
            : TypedResults.Ok(new TranscriptResponse(transcript.Id, transcript.Status, transcript.Owner, transcript.Phase,
                transcript.Messages.Select(m => new TranscriptMessageResponse(m.Author, m.Text, m.CreatedAt)).ToList()));
    }

    /// <summary>401 without a bearer token; 404 when the token does not open this conversation (or it does not exist).</summary>
    private static async Task<IResult?> AuthorizeAsync(Guid id, HttpRequest request, ConversationService conversations, CancellationToken cancellationToken)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Token required", "Send the conversation's token as 'Authorization: Bearer <token>'.");
        }
        // Wrong token and unknown id answer alike, so a token cannot be used to probe for other conversations.
        return await conversations.IsAuthorizedAsync(id, header["Bearer ".Length..].Trim(), cancellationToken) ? null : NotFound();
    }

    /// <summary>For calls that change a conversation: the token first (401/404), then the body (400/413).</summary>
    private static async Task<(JsonElement? Body, IResult? Error)> ReadAuthorizedJsonAsync(
        Guid id, HttpRequest request, ConversationService conversations, CancellationToken cancellationToken) =>
        await AuthorizeAsync(id, request, conversations, cancellationToken) is { } denied
            ? (null, denied)
            : await JsonBodies.ReadObjectAsync(request, optional: false, cancellationToken);

    // Only the documented spellings: ReadText also turns broken UTF-8 into a plain refusal instead of an exception.
    private static LanguagePreference? ParseLanguage(JsonElement value) =>
        value.ValueKind != JsonValueKind.String ? null : JsonBodies.ReadText(value) switch
        {
            "auto" => LanguagePreference.Auto,
            "en" => LanguagePreference.English,
            "hi" => LanguagePreference.Hindi,
            _ => null,
        };

    private static Channel? ParseChannel(JsonElement value) =>
        value.ValueKind != JsonValueKind.String ? null : JsonBodies.ReadText(value) switch
        {
            "web" => Channel.Web,
            "api" => Channel.Api,
            "voice" => Channel.Voice,
            _ => null,
        };

    private static ProblemHttpResult NotFound() => ApiProblems.Problem(StatusCodes.Status404NotFound, "Not found", "No conversation with this id opens with this token.");
}
