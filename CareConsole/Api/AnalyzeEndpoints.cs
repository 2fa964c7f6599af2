using System.ComponentModel;
using CareConsole.Core.Conversations;
using CareConsole.Hosting;

namespace CareConsole.Api;

public static class AnalyzeEndpoints
{
    /// <param name="Sentiment">-1 (very negative) to 1 (very positive).</param>
    /// <param name="Label">"negative", "neutral" or "positive".</param>
    /// <param name="Language">"en" or "hi" (Hindi, in Devanagari or Latin letters).</param>
    /// <param name="Trackers">Names of the keyword trackers counting customers' messages that the text hits.</param>
    public sealed record Analysis(double Sentiment, string Label, string Language, IReadOnlyList<string> Trackers);

    /// <summary>
    /// <c>POST /api/analyze {"text"}</c>: what CareConsole reads in a message — sentiment, language and keyword
    /// trackers — without starting a conversation or storing anything. For integrations and checks.
    /// </summary>
    public static void MapAnalyzeEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/analyze", AnalyzeAsync).RequireRateLimiting(RateLimiting.Analyze)
            .WithTags("Analysis")
            .WithSummary("Read a message's sentiment, language and keyword trackers")
            .WithDescription("The message read as a conversation would read it; nothing is stored. Same 400 and 413 rules as a message.")
            .WithJsonBody<AnalyzeRequest>(required: true)
            .Produces<Analysis>()
            .WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status429TooManyRequests);

    /// <summary>The body of <c>POST /api/analyze</c>, for the API document; the endpoint reads it by hand.</summary>
    public sealed record AnalyzeRequest([property: Description("The text to read, 1 to 4,000 characters")] string Text);

    private static async Task<IResult> AnalyzeAsync(HttpRequest request, MessageAnalyzer analyzer, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBodies.ReadObjectAsync(request, optional: false, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        var (text, invalid) = JsonBodies.ReadMessageText(body!.Value);
        if (invalid is not null)
        {
            return invalid;
        }
        var analysis = analyzer.Analyze(text!);
        return TypedResults.Ok(new Analysis(analysis.Sentiment.Score, analysis.Sentiment.LabelName, analysis.Register.Code(),
            analysis.Trackers.Select(t => t.TrackerName).ToList()));
    }
}
