using System.Net;
using System.Text.Json;
using CareConsole.Core.Conversations;
using CareConsole.Core.Orders;
using CareConsole.Tests.Infrastructure;

namespace CareConsole.Tests.Api;

public sealed class ConversationApiTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // ---- Starting ----

    [Theory]
    [InlineData(null)]
    [InlineData("{}")]
    [InlineData("{\"channel\":\"web\"}")]
    public async Task Start_ValidBody_Is201WithTheNewConversationAndAGreeting(string? body)
    {
        var api = Api();

        using var response = await api.PostAsync("/api/conversations", null, body is null ? null : CustomerApi.Json(body));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = json.RootElement;
        Assert.Equal(
            ["citations", "escalated", "id", "language", "owner", "phase", "reply", "status", "token", "verified"],
            root.EnumerateObject().Select(p => p.Name).Order());
        var id = root.GetProperty("id").GetGuid();
        Assert.Equal($"/api/conversations/{id}", response.Headers.Location?.OriginalString);
        Assert.True(root.GetProperty("token").GetString()!.Length >= 32);
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("reply").GetString()));
        Assert.Equal("open", root.GetProperty("status").GetString());
        Assert.Equal("ai", root.GetProperty("owner").GetString());
        Assert.Equal("verification", root.GetProperty("phase").GetString());
        Assert.False(root.GetProperty("verified").GetBoolean());
        Assert.False(root.GetProperty("escalated").GetBoolean());
        Assert.Equal("en", root.GetProperty("language").GetString());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("citations").ValueKind);
        Assert.Equal(1, await DemoDatabase.MessageCountAsync(app.Factory, id, Ct));
    }

    [Fact]
    public async Task Start_LanguageHindi_GreetsInDevanagari()
    {
        using var response = await Api().PostAsync("/api/conversations", null, CustomerApi.Json("{\"language\":\"hi\"}"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("hi", json.RootElement.GetProperty("language").GetString());
        Assert.True(Scripts.HasDevanagari(json.RootElement.GetProperty("reply").GetString()!));
    }

    [Theory]
    [InlineData("{\"language\":\"fr\"}")]
    [InlineData("{\"language\":5}")]
    [InlineData("{\"language\":null}")]
    [InlineData("{\"channel\":\"fax\"}")]
    [InlineData("{\"channel\":\"0\"}")]
    [InlineData("{\"channel\":\"2\"}")]
    [InlineData("{\"channel\":\"WEB\"}")]
    [InlineData("{\"channel\":\"web \"}")]
    [InlineData("{\"channel\":1}")]
    [InlineData("{\"language\":\"EN\"}")]
    [InlineData("{\"language\":\"\\ud83d\"}")]
    [InlineData("{\"language\":")]
    [InlineData("[]")]
    public async Task Start_BadBody_Is400Problem(string body)
    {
        using var response = await Api().PostAsync("/api/conversations", null, CustomerApi.Json(body));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    // ---- Refused messages ----

    [Theory]
    [InlineData("{\"text\": \"hello\"")]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("[\"hello\"]")]
    [InlineData("\"hello\"")]
    [InlineData("{}")]
    [InlineData("{\"message\":\"hello\"}")]
    [InlineData("{\"text\":42}")]
    [InlineData("{\"text\":null}")]
    [InlineData("{\"text\":[\"hello\"]}")]
    [InlineData("{\"text\":{\"value\":\"hello\"}}")]
    [InlineData("{\"text\":\"\"}")]
    [InlineData("{\"text\":\"   \\n\\t  \"}")]
    [InlineData("{\"text\":\"hello\\u0000world\"}")]
    [InlineData("{\"text\":\"hello \\ud800 world\"}")]
    [InlineData("{\"text\":\"\\u200b\"}")]
    [InlineData("{\"text\":\"\\ufeff\\u200b\\u200c\\u200d \\u2060\"}")]
    [InlineData("{\"text\":\"\\u200e\\u200f\\u00ad\"}")]
    [InlineData("{\"text\":\"\\u3164\\u2800\"}")]
    public async Task SendMessage_InvalidBody_Is400AndStoresNothing(string body)
    {
        var chat = await Api().StartAsync();
        var before = await DemoDatabase.MessageCountAsync(app.Factory, chat.Id, Ct);

        using var response = await chat.PostMessageAsync(body);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await DemoDatabase.MessageCountAsync(app.Factory, chat.Id, Ct));
    }

    [Fact]
    public async Task SendMessage_BodyNotUtf8_Is400AndStoresNothing()
    {
        var api = Api();
        var chat = await api.StartAsync();
        // {"text":"<0xFF 0xFE>"}: JSON punctuation around two bytes that are not UTF-8.
        using var content = new ByteArrayContent([.. "{\"text\":\""u8, 0xFF, 0xFE, .. "\"}"u8]);
        content.Headers.ContentType = new("application/json");

        using var response = await api.PostAsync($"{chat.Path}/messages", chat.Token, content);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(1, await DemoDatabase.MessageCountAsync(app.Factory, chat.Id, Ct));
    }

    [Theory]
    [InlineData("language")]
    [InlineData("channel")]
    public async Task Start_FieldNotUtf8_Is400(string field)
    {
        // {"<field>":"<0xFF 0xFE>"}: a string whose bytes are not UTF-8.
        using var content = new ByteArrayContent([.. System.Text.Encoding.UTF8.GetBytes($"{{\"{field}\":\""), 0xFF, 0xFE, .. "\"}"u8]);
        content.Headers.ContentType = new("application/json");

        using var response = await Api().PostAsync("/api/conversations", null, content);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SendMessage_AskingForAPersonWithAnEmojiWhereTextIsCut_HandsOverWithTheEmojiWhole()
    {
        var chat = await Api().StartAsync();
        // The quote in the hand-off summary is cut near 120 characters: emojis (surrogate pairs) all across the cut.
        const string Ask = "I want to talk to a human right now please, ";
        var text = Ask + new string('x', 110 - Ask.Length) + string.Concat(Enumerable.Repeat("😡", 12)) + " this is taking forever";

        var turn = await chat.SayAsync(text);

        Assert.True(turn.Escalated);
        Assert.Equal("customer_request", turn.EscalationRule);
        var conversation = await DemoDatabase.ConversationAsync(app.Factory, chat.Id, Ct);
        var summary = Assert.Single(conversation.Escalations).Summary;
        Assert.Contains("…", summary, StringComparison.Ordinal);
        Assert.True(CareConsole.Core.Text.SafeText.IsStorable(summary));
    }

    [Fact]
    public async Task SendMessage_RefundReasonLongerThanItsLimitWithEmojis_IsRecordedForAPerson()
    {
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory, o => o.Requestable, Ct);
        var account = (await Api().DemoAccountsAsync()).Single(a => a.Phone == customer.Phone);
        var chat = await Api().StartAsync();
        await VerifyAsync(chat, account);
        // The reason kept with the request is cut at 500 characters; emojis throughout, so the cut falls inside one.
        var reason = $"I want a refund for order {order.Id} " + string.Concat(Enumerable.Repeat("📦", 400));

        var turn = await chat.SayAsync(reason);

        Assert.True(turn.Escalated, turn.Reply);
        var request = Assert.Single((await DemoDatabase.ConversationAsync(app.Factory, chat.Id, Ct)).ActionRequests);
        Assert.Equal(order.Id, request.OrderId);
        Assert.True(request.Reason.Length <= 500);
        Assert.True(CareConsole.Core.Text.SafeText.IsStorable(request.Reason));
    }

    [Fact]
    public async Task SendMessage_TextOf4001Characters_Is413AndStoresNothing()
    {
        var chat = await Api().StartAsync();
        var before = await DemoDatabase.MessageCountAsync(app.Factory, chat.Id, Ct);

        using var response = await chat.PostMessageAsync(JsonSerializer.Serialize(new { text = LongText(4001) }));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await DemoDatabase.MessageCountAsync(app.Factory, chat.Id, Ct));
    }

    [Fact]
    public async Task SendMessage_TextOfExactly4000Characters_IsAnswered()
    {
        var chat = await Api().StartAsync();
        var text = LongText(4000);

        var turn = await chat.SayAsync(text);

        Assert.False(string.IsNullOrWhiteSpace(turn.Reply));
        var conversation = await DemoDatabase.ConversationAsync(app.Factory, chat.Id, Ct);
        Assert.Contains(conversation.Messages, m => m.Author == Author.Customer && m.Text == text);
    }

    [Fact]
    public async Task SendMessage_BodyOver64KB_Is413AndStoresNothing()
    {
        var chat = await Api().StartAsync();
        var before = await DemoDatabase.MessageCountAsync(app.Factory, chat.Id, Ct);

        using var response = await chat.PostMessageAsync(JsonSerializer.Serialize(new { text = "hello", padding = new string('x', 65 * 1024) }));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await DemoDatabase.MessageCountAsync(app.Factory, chat.Id, Ct));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    public async Task SendMessage_NoBearerToken_Is401AskingForBearer(string? authorization)
    {
        var chat = await Api().StartAsync();
        using var client = app.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{chat.Path}/messages") { Content = CustomerApi.Json("{\"text\":\"hello\"}") };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request, Ct);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, header => header.Scheme == "Bearer");
        Assert.Equal(1, await DemoDatabase.MessageCountAsync(app.Factory, chat.Id, Ct));
    }

    [Fact]
    public async Task TranscriptAndFeedback_NoToken_Are401()
    {
        var api = Api();
        var chat = await api.StartAsync();

        using var transcript = await api.GetAsync(chat.Path, null);
        using var feedback = await api.PostAsync($"{chat.Path}/feedback", null, CustomerApi.Json("{\"rating\":5}"));

        await AssertProblemAsync(transcript, HttpStatusCode.Unauthorized);
        await AssertProblemAsync(feedback, HttpStatusCode.Unauthorized);
        Assert.Null((await DemoDatabase.ConversationAsync(app.Factory, chat.Id, Ct)).Feedback);
    }

    [Fact]
    public async Task SendMessage_WrongToken_Is404AndStoresNothing()
    {
        var chat = await Api().StartAsync();

        using var response = await chat.PostMessageAsync("{\"text\":\"hello\"}", asToken: "not-the-token");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(1, await DemoDatabase.MessageCountAsync(app.Factory, chat.Id, Ct));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SendMessage_UnknownConversation_Is404(bool wellFormedId)
    {
        var api = Api();
        var chat = await api.StartAsync();
        var id = wellFormedId ? Guid.NewGuid().ToString() : "not-a-conversation";

        using var response = await api.PostAsync($"/api/conversations/{id}/messages", chat.Token, CustomerApi.Json("{\"text\":\"hello\"}"));

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnyCall_TokenOfAnotherConversation_Is404AndTouchesNothing()
    {
        var api = Api();
        var mine = await api.StartAsync();
        var theirs = await api.StartAsync();

        using var message = await api.PostAsync($"{theirs.Path}/messages", mine.Token, CustomerApi.Json("{\"text\":\"hello\"}"));
        using var feedback = await api.PostAsync($"{theirs.Path}/feedback", mine.Token, CustomerApi.Json("{\"rating\":1}"));
        using var transcript = await api.GetAsync(theirs.Path, mine.Token);

        await AssertProblemAsync(message, HttpStatusCode.NotFound);
        await AssertProblemAsync(feedback, HttpStatusCode.NotFound);
        await AssertProblemAsync(transcript, HttpStatusCode.NotFound);
        var conversation = await DemoDatabase.ConversationAsync(app.Factory, theirs.Id, Ct);
        Assert.Single(conversation.Messages);
        Assert.Null(conversation.Feedback);
    }

    [Fact]
    public async Task SendMessage_ConversationEnded_Is409AndStoresNothing()
    {
        var account = (await Api().DemoAccountsAsync())[0];
        var chat = await Api().StartAsync();
        await LockOutAsync(chat, account);
        var before = await DemoDatabase.MessageCountAsync(app.Factory, chat.Id, Ct);

        using var response = await chat.PostMessageAsync("{\"text\":\"please let me try again\"}");

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(before, await DemoDatabase.MessageCountAsync(app.Factory, chat.Id, Ct));
    }

    // ---- Feedback ----

    [Theory]
    [InlineData("{\"rating\":0}")]
    [InlineData("{\"rating\":6}")]
    [InlineData("{\"rating\":\"5\"}")]
    [InlineData("{\"rating\":4.5}")]
    [InlineData("{\"rating\":null}")]
    [InlineData("{}")]
    [InlineData("{\"comment\":\"great\"}")]
    [InlineData("{\"rating\":5,\"comment\":7}")]
    [InlineData("{\"rating\":5")]
    [InlineData("{\"rating\":4,\"comment\":\"ok\\u0000\"}")]
    [InlineData("{\"rating\":4,\"comment\":\"\\udc00\"}")]
    public async Task Feedback_InvalidBody_Is400AndStoresNothing(string body)
    {
        var chat = await Api().StartAsync();

        using var response = await chat.PostFeedbackAsync(body);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Null((await DemoDatabase.ConversationAsync(app.Factory, chat.Id, Ct)).Feedback);
    }

    [Fact]
    public async Task Feedback_Valid_Is204AndALaterRatingReplacesIt()
    {
        var chat = await Api().StartAsync();

        using var first = await chat.PostFeedbackAsync("{\"rating\":2,\"comment\":\"took a while\"}");
        var afterFirst = (await DemoDatabase.ConversationAsync(app.Factory, chat.Id, Ct)).Feedback;
        using var second = await chat.PostFeedbackAsync("{\"rating\":5}");

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal((2, "took a while"), (afterFirst?.Rating, afterFirst?.Comment));
        var feedback = (await DemoDatabase.ConversationAsync(app.Factory, chat.Id, Ct)).Feedback;
        Assert.Equal(5, feedback?.Rating);
        Assert.Null(feedback?.Comment);
    }

    [Fact]
    public async Task Feedback_AfterTheConversationEnded_IsStored()
    {
        var chat = await Api().StartAsync();
        var bye = await chat.SayAsync("bye");

        using var response = await chat.PostFeedbackAsync("{\"rating\":4}");

        Assert.Equal("ended", bye.Phase);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(4, (await DemoDatabase.ConversationAsync(app.Factory, chat.Id, Ct)).Feedback?.Rating);
    }

    // ---- Transcript ----

    [Fact]
    public async Task Transcript_AfterToolCallsAndAHandOff_ShowsOnlyWhatTheCustomerMaySee()
    {
        var account = (await Api().DemoAccountsAsync())[1];
        var chat = await Api().StartAsync();
        var found = await chat.SayAsync($"My number is {account.Phone}");
        var handOff = await chat.SayAsync("I want to talk to a human");

        using var response = await chat.GetTranscriptAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(chat.Id, json.RootElement.GetProperty("id").GetGuid());
        Assert.Equal("human", json.RootElement.GetProperty("owner").GetString());
        var messages = json.RootElement.GetProperty("messages").EnumerateArray().ToList();
        Assert.All(messages, m => Assert.Equal(["author", "createdAt", "text"], m.EnumerateObject().Select(p => p.Name).Order()));
        Assert.Equal(["assistant", "customer", "assistant", "customer", "assistant", "system"], messages.Select(m => m.GetProperty("author").GetString()));
        Assert.Equal($"My number is {account.Phone}", messages[1].GetProperty("text").GetString());
        Assert.Equal(found.Reply, messages[2].GetProperty("text").GetString());
        Assert.Equal(handOff.Reply, messages[4].GetProperty("text").GetString());
        var times = messages.Select(m => m.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        // The AI called find_account this turn; no trace of it reaches the customer.
        Assert.NotEmpty((await DemoDatabase.ConversationAsync(app.Factory, chat.Id, Ct)).ToolCalls);
        Assert.DoesNotContain("find_account", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"found\"", body, StringComparison.Ordinal);
    }

    // ---- What the issue is done with ----

    [Fact]
    public async Task Messages_VerifiedWhereIsMyOrder_GivesTheLatestOrderAndItsStatus()
    {
        var account = (await Api().DemoAccountsAsync())[2];
        var chat = await Api().StartAsync();
        await VerifyAsync(chat, account);

        var turn = await chat.SayAsync("where is my order?");

        var latest = (await Api().DemoAccountsAsync()).Single(a => a.Phone == account.Phone).Orders[0];
        Assert.Contains(latest.Id, turn.Reply, StringComparison.Ordinal);
        Assert.Contains(StatusWords.OfApiStatus(latest.Status), turn.Reply, StringComparison.OrdinalIgnoreCase);
        Assert.True(turn.Verified);
        Assert.Equal("assistance", turn.Phase);
    }

    [Fact]
    public async Task Messages_UnverifiedWhereIsMyOrder_RevealsNothingOfTheAccount()
    {
        var account = (await Api().DemoAccountsAsync())[3];
        var customer = (await DemoDatabase.CustomersAsync(app.Factory, Ct)).Single(c => c.Phone == account.Phone);
        var chat = await Api().StartAsync();

        var cold = await chat.SayAsync("where is my order?");
        var named = await chat.SayAsync($"My number is {account.Phone}");
        var again = await chat.SayAsync("where is my order?");

        var secrets = account.Orders.Select(o => o.Id)
            .Concat([account.Pincode, account.City, customer.Email])
            .Concat(customer.AddressLines)
            .ToList();
        Assert.All([cold, named, again], turn =>
        {
            Assert.False(turn.Verified);
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, turn.Reply, StringComparison.OrdinalIgnoreCase));
        });
    }

    [Fact]
    public async Task Messages_RefundForOwnOrder_HandsOverToAPerson()
    {
        var (customer, order) = await DemoDatabase.CustomerWithOrderAsync(app.Factory,
            o => o.Requestable, Ct);
        var account = (await Api().DemoAccountsAsync()).Single(a => a.Phone == customer.Phone);
        var chat = await Api().StartAsync();
        await VerifyAsync(chat, account);

        var turn = await chat.SayAsync($"I want a refund for order {order.Id}");

        Assert.True(turn.Escalated);
        Assert.Equal("human", turn.Owner);
        Assert.Equal("pending", turn.Status);
        Assert.Contains(order.Id, turn.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_HindiQuestionAfterVerification_AnswersInDevanagari()
    {
        var account = (await Api().DemoAccountsAsync())[4];
        var chat = await Api().StartAsync();
        await VerifyAsync(chat, account);

        var turn = await chat.SayAsync("मेरा ऑर्डर कहाँ है?");

        Assert.True(Scripts.HasDevanagari(turn.Reply), turn.Reply);
        Assert.Equal("hi", turn.Language);
        Assert.Contains(account.Orders[0].Id, turn.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_ThreeWrongPincodes_EndTheConversation()
    {
        var account = (await Api().DemoAccountsAsync())[5];
        var chat = await Api().StartAsync();

        var last = await LockOutAsync(chat, account);

        Assert.Equal("ended", last.Phase);
        Assert.False(last.Verified);
        Assert.DoesNotContain(account.Pincode, last.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_TwoSentAtOnce_BothAnsweredOnceEachInTurn()
    {
        var chat = await Api().StartAsync();
        const string First = "hello";
        const string Second = "how long do refunds take for UPI?";

        var turns = await Task.WhenAll(chat.SayAsync(First), chat.SayAsync(Second));

        Assert.All(turns, turn => Assert.False(string.IsNullOrWhiteSpace(turn.Reply)));
        var messages = (await DemoDatabase.ConversationAsync(app.Factory, chat.Id, Ct)).Messages
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToList();
        Assert.Equal([Author.Assistant, Author.Customer, Author.Assistant, Author.Customer, Author.Assistant], messages.Select(m => m.Author));
        Assert.Equal([First, Second], messages.Where(m => m.Author == Author.Customer).Select(m => m.Text).Order());
        Assert.Equal(turns.Select(t => t.Reply).Order(), messages.Skip(1).Where(m => m.Author == Author.Assistant).Select(m => m.Text).Order());
    }

    private CustomerApi Api() => new(app.Factory.CreateClient());

    private static async Task VerifyAsync(CustomerChat chat, DemoAccountReply account)
    {
        await chat.SayAsync($"My number is {account.Phone}");
        var verified = await chat.SayAsync($"My pincode is {account.Pincode}");
        Assert.True(verified.Verified, verified.Reply);
    }

    /// <summary>Names the account, then fails the pincode three times.</summary>
    private static async Task<TurnReply> LockOutAsync(CustomerChat chat, DemoAccountReply account)
    {
        var wrong = account.Pincode == "999999" ? "999998" : "999999";
        await chat.SayAsync($"My number is {account.Phone}");
        await chat.SayAsync($"My pincode is {wrong}");
        await chat.SayAsync($"My pincode is {wrong}");
        return await chat.SayAsync($"My pincode is {wrong}");
    }

    /// <summary>A believable long message of exactly <paramref name="length"/> characters.</summary>
    private static string LongText(int length)
    {
        const string Sentence = "My parcel still has not arrived and nobody has told me why. ";
        // Ends on a full stop: the service trims surrounding spaces, which would change the length.
        return string.Concat(Enumerable.Repeat(Sentence, length / Sentence.Length + 1))[..(length - 1)] + ".";
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal((int)expected, problem.RootElement.GetProperty("status").GetInt32());
    }
}
