using System.Net;
using System.Text.Json;
using CareConsole.Tests.Infrastructure;

namespace CareConsole.Tests.Api;

public sealed class AnalyzeApiTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    private sealed record Analysis(double Sentiment, string Label, string Language, IReadOnlyList<string> Trackers);

    private async Task<HttpResponseMessage> PostAsync(string body)
    {
        using var client = app.Factory.CreateClient();
        return await client.PostAsync("/api/analyze", CustomerApi.Json(body), TestContext.Current.CancellationToken);
    }

    private async Task<Analysis> AnalyzeAsync(string text)
    {
        using var response = await PostAsync(JsonSerializer.Serialize(new { text }));
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize<Analysis>(body, JsonSerializerOptions.Web)!;
    }

    [Fact]
    public async Task Analyze_AngryHinglishAboutTheSale_IsNegativeHindiAndHitsTheSeededTrackers()
    {
        var analysis = await AnalyzeAsync("Great Indian Sale mein order kiya tha, abhi tak nahi aaya!! bakwas service");

        Assert.Equal("negative", analysis.Label);
        Assert.InRange(analysis.Sentiment, -1, -0.2);
        Assert.Equal("hi", analysis.Language);
        Assert.Equal(["Great Indian Sale", "Late delivery"], analysis.Trackers.Order());
    }

    [Fact]
    public async Task Analyze_ThanksInEnglish_IsPositiveWithNoTrackers()
    {
        var analysis = await AnalyzeAsync("Got my refund today, thank you so much for the help!");

        Assert.Equal(("positive", "en"), (analysis.Label, analysis.Language));
        Assert.True(analysis.Sentiment >= 0.2);
        Assert.Empty(analysis.Trackers);
    }

    [Fact]
    public async Task Analyze_PlainQuestionInDevanagari_IsNeutralHindi()
    {
        var analysis = await AnalyzeAsync("क्या मैं EMI पर फोन खरीद सकता हूँ?");

        Assert.Equal(("neutral", "hi"), (analysis.Label, analysis.Language));
    }

    [Fact]
    public async Task Analyze_StoresNothing()
    {
        var before = await DemoDatabase.CountAllMessagesAndHitsAsync(app.Factory, TestContext.Current.CancellationToken);

        await AnalyzeAsync("is the sale on? amazon has a better deal");

        Assert.Equal(before, await DemoDatabase.CountAllMessagesAndHitsAsync(app.Factory, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("", HttpStatusCode.BadRequest)]
    [InlineData("not json", HttpStatusCode.BadRequest)]
    [InlineData("[\"text\"]", HttpStatusCode.BadRequest)]
    [InlineData("{}", HttpStatusCode.BadRequest)]
    [InlineData("{\"text\": 42}", HttpStatusCode.BadRequest)]
    [InlineData("{\"text\": \"   \"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"text\": \"bad\\u0000byte\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"text\": \"\\ud800\"}", HttpStatusCode.BadRequest)]
    public async Task Analyze_BadBody_Is4xxProblemDetails(string body, HttpStatusCode expected)
    {
        using var response = await PostAsync(body);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Analyze_TextOverFourThousandCharacters_Is413()
    {
        using var response = await PostAsync(JsonSerializer.Serialize(new { text = new string('a', 4001) }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Analyze_BodyOverSixtyFourKilobytes_Is413Unread()
    {
        using var response = await PostAsync("{\"text\": \"" + new string('a', 70_000) + "\"}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Analyze_HostileText_ComesBackAsDataNotMarkup()
    {
        const string hostile = "<script>alert('sale')</script> '; DROP TABLE \"Messages\"; --";

        var analysis = await AnalyzeAsync(hostile);

        Assert.Contains("Great Indian Sale", analysis.Trackers);
        // Read as text, as any message is: the same judgement the model gives the words in process.
        Assert.Equal(CareConsole.Core.Sentiment.TrainedSentimentModel.Default.Score(hostile).LabelName, analysis.Label);
    }
}
