using System.Text.Json.Nodes;
using CareConsole.Core.Agent.Models;
using CareConsole.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace CareConsole.Tests.Core.Agent.Models;

public sealed class GeminiChatClientTests
{
    private const string ApiKey = "AIza-test-secret-123";
    private const string Signature = "c2lnbmF0dXJlLWZvci1maW5kX2FjY291bnQ=";

    private const string TextReply = """
        {
          "candidates": [{
            "content": {"role": "model", "parts": [{"text": "Could you share your order number?"}]},
            "finishReason": "STOP",
            "index": 0
          }],
          "usageMetadata": {"promptTokenCount": 42, "candidatesTokenCount": 8, "totalTokenCount": 50},
          "modelVersion": "gemini-2.5-flash",
          "responseId": "resp-1"
        }
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponse_PlainText_SendsInstructionsTurnsAndConfigAndReadsTheReply()
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
        Assert.Equal("/v1beta/models/gemini-2.5-flash:generateContent", request.Path);
        Assert.Equal(ApiKey, request.Header("x-goog-api-key"));
        Assert.Null(request.Header("Authorization"));
        var body = request.Json;
        Assert.Equal(["Answer in one sentence.", "You are the CareConsole assistant."], Texts(body["systemInstruction"]!["parts"]));
        var contents = body["contents"]!.AsArray();
        Assert.Equal(["user", "model", "user"], contents.Select(c => (string)c!["role"]!));
        Assert.Equal(["Hi"], Texts(contents[0]!["parts"]));
        Assert.Equal(["Hello! How can I help?"], Texts(contents[1]!["parts"]));
        Assert.Equal(["Where is my order?"], Texts(contents[2]!["parts"]));
        var generation = body["generationConfig"]!;
        Assert.Equal(0.5, (double)generation["temperature"]!);
        Assert.Equal(256, (int)generation["maxOutputTokens"]!);
        Assert.Equal(0.75, (double)generation["topP"]!);
        Assert.Null(body["tools"]);
        Assert.Null(body["toolConfig"]);

        Assert.Equal("Could you share your order number?", response.Text);
        Assert.Equal(ChatRole.Assistant, Assert.Single(response.Messages).Role);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(42, response.Usage?.InputTokenCount);
        Assert.Equal(8, response.Usage?.OutputTokenCount);
        Assert.Equal(50, response.Usage?.TotalTokenCount);
        Assert.Equal("gemini-2.5-flash", response.ModelId);
        Assert.Equal("resp-1", response.ResponseId);
    }

    [Fact]
    public async Task GetResponse_ToolCallRoundTrip_DeclaresToolsAndReplaysTheSignedCallWithItsResult()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply($$$"""
            {
              "candidates": [{
                "content": {"role": "model", "parts": [{
                  "functionCall": {"name": "find_account", "args": {"phone": "9876543210"}},
                  "thoughtSignature": "{{{Signature}}}"
                }]},
                "finishReason": "STOP"
              }],
              "usageMetadata": {"promptTokenCount": 120, "candidatesTokenCount": 12, "thoughtsTokenCount": 30, "totalTokenCount": 162},
              "modelVersion": "gemini-2.5-flash"
            }
            """)
            .Reply("""
            {
              "candidates": [{
                "content": {"role": "model", "parts": [{"text": "I found your account, Asha. What can I do for you?"}]},
                "finishReason": "STOP"
              }],
              "usageMetadata": {"promptTokenCount": 160, "candidatesTokenCount": 14, "totalTokenCount": 174},
              "modelVersion": "gemini-2.5-flash"
            }
            """);
        using var http = ProviderStub.CreateClient();
        var client = Client(stub, http);
        var options = new ChatOptions { Tools = [AdapterTestTools.FindAccount, AdapterTestTools.TrackOrder], ToolMode = ChatToolMode.Auto };
        List<ChatMessage> conversation = [new(ChatRole.User, "My number is 9876543210")];

        var first = await client.GetResponseAsync(conversation, options, Token);

        var declared = stub.Requests[0].Json;
        var declarations = Assert.Single(declared["tools"]!.AsArray())!["functionDeclarations"]!.AsArray();
        Assert.Equal(["find_account", "track_order"], declarations.Select(d => (string)d!["name"]!));
        var findAccount = declarations[0]!;
        Assert.Equal("Finds the customer account registered to a mobile number.", (string)findAccount["description"]!);
        var parameters = findAccount["parameters"]!;
        Assert.Equal("object", (string)parameters["type"]!);
        Assert.Equal("string", (string)parameters["properties"]!["phone"]!["type"]!);
        Assert.Equal("The customer's 10-digit mobile number.", (string)parameters["properties"]!["phone"]!["description"]!);
        Assert.Equal(["phone"], parameters["required"]!.AsArray().Select(r => (string)r!));
        var pincode = declarations[1]!["parameters"]!["properties"]!["pincode"]!.AsObject();
        Assert.Equal("string", (string)pincode["type"]!);
        Assert.True((bool)pincode["nullable"]!);
        Assert.False(pincode.ContainsKey("default"));
        Assert.Equal(["orderNumber"], declarations[1]!["parameters"]!["required"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("AUTO", (string)declared["toolConfig"]!["functionCallingConfig"]!["mode"]!);

        var call = Assert.IsType<FunctionCallContent>(Assert.Single(first.Messages.SelectMany(m => m.Contents)));
        Assert.Equal("find_account", call.Name);
        Assert.Equal(AdapterTestTools.Phone, call.Arguments!["phone"]?.ToString());
        Assert.False(string.IsNullOrWhiteSpace(call.CallId));
        Assert.Equal(Signature, call.AdditionalProperties?[GeminiChatClient.ThoughtSignatureKey]);
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        Assert.Equal(42, first.Usage?.OutputTokenCount);
        Assert.Equal(30, first.Usage?.ReasoningTokenCount);

        var result = await AdapterTestTools.FindAccount.InvokeAsync(new AIFunctionArguments(call.Arguments), Token);
        conversation.AddMessages(first);
        conversation.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
        var second = await client.GetResponseAsync(conversation, options, Token);

        var replayed = stub.Requests[1].Json["contents"]!.AsArray();
        Assert.Equal(["user", "model", "user"], replayed.Select(c => (string)c!["role"]!));
        var callPart = Assert.Single(replayed[1]!["parts"]!.AsArray())!;
        Assert.Equal("find_account", (string)callPart["functionCall"]!["name"]!);
        Assert.Equal(AdapterTestTools.Phone, (string)callPart["functionCall"]!["args"]!["phone"]!);
        Assert.Equal(Signature, (string)callPart["thoughtSignature"]!);
        var functionResponse = Assert.Single(replayed[2]!["parts"]!.AsArray())!["functionResponse"]!;
        Assert.Equal("find_account", (string)functionResponse["name"]!);
        var answer = Assert.IsType<JsonObject>(functionResponse["response"]);
        Assert.Equal("C-1001", (string)answer["customerId"]!);
        Assert.Equal("Asha Verma", (string)answer["name"]!);

        Assert.Equal("I found your account, Asha. What can I do for you?", second.Text);
        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
    }

    [Fact]
    public async Task GetResponse_ToolResultIsNotAnObject_WrapsItAsResultAndReplaysTheUnsignedCall()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply("""
            {"candidates": [{"content": {"role": "model", "parts": [
              {"functionCall": {"name": "track_order", "args": {"orderNumber": "ORD-10042"}}}
            ]}, "finishReason": "STOP"}]}
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

        var config = stub.Requests[0].Json["toolConfig"]!["functionCallingConfig"]!;
        Assert.Equal("ANY", (string)config["mode"]!);
        Assert.Equal(["track_order"], config["allowedFunctionNames"]!.AsArray().Select(n => (string)n!));
        var replayed = stub.Requests[1].Json["contents"]!.AsArray();
        var callPart = Assert.Single(replayed[1]!["parts"]!.AsArray())!.AsObject();
        Assert.False(callPart.ContainsKey("thoughtSignature"));
        var functionResponse = Assert.Single(replayed[2]!["parts"]!.AsArray())!["functionResponse"]!;
        Assert.Equal("track_order", (string)functionResponse["name"]!);
        Assert.Equal("ORD-10042 is out for delivery.", (string)functionResponse["response"]!["result"]!);
    }

    [Fact]
    public async Task GetResponse_ParallelCalls_ReplaysTheCallsThenAllResultsInOneTurn()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply($$$"""
            {"candidates": [{"content": {"role": "model", "parts": [
              {"functionCall": {"name": "track_order", "args": {"orderNumber": "ORD-1"}}, "thoughtSignature": "{{{Signature}}}"},
              {"functionCall": {"name": "track_order", "args": {"orderNumber": "ORD-2"} } }
            ]}, "finishReason": "STOP"}]}
            """)
            .Reply(TextReply);
        using var http = ProviderStub.CreateClient();
        var client = Client(stub, http);
        var options = new ChatOptions { Tools = [AdapterTestTools.TrackOrder] };
        List<ChatMessage> conversation = [new(ChatRole.User, "Where are ORD-1 and ORD-2?")];

        var first = await client.GetResponseAsync(conversation, options, Token);
        var calls = first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(2, calls.Count);
        Assert.NotEqual(calls[0].CallId, calls[1].CallId);
        conversation.AddMessages(first);
        // One tool message per result, as a simple tool loop writes them.
        foreach (var call in calls)
        {
            var result = await AdapterTestTools.TrackOrder.InvokeAsync(new AIFunctionArguments(call.Arguments), Token);
            conversation.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
        }
        await client.GetResponseAsync(conversation, options, Token);

        var replayed = stub.Requests[1].Json["contents"]!.AsArray();
        Assert.Equal(["user", "model", "user"], replayed.Select(c => (string)c!["role"]!));
        var callParts = replayed[1]!["parts"]!.AsArray();
        Assert.Equal(Signature, (string)callParts[0]!["thoughtSignature"]!);
        Assert.False(callParts[1]!.AsObject().ContainsKey("thoughtSignature"));
        var results = replayed[2]!["parts"]!.AsArray().Select(p => (string)p!["functionResponse"]!["response"]!["result"]!);
        Assert.Equal(["ORD-1 is out for delivery.", "ORD-2 is out for delivery."], results);
    }

    [Fact]
    public async Task GetResponse_SignedTextPart_SendsTheSignatureBackOnTheNextTurn()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply($$$"""
            {"candidates": [{"content": {"role": "model", "parts": [
              {"text": "Your order ships tomorrow.", "thoughtSignature": "{{{Signature}}}"}
            ]}, "finishReason": "STOP"}]}
            """)
            .Reply(TextReply);
        using var http = ProviderStub.CreateClient();
        var client = Client(stub, http);
        List<ChatMessage> conversation = [new(ChatRole.User, "When does it ship?")];

        conversation.AddMessages(await client.GetResponseAsync(conversation, cancellationToken: Token));
        conversation.Add(new ChatMessage(ChatRole.User, "Thanks"));
        await client.GetResponseAsync(conversation, cancellationToken: Token);

        var modelPart = Assert.Single(stub.Requests[1].Json["contents"]![1]!["parts"]!.AsArray())!;
        Assert.Equal("Your order ships tomorrow.", (string)modelPart["text"]!);
        Assert.Equal(Signature, (string)modelPart["thoughtSignature"]!);
    }

    [Fact]
    public async Task GetResponse_BlockedPrompt_ReturnsContentFilterWithoutText()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply("""{"promptFeedback": {"blockReason": "SAFETY"}, "usageMetadata": {"promptTokenCount": 9, "totalTokenCount": 9}}""");
        using var http = ProviderStub.CreateClient();

        var response = await Client(stub, http).GetResponseAsync("something unsafe", cancellationToken: Token);

        Assert.Equal(ChatFinishReason.ContentFilter, response.FinishReason);
        Assert.Equal("", response.Text);
    }

    [Fact]
    public async Task GetStreamingResponse_PlainText_YieldsTheWholeReply()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(TextReply);
        using var http = ProviderStub.CreateClient();

        var response = await Client(stub, http).GetStreamingResponseAsync("Where is my order?", cancellationToken: Token)
            .ToChatResponseAsync(Token);

        Assert.Equal("Could you share your order number?", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task GetResponse_ServerErrorOrRateLimit_ThrowsProviderException(int status)
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply("""{"error": {"code": 503, "message": "The model is overloaded. Please try again later.", "status": "UNAVAILABLE"}}""", status);
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(
            () => Client(stub, http).GetResponseAsync("Hi", cancellationToken: Token));

        Assert.Equal(GeminiChatClient.ProviderName, error.Provider);
        Assert.Contains($"{status}", error.Message, StringComparison.Ordinal);
        Assert.Contains("The model is overloaded.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"candidates": [""")]
    [InlineData("<html><body>Bad gateway</body></html>")]
    [InlineData("""{"usageMetadata": {"promptTokenCount": 3}}""")]
    [InlineData("""{"candidates": [{"finishReason": "STOP"}]}""")]
    [InlineData("""{"candidates": [{"content": {"parts": [{"functionCall": {"args": {}}}]}}]}""")]
    [InlineData("""{"candidates": [{"content": {"parts": []}, "finishReason": "MALFORMED_FUNCTION_CALL"}]}""")]
    public async Task GetResponse_MalformedBody_ThrowsProviderException(string body)
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply(body);
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(
            () => Client(stub, http).GetResponseAsync("Hi", cancellationToken: Token));

        Assert.Equal(GeminiChatClient.ProviderName, error.Provider);
    }

    [Fact]
    public async Task GetResponse_CallArgumentsAreAString_ThrowsProviderException()
    {
        await using var stub = await ProviderStub.StartAsync(Token);
        stub.Reply("""
            {"candidates": [{"content": {"role": "model", "parts": [
              {"functionCall": {"name": "find_account", "args": "phone=9876543210"}}
            ]}, "finishReason": "STOP"}]}
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
            {"error": {"code": 401, "message": "API key {{{ApiKey}}} is not valid. Please pass a valid API key.", "status": "UNAUTHENTICATED"}}
            """, 401);
        using var http = ProviderStub.CreateClient();

        var error = await Assert.ThrowsAsync<ChatProviderException>(
            () => Client(stub, http).GetResponseAsync("Hi", cancellationToken: Token));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not valid. Please pass a valid API key.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void GetService_Metadata_NamesProviderEndpointAndModel()
    {
        using var http = ProviderStub.CreateClient();
        using var client = new GeminiChatClient(http, new GeminiSettings(ApiKey));

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal("Gemini", metadata?.ProviderName);
        Assert.Equal(new Uri("https://generativelanguage.googleapis.com/v1beta"), metadata?.ProviderUri);
        Assert.Equal("gemini-2.5-flash", metadata?.DefaultModelId);
        Assert.Same(client, client.GetService<GeminiChatClient>());
        Assert.Null(client.GetService<OpenAIChatClient>());
    }

    private static GeminiChatClient Client(ProviderStub stub, HttpClient http) =>
        new(http, new GeminiSettings(ApiKey, "gemini-2.5-flash", new Uri(stub.Address, "v1beta").ToString()));

    private static IEnumerable<string> Texts(JsonNode? parts) => parts!.AsArray().Select(p => (string)p!["text"]!);
}
