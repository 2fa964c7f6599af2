using System.Text;
using System.Text.Json.Nodes;
using CareConsole.Core.Conversations;
using CareConsole.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Core.Agent.Privacy;

/// <summary>
/// The console configured with a network model (an OpenAI-compatible server, here a local stub speaking the
/// documented wire format): what the customer types and what the tools read comes to the provider with every kind
/// of personal data replaced by placeholders, while verification still works on the real values.
/// </summary>
public sealed class PersonalDataToProviderTests(TestDatabases databases)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Conversation_WithANetworkModel_ProviderNeverSeesPersonalData_AndTheToolsGetTheRealValues()
    {
        await using var stub = await ProviderStub.StartAsync(Ct);
        stub.Reply(Call("find_account", """{"phone":"[PHONE_1]"}"""))
            .Reply(Text("Thanks! What is the pincode of an address saved on your account?"))
            .Reply(Call("verify_identity", """{"pincode":"[PINCODE_1]"}"""))
            .Reply(Text("Thank you, you are verified."))
            .Reply(Call("get_profile", "{}"))
            .Reply(Text("I have noted it. The e-mail on your account is [EMAIL_1]."));
        await using var app = await CareConsoleFactory.StartAsync(databases, settings: new Dictionary<string, string>
        {
            ["Ai:Provider"] = "OpenAI",
            ["Ai:OpenAI:BaseUrl"] = new Uri(stub.Address, "v1").ToString(),
            ["Ai:OpenAI:Model"] = "support-model",
        });
        var customer = (await DemoDatabase.CustomersAsync(app, Ct))[4];
        var conversations = app.Services.GetRequiredService<ConversationService>();
        var id = (await conversations.StartAsync(Channel.Web, LanguagePreference.Auto, Ct)).Id;
        var phone = $"{customer.Phone[..5]} {customer.Phone[5..]}";

        await conversations.SendAsync(id, $"hi, my number is {phone} and my e-mail is {customer.Email}", TestClients.Next(), Ct);
        var verified = await conversations.SendAsync(id, $"pincode {customer.Pincode}", TestClients.Next(), Ct);
        var last = await conversations.SendAsync(id,
            "मेरे कार्ड 4111 1111 1111 1111 से पैसे कटे, UPI asha.v@okaxis से भी, खाता 123456789012, IFSC HDFC0001234, " +
            "OTP ४८२९१३ आया था। पता: Flat 4B, 12 MG Road", TestClients.Next(), Ct);

        Assert.True(verified.Verified);
        Assert.Contains(customer.Email, last.Reply, StringComparison.Ordinal);
        Assert.Equal(6, stub.Requests.Count);
        var sent = string.Join("\n", stub.Requests.Select(r => Strings(r.Json)));
        var compact = new string([.. sent.Where(c => !char.IsWhiteSpace(c) && c != '-')]);
        string[] personal = [customer.Phone, customer.Email, customer.Pincode, "4111111111111111", "asha.v@okaxis", "123456789012", "HDFC0001234", "482913", "४८२९१३", "MG Road"];
        Assert.All(personal, value => Assert.DoesNotContain(value.Replace(" ", ""), compact, StringComparison.OrdinalIgnoreCase));
        // The provider still read what it needed to: the placeholders, and the profile that came back from the tool.
        Assert.Contains("[PHONE_1]", sent, StringComparison.Ordinal);
        Assert.Contains("[CARD_1]", sent, StringComparison.Ordinal);
        Assert.Contains(customer.FullName, sent, StringComparison.Ordinal);
        // The console itself keeps the real values: the message as typed, and the number the tool was given.
        var conversation = await DemoDatabase.ConversationAsync(app, id, Ct);
        Assert.Contains(conversation.Messages, m => m.Text.Contains(phone, StringComparison.Ordinal));
        Assert.Contains(phone, conversation.ToolCalls.Single(c => c.Name == "find_account").ArgumentsJson, StringComparison.Ordinal);
    }

    /// <summary>Every string in a request body, JSON escapes undone, so Devanagari digits are searched as written.</summary>
    private static string Strings(JsonNode? node)
    {
        var text = new StringBuilder();
        Collect(node, text);
        return text.ToString();

        static void Collect(JsonNode? node, StringBuilder text)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (_, value) in o)
                    {
                        Collect(value, text);
                    }
                    break;
                case JsonArray a:
                    foreach (var value in a)
                    {
                        Collect(value, text);
                    }
                    break;
                case JsonValue v:
                    text.Append(v.ToString()).Append('\n');
                    break;
            }
        }
    }

    private static string Call(string name, string arguments) => Completion(
        new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = $"call_{name}",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
            }),
        },
        "tool_calls");

    private static string Text(string content) => Completion(new JsonObject { ["role"] = "assistant", ["content"] = content }, "stop");

    private static string Completion(JsonObject message, string finishReason) => new JsonObject
    {
        ["id"] = "chatcmpl-private",
        ["object"] = "chat.completion",
        ["created"] = 1767225600,
        ["model"] = "support-model",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason }),
    }.ToJsonString();
}
