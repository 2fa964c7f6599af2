using System.Net;
using System.Text.Json;
using CareConsole.Tests.Infrastructure;

namespace CareConsole.Tests.Api;

/// <summary>
/// Every public endpoint under its limit, with small limits so a test reaches them: refusals are 429 problem
/// details with Retry-After, one client's flood leaves other clients alone, and a refused message stores nothing.
/// </summary>
public sealed class RateLimitTests(RateLimitTests.LimitedApp app) : IClassFixture<RateLimitTests.LimitedApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_PastTheLimit_Is429WithRetryAfterAndOtherClientsStillStart()
    {
        var flooder = new CustomerApi(app.Factory.CreateClient());
        for (var i = 0; i < 3; i++)
        {
            await flooder.StartAsync();
        }

        using var refused = await flooder.PostAsync("/api/conversations", null, CustomerApi.Json("{}"));
        var other = await new CustomerApi(app.Factory.CreateClient()).StartAsync();

        await AssertTooManyAsync(refused);
        Assert.NotEqual(Guid.Empty, other.Id);
    }

    [Fact]
    public async Task Messages_PastTheLimitOfAConversation_Are429AndStoreNothing()
    {
        var chat = await new CustomerApi(app.Factory.CreateClient()).StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await chat.SayAsync($"hello {i}");
        }
        var before = await DemoDatabase.MessageCountAsync(app.Factory, chat.Id, Ct);

        using var refused = await chat.PostMessageAsync(JsonSerializer.Serialize(new { text = "one more" }));

        await AssertTooManyAsync(refused);
        Assert.Equal(before, await DemoDatabase.MessageCountAsync(app.Factory, chat.Id, Ct));
    }

    [Fact]
    public async Task Messages_PastTheLimitOfAClient_Are429InANewConversationToo()
    {
        var api = new CustomerApi(app.Factory.CreateClient());
        var first = await api.StartAsync();
        var second = await api.StartAsync();
        var third = await api.StartAsync();
        foreach (var chat in new[] { first, first, second, second, third })
        {
            await chat.SayAsync("hello");
        }

        using var refused = await third.PostMessageAsync(JsonSerializer.Serialize(new { text = "hello again" }));

        await AssertTooManyAsync(refused);
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("search")]
    [InlineData("transcript")]
    [InlineData("feedback")]
    [InlineData("health")]
    public async Task Endpoint_PastItsLimit_Is429ProblemWithRetryAfter(string endpoint)
    {
        var api = new CustomerApi(app.Factory.CreateClient());
        var chat = endpoint is "transcript" or "feedback" ? await api.StartAsync() : null;
        Func<Task<HttpResponseMessage>> call = endpoint switch
        {
            "analyze" => () => api.PostAsync("/api/analyze", null, CustomerApi.Json("{\"text\":\"where is my order\"}")),
            "search" => () => api.GetAsync("/api/knowledge/search?q=refund", null),
            "transcript" => () => chat!.GetTranscriptAsync(),
            "feedback" => () => chat!.PostFeedbackAsync("{\"rating\":5}"),
            _ => () => api.GetAsync("/health", null),
        };
        var allowed = endpoint == "feedback" ? 2 : 3;
        for (var i = 0; i < allowed; i++)
        {
            using var ok = await call();
            Assert.True(ok.IsSuccessStatusCode, $"{endpoint} #{i + 1}: {(int)ok.StatusCode}");
        }

        using var refused = await call();

        await AssertTooManyAsync(refused);
    }

    [Fact]
    public async Task Reports_PastTheLimit_Are429WithRetryAfter_GuessedTokensIncluded()
    {
        var manager = await app.Factory.AddStaffAsync(CareConsole.Core.Staff.StaffRoles.Manager, "Manager Limited");
        using var api = app.Factory.CreateClientWithToken(await app.Factory.CreateTokenAsync(manager.Email));
        using var guesser = app.Factory.CreateClientWithToken("ccpat_" + new string('A', 43));
        for (var i = 0; i < 3; i++)
        {
            using var ok = await api.GetAsync("/api/reports/definitions", Ct);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            using var guessed = await guesser.GetAsync("/api/reports/definitions", Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, guessed.StatusCode);
        }

        using var refused = await api.GetAsync("/api/reports/definitions", Ct);
        using var guessedAgain = await guesser.GetAsync("/api/reports/definitions", Ct);

        await AssertTooManyAsync(refused);
        await AssertTooManyAsync(guessedAgain);
    }

    [Fact]
    public async Task StaffSignIn_PostsPastTheLimit_Are429ButTheFormStillShows()
    {
        using var client = app.Factory.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            using var post = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent([]), Ct);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, post.StatusCode);
        }

        using var refused = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent([]), Ct);
        using var form = await client.GetAsync("/account/sign-in", Ct);

        await AssertTooManyAsync(refused);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var seconds = response.Headers.RetryAfter?.Delta?.TotalSeconds;
        Assert.True(seconds >= 1, $"Retry-After: {response.Headers.RetryAfter}");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("Try again", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The app with limits small enough for a test to reach.</summary>
    public sealed class LimitedApp(TestDatabases databases) : IAsyncLifetime
    {
        public CareConsoleFactory Factory { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Factory = await CareConsoleFactory.StartAsync(databases, demo: false, settings: new Dictionary<string, string>
        {
            ["RateLimits:StartConversation:PermitLimit"] = "3",
            ["RateLimits:Message:PermitLimit"] = "3",
            ["RateLimits:MessagePerClient:PermitLimit"] = "5",
            ["RateLimits:Feedback:PermitLimit"] = "2",
            ["RateLimits:Transcript:PermitLimit"] = "3",
            ["RateLimits:Analyze:PermitLimit"] = "3",
            ["RateLimits:KnowledgeSearch:PermitLimit"] = "3",
            ["RateLimits:Reports:PermitLimit"] = "3",
            ["RateLimits:StaffSignIn:PermitLimit"] = "2",
            ["RateLimits:Other:PermitLimit"] = "3",
        });

        public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
    }
}
