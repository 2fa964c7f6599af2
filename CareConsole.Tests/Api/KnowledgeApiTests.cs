using System.Net;
using System.Net.Http.Json;
using CareConsole.Tests.Infrastructure;

namespace CareConsole.Tests.Api;

public sealed class KnowledgeApiTests(DemoAppFixture app, TestDatabases databases) : IClassFixture<DemoAppFixture>
{
    private sealed record Result(string ArticleId, string Title, string Snippet, double Score, string Url);

    [Fact]
    public async Task Search_Question_ReturnsArticlesBestFirstWithSnippetAndUrl()
    {
        using var client = app.Factory.CreateClient();

        var results = await client.GetFromJsonAsync<List<Result>>("/api/knowledge/search?q=" + Uri.EscapeDataString("can i cancel after it shipped") + "&k=3",
            TestContext.Current.CancellationToken);

        Assert.NotNull(results);
        Assert.InRange(results.Count, 1, 3);
        Assert.Equal("cancel-after-shipping", results[0].ArticleId);
        Assert.Equal("/help/cancel-after-shipping", results[0].Url);
        Assert.False(string.IsNullOrWhiteSpace(results[0].Snippet));
        Assert.Equal(results.OrderByDescending(r => r.Score).Select(r => r.ArticleId), results.Select(r => r.ArticleId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?q=")]
    [InlineData("?q=%20%20")]
    [InlineData("?q=refund&k=0")]
    [InlineData("?q=refund&k=21")]
    [InlineData("?q=refund&k=five")]
    public async Task Search_BadQuery_Is400ProblemDetails(string query)
    {
        using var client = app.Factory.CreateClient();

        using var response = await client.GetAsync("/api/knowledge/search" + query, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Search_OverlongQuestion_Is400()
    {
        using var client = app.Factory.CreateClient();

        using var response = await client.GetAsync("/api/knowledge/search?q=" + new string('a', 501), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Search_ArticleEditedWhileRunning_AnswersChangeWithinFiveSecondsWithoutRestart()
    {
        using var folder = new TempFolder("kb-api");
        await File.WriteAllTextAsync(folder.Combine("pets.md"), Article("Pets", "Cats and dogs are welcome in our stores."), TestContext.Current.CancellationToken);
        await using var factory = await CareConsoleFactory.StartAsync(databases, demo: false,
            settings: new Dictionary<string, string> { ["Knowledge:Directory"] = folder.Path });
        using var client = factory.CreateClient();
        Assert.Empty(await SearchAsync(client, "parrot"));

        await File.WriteAllTextAsync(folder.Combine("pets.md"), Article("Pets", "Cats, dogs and parrots are welcome in our stores."), TestContext.Current.CancellationToken);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        List<Result> found = [];
        while (found.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            found = await SearchAsync(client, "parrot");
        }
        Assert.Equal("pets", Assert.Single(found).ArticleId);
    }

    private static async Task<List<Result>> SearchAsync(HttpClient client, string q) =>
        await client.GetFromJsonAsync<List<Result>>($"/api/knowledge/search?q={q}", TestContext.Current.CancellationToken) ?? [];

    private static string Article(string title, string body) =>
        $"---\ntitle: {title}\ncategory: Test\nlanguage: en\ntags: [test]\n---\n\n# {title}\n\n## {title}\n\n{body}\n";
}
