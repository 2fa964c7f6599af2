using System.Text.Json.Nodes;
using CareConsole.Core.Agent.Models;
using CareConsole.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace CareConsole.Tests.Core.Agent.Models;

public sealed class OpenAIChatClientTests
{
    private const string ApiKey = "sk-test-secret-123";

    private const string TextReply = """
        {
          "id": "chatcmpl-123",
          "object": "chat.completion",
          "created": 1767225600,
          "model": "gpt-4o-mini-2024-07-18",
          "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": "Could you share your order number?", "refusal": null},
            "logprobs": null,
            "finish_reason": "stop"
          }],
          "usage": {"prompt_tokens": 42, "completion_tokens": 8, "total_tokens": 50}
        }
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponse_PlainText_SendsMessagesAndSettingsAndReadsTheReply()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(TextReply);
        using var http = ProviderStub.CreateClient();

        var response = await Client(stub, http).GetResponseAsync(
            [
                new ChatMessage(ChatRole.System, "You are the CareConsole assistant."),
                new ChatMessage(ChatRole.User, "Hi"),
                new ChatMessage(ChatRole.Assistant, "Hello! How can I help?"),
                new ChatMessage(ChatRole.User, "Where is my order?"),
            ],
            new ChatOptions { Instructions = "Answer in one sentence.", Temperature = 0.5f, MaxOutputTokens = 256, TopP = 0.75f },
            Token);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {ApiKey}", request.Header("Authorization"));
        var body = request.Json;
        Assert.Equal("gpt-4o-mini", (string)body["model"]!);
        var messages = body["messages"]!.AsArray();
        Assert.Equal(["system", "system", "user", "assistant", "user"], messages.Select(m => (string)m!["role"]!));
        Assert.Equal(
            ["Answer in one sentence.", "You are the CareConsole assistant.", "Hi", "Hello! How can I help?", "Where is my order?"],
            messages.Select(m => (string)m!["content"]!));
        Assert.Equal(0.5, (double)body["temperature"]!);
        // The SDK writes the current name of the output cap; the deprecated max_tokens is not sent beside it.
        Assert.Equal(256, (int)body["max_completion_tokens"]!);
        Assert.False(body.AsObject().ContainsKey("max_tokens"));
        Assert.Equal(0.75, (double)body["top_p"]!);
        Assert.Null(body["tools"]);
        Assert.Null(body["tool_choice"]);
        Assert.Null(body["stream"]);

        Assert.Equal("Could you share your order number?", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(42, response.Usage?.InputTokenCount);
        Assert.Equal(8, response.Usage?.OutputTokenCount);
        Assert.Equal(50, response.Usage?.TotalTokenCount);
        Assert.Equal("gpt-4o-mini-2024-07-18", response.ModelId);
        Assert.Equal("chatcmpl-123", response.ResponseId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767225600), response.CreatedAt);
    }

    [Fact]
    public async Task GetResponse_LocalServerWithoutKey_SendsNoAuthorizationAndTheOptionsModel()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(TextReply);
        using var http = ProviderStub.CreateClient();
        var client = new OpenAIChatClient(http, new OpenAISettings(new Uri(stub.Address, "v1").ToString(), null, "qwen2.5:7b"));

        await client.GetResponseAsync("Hi", new ChatOptions { ModelId = "llama3.1:8b" }, Token);

        var request = Assert.Single(stub.Requests);
        Assert.Null(request.Header("Authorization"));
        Assert.Equal("llama3.1:8b", (string)request.Json["model"]!);
    }

    [Fact]
    public async Task GetResponse_ToolCallRoundTrip_DeclaresToolsAndSendsTheCallAndItsResultBack()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply("""
            {
              "id": "chatcmpl-456",
              "object": "chat.completion",
              "created": 1767225600,
              "model": "gpt-4o-mini-2024-07-18",
              "choices": [{
                "index": 0,
                "message": {
                  "role": "assistant",
                  "content": null,
                  "tool_calls": [{
                    "id": "call_abc123",
                    "type": "function",
                    "function": {"name": "find_account", "arguments": "{\"phone\":\"9876543210\"}"}
                  }]
                },
                "finish_reason": "tool_calls"
              }],
              "usage": {"prompt_tokens": 120, "completion_tokens": 18, "total_tokens": 138}
            }
            """)
            .Reply("""
            {
              "id": "chatcmpl-789",
              "object": "chat.completion",
              "created": 1767225601,
              "model": "gpt-4o-mini-2024-07-18",
              "choices": [{
                "index": 0,
                "message": {"role": "assistant", "content": "I found your account, Asha. What can I do for you?"},
                "finish_reason": "stop"
              }],
              "usage": {"prompt_tokens": 160, "completion_tokens": 14, "total_tokens": 174}
            }
            """);
        using var http = ProviderStub.CreateClient();
        var client = Client(stub, http);
        var options = new ChatOptions { Tools = [AdapterTestTools.FindAccount, AdapterTestTools.TrackOrder], ToolMode = ChatToolMode.Auto };
        List<ChatMessage> conversation = [new(ChatRole.User, "My number is 9876543210")];

        var first = await client.GetResponseAsync(conversation, options, Token);

        var declared = stub.Requests[0].Json;
        var tools = declared["tools"]!.AsArray();
        Assert.All(tools, t => Assert.Equal("function", (string)t!["type"]!));
        Assert.Equal(["find_account", "track_order"], tools.Select(t => (string)t!["function"]!["name"]!));
        var findAccount = tools[0]!["function"]!;
        Assert.Equal("Finds the customer account registered to a mobile number.", (string)findAccount["description"]!);
        var parameters = findAccount["parameters"]!;
        Assert.Equal("object", (string)parameters["type"]!);
        Assert.Equal("string", (string)parameters["properties"]!["phone"]!["type"]!);
        Assert.Equal("The customer's 10-digit mobile number.", (string)parameters["properties"]!["phone"]!["description"]!);
        Assert.Equal(["phone"], parameters["required"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("auto", (string)declared["tool_choice"]!);

        var call = Assert.IsType<FunctionCallContent>(Assert.Single(first.Messages.SelectMany(m => m.Contents)));
        Assert.Equal("call_abc123", call.CallId);
        Assert.Equal("find_account", call.Name);
        Assert.Equal(AdapterTestTools.Phone, call.Arguments!["phone"]?.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);

        var result = await AdapterTestTools.FindAccount.InvokeAsync(new AIFunctionArguments(call.Arguments), Token);
        conversation.AddMessages(first);
        conversation.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
        var second = await client.GetResponseAsync(conversation, options, Token);

        var messages = stub.Requests[1].Json["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "tool"], messages.Select(m => (string)m!["role"]!));
        var assistant = messages[1]!;
        Assert.Null(assistant["content"]);
        var toolCall = Assert.Single(assistant["tool_calls"]!.AsArray())!;
        Assert.Equal("call_abc123", (string)toolCall["id"]!);
        Assert.Equal("function", (string)toolCall["type"]!);
        Assert.Equal("find_account", (string)toolCall["function"]!["name"]!);
        var arguments = Assert.IsAssignableFrom<JsonValue>(toolCall["function"]!["arguments"]).GetValue<string>();
        Assert.Equal(AdapterTestTools.Phone, (string)JsonNode.Parse(arguments)!["phone"]!);
        var toolMessage = messages[2]!;
        Assert.Equal("call_abc123", (string)toolMessage["tool_call_id"]!);
        var toolContent = JsonNode.Parse((string)toolMessage["content"]!)!;
        Assert.Equal("C-1001", (string)toolContent["customerId"]!);
        Assert.Equal("Asha Verma", (string)toolContent["name"]!);

        Assert.Equal("I found your account, Asha. What can I do for you?", second.Text);
        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
    }

    [Fact]
    public async Task GetResponse_RequiredFunction_AsksForThatFunctionAndSendsATextResultAsIs()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply("""
            {"id": "chatcmpl-1", "model": "gpt-4o-mini", "choices": [{"index": 0, "message": {"role": "assistant", "content": null,
              "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "track_order", "arguments": "{\"orderNumber\":\"ORD-10042\"}"}}]},
              "finish_reason": "tool_calls"}]}
            """)
            .Reply(TextReply);
        using var http = ProviderStub.CreateClient();
        var client = Client(stub, http);
        var options = new ChatOptions { Tools = [AdapterTestTools.TrackOrder], ToolMode = ChatToolMode.RequireSpecific("track_order") };
        List<ChatMessage> conversation = [new(ChatRole.User, "Where is ORD-10042?")];

        var first = await client.GetResponseAsync(conversation, options, Token);
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(first.Messages.SelectMany(m => m.Contents)));
        var result = await AdapterTestTools.TrackOrder.InvokeAsync(new AIFunctionArguments(call.Arguments), Token);
        conversation.AddMessages(first);
        conversation.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
        await client.GetResponseAsync(conversation, options, Token);

        var choice = stub.Requests[0].Json["tool_choice"]!;
        Assert.Equal("function", (string)choice["type"]!);
        Assert.Equal("track_order", (string)choice["function"]!["name"]!);
        var toolMessage = stub.Requests[1].Json["messages"]![2]!;
        Assert.Equal("ORD-10042 is out for delivery.", (string)toolMessage["content"]!);
    }

    [Fact]
    public async Task GetStreamingResponse_PlainText_AsksForAStreamAndYieldsTheReplyAsItComes()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(
            Stream(
                """{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1767225600,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""",
                """{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1767225600,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"content":"Could you share "},"finish_reason":null}]}""",
                """{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1767225600,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"content":"your order number?"},"finish_reason":null}]}""",
                """{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1767225600,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""",
                """{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1767225600,"model":"gpt-4o-mini-2024-07-18","choices":[],"usage":{"prompt_tokens":42,"completion_tokens":8,"total_tokens":50}}"""),
            contentType: "text/event-stream");
        using var http = ProviderStub.CreateClient();

        List<ChatResponseUpdate> updates = [];
        await foreach (var update in Client(stub, http).GetStreamingResponseAsync("Where is my order?", cancellationToken: Token))
        {
            updates.Add(update);
        }
        var response = updates.ToChatResponse();

        Assert.True((bool)Assert.Single(stub.Requests).Json["stream"]!);
        Assert.Equal(["Could you share ", "your order number?"], updates.Select(u => u.Text).Where(t => t.Length > 0));
        Assert.Equal("Could you share your order number?", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal("chatcmpl-123", response.ResponseId);
        Assert.Equal(50, response.Usage?.TotalTokenCount);
    }

    [Fact]
    public async Task GetStreamingResponse_ServerError_ThrowsProviderException()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply("""{"error": {"message": "The server had an error while processing your request.", "type": "server_error"}}""", 500);
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(async () =>
        {
            await foreach (var update in Client(stub, http).GetStreamingResponseAsync("Hi", cancellationToken: Token))
            {
                Assert.Fail($"No update was expected, got \"{update.Text}\".");
            }
        });

        Assert.Contains("500", error.Message, StringComparison.Ordinal);
        Assert.Contains("The server had an error", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(429)]
    public async Task GetResponse_ServerErrorOrRateLimit_ThrowsProviderException(int status)
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply("""{"error": {"message": "Rate limit reached for gpt-4o-mini.", "type": "requests", "param": null, "code": "rate_limit_exceeded"}}""", status);
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(
            () => Client(stub, http).GetResponseAsync("Hi", cancellationToken: Token));

        Assert.Equal(OpenAIChatClient.ProviderName, error.Provider);
        Assert.Contains($"{status}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Rate limit reached", error.Message, StringComparison.Ordinal);
        // The router retries and falls back; a retry inside the adapter would only make the customer wait longer.
        Assert.Single(stub.Requests);
    }

    [Theory]
    [InlineData("""{"choices": [""")]
    [InlineData("<html><body>Bad gateway</body></html>")]
    [InlineData("""{"id": "chatcmpl-1", "choices": []}""")]
    [InlineData("""{"id": "chatcmpl-1", "choices": [{"index": 0, "finish_reason": "stop"}]}""")]
    [InlineData("""{"choices": [{"message": {"role": "assistant", "tool_calls": [{"id": "call_1", "function": {"arguments": "{}"}}]}}]}""")]
    public async Task GetResponse_MalformedBody_ThrowsProviderException(string body)
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(body);
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(
            () => Client(stub, http).GetResponseAsync("Hi", cancellationToken: Token));

        Assert.Equal(OpenAIChatClient.ProviderName, error.Provider);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[\\\"9876543210\\\"]")]
    [InlineData("\\\"9876543210\\\"")]
    public async Task GetResponse_CallArgumentsNotAJsonObject_ThrowsProviderException(string arguments)
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply($$$"""
            {"id": "chatcmpl-1", "model": "gpt-4o-mini", "choices": [{"index": 0, "message": {"role": "assistant", "content": null,
              "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "find_account", "arguments": "{{{arguments}}}"}}]},
              "finish_reason": "tool_calls"}]}
            """);
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(() => Client(stub, http).GetResponseAsync(
            "My number is 9876543210", new ChatOptions { Tools = [AdapterTestTools.FindAccount] }, Token));

        Assert.Contains("find_account", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_SlowerThanTheTimeout_ThrowsProviderException()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(TextReply, delay: TimeSpan.FromSeconds(30));
        using var http = ProviderStub.CreateClient(TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<ChatProviderException>(
            () => Client(stub, http).GetResponseAsync("Hi", cancellationToken: Token));

        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
    }

    [Fact]
    public async Task GetResponse_CallerCancels_ThrowsOperationCanceled()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(TextReply, delay: TimeSpan.FromSeconds(30));
        using var http = ProviderStub.CreateClient();
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Token);
        caller.CancelAfter(TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Client(stub, http).GetResponseAsync("Hi", cancellationToken: caller.Token));

        Assert.Equal(caller.Token, error.CancellationToken);
    }

    [Fact]
    public async Task GetResponse_NothingListening_ThrowsProviderException()
    {
        var stub = await ProviderStub.StartAsync(Token);
        await stub.DisposeAsync();
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(
            () => Client(stub, http).GetResponseAsync("Hi", cancellationToken: Token));

        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task GetResponse_RejectedKey_ThrowsWithTheProviderTextButNotTheKey()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply($$$"""
            {"error": {"message": "Incorrect API key provided: {{{ApiKey}}}. You can find your API key at https://platform.openai.com/account/api-keys.",
              "type": "invalid_request_error", "param": null, "code": "invalid_api_key"}}
            """, 401);
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(
            () => Client(stub, http).GetResponseAsync("Hi", cancellationToken: Token));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Contains("Incorrect API key provided", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void GetService_Metadata_NamesProviderEndpointAndModel()
    {
        using var http = ProviderStub.CreateClient();
        using var client = new OpenAIChatClient(http, new OpenAISettings("https://api.groq.com/openai/v1", ApiKey, "llama-3.1-8b-instant"));

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal("OpenAI", metadata?.ProviderName);
        Assert.Equal(new Uri("https://api.groq.com/openai/v1"), metadata?.ProviderUri);
        Assert.Equal("llama-3.1-8b-instant", metadata?.DefaultModelId);
        Assert.Same(client, client.GetService<OpenAIChatClient>());
        Assert.Same(client, client.GetService<IChatClient>());
        Assert.Null(client.GetService<GeminiChatClient>());
    }

    private static OpenAIChatClient Client(ProviderStub stub, HttpClient http) =>
        new(http, new OpenAISettings(new Uri(stub.Address, "v1").ToString(), ApiKey, "gpt-4o-mini"));

    /// <summary>A streamed answer as server-sent events: one data line per chunk, then [DONE].</summary>
    private static string Stream(params string[] chunks) =>
        string.Concat(chunks.Select(chunk => $"data: {chunk}\n\n")) + "data: [DONE]\n\n";
}
