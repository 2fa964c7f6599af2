using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareConsole.Core.Agent.Privacy;
using Microsoft.Extensions.AI;

namespace CareConsole.Tests.Core.Agent.Privacy;

public sealed class PersonalDataMaskingChatClientTests
{
    private const string Phone = "9876543210";

    // Devanagari text stays readable in the recorded JSON, so a leaked Hindi value can be searched for.
    private static readonly JsonSerializerOptions Readable = new(AIJsonUtilities.DefaultOptions) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public sealed record Address(string Street, string Pincode);

    public sealed record RefundReceipt(string OrderId, decimal Amount, string Email, string Phone, Address DeliveredTo, string Upi);

    [Fact]
    public async Task GetResponse_EveryKindOfPersonalData_NoneReachesTheModel()
    {
        var model = new RecordingChatClient().Says("Done.");
        using var client = new PersonalDataMaskingChatClient(model);

        await client.GetResponseAsync(Conversation(), Options(), Token);

        var sent = Assert.Single(model.Calls).AllText();
        string[] leaks =
        [
            "9876543210", "98765 43210", "98765-43210", "98-76-54-32-10", "९८७६५४३२१०", "९८७६५ ४३२१०", "asha@example.com", "asha.v@okaxis",
            "4111111111111111", "4111 1111 1111 1111", "४१११", "31245678901", "SBIN0001234", "4821", "४८२१", "400012", "४०००१२",
            "560001", "Sunshine Apartments", "MG Road", "गांधी नगर", "मकान नंबर",
        ];
        Assert.All(leaks, leak => Assert.DoesNotContain(leak, sent, StringComparison.OrdinalIgnoreCase));
        // However the digits were grouped or written, none of the long numbers is in what was sent.
        var digits = string.Concat(sent.Where(c => char.IsDigit(c)).Select(c => (char)('0' + (int)char.GetNumericValue(c))));
        Assert.All(["9876543210", "4111111111111111", "31245678901", "400012", "560001"], number => Assert.DoesNotContain(number, digits, StringComparison.Ordinal));
        // What the model needs to help stays: the order, the amount, the placeholders it can pass on.
        Assert.Contains("MM240115", sent, StringComparison.Ordinal);
        Assert.Contains("1299", sent, StringComparison.Ordinal);
        Assert.Contains("[PHONE_1]", sent, StringComparison.Ordinal);
        Assert.Contains("[PINCODE_1]", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_ToolResult_MasksItsStringsAndKeepsItsNumbers()
    {
        var model = new RecordingChatClient().Says("Done.");
        using var client = new PersonalDataMaskingChatClient(model);

        await client.GetResponseAsync(Conversation(), Options(), Token);

        var result = Assert.Single(model.Calls[0].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>());
        var json = Assert.IsType<JsonElement>(result.Result);
        Assert.Equal("MM240115", json.GetProperty("orderId").GetString());
        Assert.Equal(JsonValueKind.Number, json.GetProperty("amount").ValueKind);
        Assert.Equal(1299m, json.GetProperty("amount").GetDecimal());
        Assert.Equal("[PHONE_1]", json.GetProperty("phone").GetString());
        Assert.Matches(@"^\[PINCODE_\d+\]$", json.GetProperty("deliveredTo").GetProperty("pincode").GetString());
    }

    [Fact]
    public async Task GetResponse_ReplyWithPlaceholders_ComesBackWithTheRealValues()
    {
        var model = new RecordingChatClient().Says("Your number [PHONE_1] is noted, delivery to [PINCODE_1].");
        using var client = new PersonalDataMaskingChatClient(model);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, $"My number is {Phone} and pincode 400012")], cancellationToken: Token);

        Assert.Equal($"Your number {Phone} is noted, delivery to 400012.", response.Text);
    }

    [Fact]
    public async Task GetResponse_ToolCallWithPlaceholders_GivesTheToolTheRealValues()
    {
        var model = new RecordingChatClient().CallsTool("find_account", new Dictionary<string, object?>
        {
            ["phone"] = "[PHONE_1]",
            ["address"] = JsonSerializer.SerializeToElement(new { pincode = "[PINCODE_1]", city = "Mumbai" }),
            ["note"] = JsonNode.Parse("""["[PHONE_1]", 2]"""),
        });
        using var client = new PersonalDataMaskingChatClient(model);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Mera number +91 98765 43210, pincode ४०००१२")], cancellationToken: Token);

        var call = Assert.IsType<FunctionCallContent>(Assert.Single(response.Messages.SelectMany(m => m.Contents)));
        Assert.Equal("find_account", call.Name);
        Assert.Equal("+91 98765 43210", call.Arguments!["phone"]);
        var address = Assert.IsType<JsonElement>(call.Arguments["address"]);
        Assert.Equal("४०००१२", address.GetProperty("pincode").GetString());
        Assert.Equal("Mumbai", address.GetProperty("city").GetString());
        var note = Assert.IsType<JsonArray>(call.Arguments["note"], exactMatch: false);
        Assert.Equal("+91 98765 43210", (string)note[0]!);
        Assert.Equal(2, (int)note[1]!);
    }

    [Fact]
    public async Task GetResponse_CallersMessagesAndOptions_StayAsTheyWere()
    {
        var model = new RecordingChatClient().Says("Done.");
        using var client = new PersonalDataMaskingChatClient(model);
        var conversation = Conversation();
        var options = Options();
        var before = JsonSerializer.Serialize(conversation, Readable);
        var contentsBefore = conversation.Select(m => m.Contents.ToList()).ToList();

        await client.GetResponseAsync(conversation, options, Token);

        Assert.Equal(before, JsonSerializer.Serialize(conversation, Readable));
        Assert.All(conversation.Zip(contentsBefore), pair => Assert.Equal(pair.Second, pair.First.Contents));
        Assert.Contains(Phone, options.Instructions, StringComparison.Ordinal);
        Assert.Contains(Phone, conversation[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_GrowingHistory_KeepsEachValuesPlaceholder()
    {
        var model = new RecordingChatClient().Says("Noted [PHONE_1].").Says("Thanks.");
        using var client = new PersonalDataMaskingChatClient(model);
        var history = new List<ChatMessage> { new(ChatRole.User, $"My number is {Phone}") };

        var first = await client.GetResponseAsync(history, new ChatOptions { Instructions = "Help MelaMart customers." }, Token);
        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.User, "Pincode 400012, and 98765-43210 is the same number"));
        await client.GetResponseAsync(history, new ChatOptions { Instructions = "Help MelaMart customers." }, Token);

        Assert.Equal($"Noted {Phone}.", first.Text);
        Assert.Equal(["My number is [PHONE_1]"], model.Calls[0].Messages.Select(m => m.Text));
        Assert.Equal(
            ["My number is [PHONE_1]", "Noted [PHONE_1].", "Pincode [PINCODE_1], and [PHONE_1] is the same number"],
            model.Calls[1].Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task GetStreamingResponse_PlaceholderSplitAcrossUpdates_ComesBackWhole()
    {
        var model = new RecordingChatClient().Streams("Your number [PHO", "NE_1] is noted", " for [PINCODE_", "1]");
        using var client = new PersonalDataMaskingChatClient(model);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, $"{Phone}, pincode 400012")], cancellationToken: Token))
        {
            updates.Add(update);
        }

        Assert.Equal($"Your number {Phone} is noted for 400012", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal("[PHONE_1], pincode [PINCODE_1]", Assert.Single(model.Calls).Messages[0].Text);
    }

    private static ChatOptions Options() => new() { Instructions = $"The customer's phone on file is {Phone}; their pincode is 400012." };

    /// <summary>A turn holding every kind of personal data, in every place a request can carry it.</summary>
    private static List<ChatMessage> Conversation() =>
    [
        new(ChatRole.User, "Mera number +91 98765 43210 hai, email asha@example.com, aur OTP 4821 aaya"),
        new(ChatRole.User, $"My other message: {Phone}. मेरा पता: मकान नंबर ४५, गांधी नगर, पिनकोड ४०००१२; ओटीपी ४८२१; कार्ड ४१११ ११११ ११११ ११११"),
        new(ChatRole.Assistant, "Thanks! Refund of ₹1,299 for MM240115 goes to UPI asha.v@okaxis, or card 4111 1111 1111 1111."),
        new(ChatRole.Assistant,
        [
            new FunctionCallContent("call-1", "refund_to_bank", new Dictionary<string, object?>
            {
                ["account"] = "31245678901",
                ["ifsc"] = JsonSerializer.SerializeToElement("SBIN0001234"),
                ["contact"] = JsonNode.Parse("""{"phone": "98-76-54-32-10", "amount": 1299}"""),
            }),
        ]),
        new(ChatRole.Tool,
        [
            new FunctionResultContent("call-1", new RefundReceipt(
                "MM240115", 1299m, "asha@example.com", "98765 43210", new Address("Flat 302, Sunshine Apartments, MG Road", "560001"), "asha.v@okaxis")),
        ]),
    ];

    /// <summary>What a model was sent in one call.</summary>
    private sealed record Call(IReadOnlyList<ChatMessage> Messages, string? Instructions)
    {
        /// <summary>Everything the provider could read: the instructions and every message, as JSON.</summary>
        public string AllText() => Instructions + "\n" + JsonSerializer.Serialize(Messages, Readable);
    }

    /// <summary>A model that records what it is sent and answers from a script.</summary>
    private sealed class RecordingChatClient : IChatClient
    {
        private readonly Queue<ChatMessage> _replies = new();
        private string[] _stream = [];

        public List<Call> Calls { get; } = [];

        public RecordingChatClient Says(string text)
        {
            _replies.Enqueue(new ChatMessage(ChatRole.Assistant, text));
            return this;
        }

        public RecordingChatClient CallsTool(string name, Dictionary<string, object?> arguments)
        {
            _replies.Enqueue(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-9", name, arguments)]));
            return this;
        }

        public RecordingChatClient Streams(params string[] chunks)
        {
            _stream = chunks;
            return this;
        }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls.Add(new Call([.. messages], options?.Instructions));
            return Task.FromResult(new ChatResponse(_replies.Dequeue()));
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages,
            ChatOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Calls.Add(new Call([.. messages], options?.Instructions));
            foreach (var chunk in _stream)
            {
                await Task.Yield();
                yield return new ChatResponseUpdate(ChatRole.Assistant, chunk) { MessageId = "reply-1" };
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
