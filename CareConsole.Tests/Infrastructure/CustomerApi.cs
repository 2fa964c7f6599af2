using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CareConsole.Tests.Infrastructure;

/// <summary>One turn as the customer API answers it.</summary>
public sealed record TurnReply(
    string Reply,
    string Status,
    string Owner,
    string Phase,
    bool Verified,
    bool Escalated,
    string Language,
    IReadOnlyList<CitationReply> Citations,
    double? Sentiment = null,
    string? EscalationRule = null);

public sealed record CitationReply(string ArticleId, string Title, string Url);

/// <summary>A seeded customer as GET /api/demo/accounts lists them.</summary>
public sealed record DemoAccountReply(string Phone, string Name, string Pincode, string City, IReadOnlyList<DemoAccountOrderReply> Orders);

public sealed record DemoAccountOrderReply(string Id, string Status);

/// <summary>The customer API as a widget or integration calls it: plain HTTP, the conversation's bearer token.</summary>
public sealed class CustomerApi(HttpClient http)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>POST /api/conversations; fails the test unless it is 201.</summary>
    public async Task<CustomerChat> StartAsync(string? language = null)
    {
        using var response = await PostAsync("/api/conversations", null, Json(language is null ? "{}" : JsonSerializer.Serialize(new { language })));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return new CustomerChat(this, body.RootElement.GetProperty("id").GetGuid(), body.RootElement.GetProperty("token").GetString()!);
    }

    public async Task<IReadOnlyList<DemoAccountReply>> DemoAccountsAsync() =>
        await http.GetFromJsonAsync<List<DemoAccountReply>>("/api/demo/accounts", Ct) ?? [];

    public async Task<HttpResponseMessage> PostAsync(string path, string? token, HttpContent? content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await http.SendAsync(request, Ct);
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await http.SendAsync(request, Ct);
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

/// <summary>One conversation started through the API, with its token.</summary>
public sealed class CustomerChat(CustomerApi api, Guid id, string token)
{
    public Guid Id => id;
    public string Token => token;
    public string Path => $"/api/conversations/{id}";

    /// <summary>Sends a message and fails the test unless it is answered with 200.</summary>
    public async Task<TurnReply> SayAsync(string text)
    {
        using var response = await PostMessageAsync(JsonSerializer.Serialize(new { text }));
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<TurnReply>(body, JsonSerializerOptions.Web)!;
    }

    /// <summary>POST …/messages with this raw body, as this conversation (or with another token).</summary>
    public Task<HttpResponseMessage> PostMessageAsync(string body, string? asToken = null) =>
        api.PostAsync($"{Path}/messages", asToken ?? token, CustomerApi.Json(body));

    public Task<HttpResponseMessage> PostFeedbackAsync(string body) => api.PostAsync($"{Path}/feedback", token, CustomerApi.Json(body));

    public Task<HttpResponseMessage> GetTranscriptAsync() => api.GetAsync(Path, token);
}
