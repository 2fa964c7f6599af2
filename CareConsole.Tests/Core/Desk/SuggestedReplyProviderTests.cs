using System.Text.Json.Nodes;
using CareConsole.Core.Agent;
using CareConsole.Core.Conversations;
using CareConsole.Core.Desk;
using CareConsole.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Core.Desk;

/// <summary>
/// The suggested reply as configured: the app's desk asks the provider in its settings (an OpenAI-compatible server,
/// here a local stub speaking the documented wire format) and hands back what that model wrote.
/// </summary>
public sealed class SuggestedReplyProviderTests(TestDatabases databases)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Suggest_WithAnOpenAICompatibleProvider_SendsTheDraftBriefAndReadOnlyTools_AndReturnsItsText()
    {
        const string Draft = "Card refunds reach you 5–7 working days after approval. More in our help article “Refund timelines”.";
        await using var stub = await ProviderStub.StartAsync(Ct);
        stub.Reply(Completion("""{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"search_knowledge","arguments":"{\"query\":\"credit card refund time\"}"}}]}""", "tool_calls"))
            .Reply(Completion(new JsonObject { ["role"] = "assistant", ["content"] = Draft }.ToJsonString(), "stop"));
        await using var app = await CareConsoleFactory.StartAsync(databases, settings: new Dictionary<string, string>
        {
            ["Ai:Provider"] = "OpenAI",
            ["Ai:OpenAI:BaseUrl"] = new Uri(stub.Address, "v1").ToString(),
            ["Ai:OpenAI:Model"] = "support-model",
        });
        var conversations = app.Services.GetRequiredService<ConversationService>();
        var desk = app.Services.GetRequiredService<DeskService>();
        var agent = new DeskAgent("agent-asha", "Asha Verma");
        var id = (await conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;
        // A request for a person is caught before any model, and a taken-over chat gets no AI answer: the stub
        // hears only the draft.
        await conversations.SendAsync(id, "I want to talk to a human", TestClients.Next(), Ct);
        await desk.TakeOverAsync(id, agent, Ct);
        await conversations.SendAsync(id, "how long does a refund to my credit card take?", TestClients.Next(), Ct);

        var suggestion = await desk.SuggestReplyAsync(id, agent, Ct);

        Assert.Equal(Draft, suggestion.Text);
        Assert.Equal("OpenAI", suggestion.Provider);
        Assert.Equal(2, stub.Requests.Count);
        var first = stub.Requests[0].Json;
        Assert.Equal("support-model", (string)first["model"]!);
        Assert.Contains("drafting a reply for a member of MelaMart's support team", (string)first["messages"]![0]!["content"]!, StringComparison.Ordinal);
        var tools = first["tools"]!.AsArray().Select(t => (string)t!["function"]!["name"]!).ToList();
        Assert.Subset(ToolOffer.DraftTools.ToHashSet(), tools.ToHashSet());
        Assert.Contains("search_knowledge", tools);
        // The help centre's answer went back to the model as the tool's result.
        var toolResult = stub.Requests[1].Json["messages"]!.AsArray().Last(m => (string)m!["role"]! == "tool")!;
        Assert.Contains("/help/", (string)toolResult["content"]!, StringComparison.Ordinal);
        Assert.Single(suggestion.Sources);
    }

    private static string Completion(string message, string finishReason) => $$"""
        {
          "id": "chatcmpl-draft",
          "object": "chat.completion",
          "created": 1767225600,
          "model": "support-model",
          "choices": [{"index": 0, "message": {{message}}, "finish_reason": "{{finishReason}}"}]
        }
        """;
}
