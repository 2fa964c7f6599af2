using System.Globalization;
using System.Text.Json;
using CareConsole.Core.Agent.Replies;
using CareConsole.Core.Conversations;
using CareConsole.Core.Orders;
using Microsoft.Extensions.AI;

namespace CareConsole.Core.Agent.Models.Offline;

/// <summary>
/// A deterministic model that needs no network: it reads the customer's message with keyword and slot rules,
/// asks for the same tool calls a real model would (so the whole tool path and every guardrail run), and phrases
/// its answer from the tool results with the reply texts, in the customer's register.
/// </summary>
/// <remarks>
/// Each call looks at the last customer message and the tool results that followed it in this turn, asks for the
/// next tool the message still needs (only ones on offer), and answers once none is left.
/// </remarks>
public sealed class OfflineChatClient(ReplyBook replies) : IChatClient
{
    public const string ProviderName = "Offline";

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var history = messages.ToList();
        var state = ConversationState.Read(options?.Instructions)
            ?? new ConversationState(ConversationPhase.Verification, false, null, Conversation.MaxVerificationAttempts, Register.English, DateOnly.FromDateTime(DateTime.UtcNow));
        var offered = (options?.Tools ?? []).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        var lastCustomer = history.FindLastIndex(m => m.Role == ChatRole.User);
        var message = MessageReader.Read(state.Audience == AgentAudience.DeskDraft
            ? SinceAPersonReplied(history)
            : lastCustomer >= 0 ? history[lastCustomer].Text : "", OrderJustTalkedAbout(history, lastCustomer));
        var results = ResultsSince(history, Math.Max(lastCustomer, 0));
        // A question asked before the customer proved who they are is answered as soon as they have.
        if (state.Audience == AgentAudience.Customer && !message.NeedsAccount && !message.WantsPerson
            && results.Any(r => r.Name == "verify_identity" && r.Flag("verified"))
            && AskedBeforeVerifying(history, lastCustomer) is { } earlier)
        {
            message = earlier;
        }

        var next = new OfflinePlan(message, state, offered, results).NextCall();
        var reply = next is not null
            ? new ChatMessage(ChatRole.Assistant, [new FunctionCallContent($"offline-{results.Count + 1}", next.Value.Name, next.Value.Arguments)])
            : new ChatMessage(ChatRole.Assistant, new OfflineAnswer(message, state, results, replies).Compose());
        return Task.FromResult(new ChatResponse(reply)
        {
            ModelId = ProviderName,
            FinishReason = next is null ? ChatFinishReason.Stop : ChatFinishReason.ToolCalls,
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata(ProviderName)
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    /// <summary>
    /// What a draft for the desk answers: the customer's messages since a person last wrote to them (the assistant's
    /// answers do not count, it handed over), the last few, as one text.
    /// </summary>
    private static string SinceAPersonReplied(List<ChatMessage> history)
    {
        var lastPerson = history.FindLastIndex(m => m.Role == ChatRole.Assistant && m.AuthorName == SupportAgent.DeskAuthorName);
        return string.Join("\n", history.Skip(lastPerson + 1).Where(m => m.Role == ChatRole.User).Select(m => m.Text).TakeLast(MessagesPerDraft));
    }

    private const int MessagesPerDraft = 3;

    /// <summary>The one order the assistant's answer before the customer's message was about, if it named exactly one.</summary>
    private static string? OrderJustTalkedAbout(List<ChatMessage> history, int current)
    {
        var before = history.Take(Math.Max(current, 0)).LastOrDefault(m => m.Role == ChatRole.Assistant && m.Text.Length > 0);
        var named = OrderNumbers.All(before?.Text).ToList();
        return named.Count == 1 ? named[0] : null;
    }

    /// <summary>The latest earlier customer message that needed the account, looking back a few messages.</summary>
    private static MessageUnderstanding? AskedBeforeVerifying(List<ChatMessage> history, int current) =>
        history.Take(Math.Max(current, 0))
            .Where(m => m.Role == ChatRole.User)
            .TakeLast(LookBack)
            .Reverse()
            .Select(m => MessageReader.Read(m.Text))
            .FirstOrDefault(m => m.NeedsAccount && !m.WantsPerson);

    private const int LookBack = 6;

    /// <summary>The tool calls made since the customer's message, with what each returned, in order.</summary>
    private static List<ToolOutcome> ResultsSince(List<ChatMessage> history, int from)
    {
        var calls = history.Skip(from).SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToDictionary(c => c.CallId);
        return history.Skip(from)
            .SelectMany(m => m.Contents)
            .OfType<FunctionResultContent>()
            .Where(r => calls.ContainsKey(r.CallId))
            .Select(r => new ToolOutcome(calls[r.CallId].Name, calls[r.CallId].Arguments ?? new Dictionary<string, object?>(), ToJson(r.Result)))
            .ToList();
    }

    private static JsonElement ToJson(object? result) => result switch
    {
        JsonElement element => element,
        null => JsonSerializer.SerializeToElement<object?>(null),
        _ => JsonSerializer.SerializeToElement(result, result.GetType(), AIJsonUtilities.DefaultOptions),
    };
}

/// <summary>A tool call of this turn and its result as JSON.</summary>
internal sealed record ToolOutcome(string Name, IDictionary<string, object?> Arguments, JsonElement Result)
{
    public bool Has(string property) => Result.ValueKind == JsonValueKind.Object && Result.TryGetProperty(property, out _);

    public string? Text(string property) =>
        Result.ValueKind == JsonValueKind.Object && Result.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public bool Flag(string property) =>
        Result.ValueKind == JsonValueKind.Object && Result.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.True;

    public int Number(string property) =>
        Result.ValueKind == JsonValueKind.Object && Result.TryGetProperty(property, out var value) && value.TryGetInt32(out var number) ? number : 0;

    public string? Argument(string name) => Arguments.TryGetValue(name, out var value) ? value?.ToString() : null;
}

/// <summary>Which tool the message still needs, given what is on offer and what already ran this turn.</summary>
internal sealed class OfflinePlan(MessageUnderstanding message, ConversationState state, HashSet<string> offered, List<ToolOutcome> done)
{
    public (string Name, Dictionary<string, object?> Arguments)? NextCall()
    {
        if (state.Audience == AgentAudience.DeskDraft)
        {
            return NextForDraft();
        }
        if (message.WantsPerson && Call("escalate_to_human", ("reason", "customer_request"), ("summary", message.Text), ("priority", "normal")) is { } handOver)
        {
            return handOver;
        }

        if (message.Phone is not null && Call("find_account", ("phone", message.Phone)) is { } lookup)
        {
            return lookup;
        }
        var phoneTaken = done.Any(d => d.Name == "find_account" && d.Flag("accepted") && !d.Flag("checksPaused"))
            || (state.PhoneGiven && !done.Any(d => d.Name == "find_account"));
        // Only a pincode is proof; a city alone is answered by asking for the pincode, with no check spent.
        if (phoneTaken && message.OffersIdentity && message.Pincode is not null
            && Call("verify_identity", ("pincode", message.Pincode)) is { } check)
        {
            return check;
        }

        if (message.RequestStatus && Call("get_requests", ("orderId", message.OrderId)) is { } requests)
        {
            return requests;
        }
        if (message.Action is { } action && !message.ActionIsQuestion && !message.RequestStatus)
        {
            // "Can I return MM…?" asks what is possible: the order's facts answer it, and nothing is recorded.
            // Cancelling only ever proposes and asks, so a question about it may go to the tool.
            var next = message.Hypothetical && action != ActionKind.Cancellation ? NextForOrder() : NextForAction(action);
            if (next is not null)
            {
                return next;
            }
        }
        if (message.Complaint && message.Action is null && NextForOrder() is { } complaint)
        {
            return complaint;
        }
        if (message.Order == OrderQuestion.Track)
        {
            if (message.OrderId is not null && Call("get_order", ("orderId", message.OrderId)) is { } order)
            {
                return order;
            }
            if (message.OrderId is null && Call("list_orders", ("limit", 3)) is { } latest)
            {
                return latest;
            }
        }
        if (message.Order == OrderQuestion.List && Call("list_orders", ("limit", 5)) is { } list)
        {
            return list;
        }
        if (message.Profile && Call("get_profile") is { } profile)
        {
            return profile;
        }

        // General questions go to the help centre, unless the message was about the account (answered above, or
        // waiting for verification) or only small talk.
        var smallTalk = message.SmallTalk;
        var aboutAccount = message.NeedsAccount || message.Phone is not null || message.Pincode is not null || done.Count > 0;
        if (!smallTalk && !aboutAccount && (message.HelpQuestion || message.ActionIsQuestion)
            && Call("search_knowledge", ("query", message.Text)) is { } search)
        {
            return search;
        }

        if (message.Bye && !message.NeedsAccount && Call("end_conversation", ("resolved", true)) is { } end)
        {
            return end;
        }
        return null;
    }

    /// <summary>
    /// A draft for a person on the desk: first the orders the hand-off is about (the person took the chat over for
    /// them, whatever the customer wrote since), then the facts of the order talked about (the person decides what
    /// to do about it), then what the help centre says on the matter, unless the customer only said thanks or hello.
    /// </summary>
    private (string, Dictionary<string, object?>)? NextForDraft()
    {
        var subject = state.HandOff;
        foreach (var handedOver in subject?.Orders ?? [])
        {
            if (LookUpForDraft(handedOver) is { } order)
            {
                return order;
            }
        }
        if (message.OrderId is not null && LookUpForDraft(message.OrderId) is { } named)
        {
            return named;
        }
        // Order talk without a number is about the hand-off's orders when it has some.
        if (message.OrderId is null && subject is not { Orders.Count: > 0 }
            && (message.Order != OrderQuestion.None || (message.Action is not null && !message.ActionIsQuestion))
            && Call("list_orders", ("limit", 3)) is { } latest)
        {
            return latest;
        }
        if (message.Profile && Call("get_profile") is { } profile)
        {
            return profile;
        }
        var smallTalk = (message.Greeting || message.Thanks || message.Bye) && !message.HelpQuestion && message.Action is null;
        // With a hand-off to speak to, "hello?" or "thanks!" needs no article either.
        var pleasantry = subject is not null && (message.Greeting || message.Thanks || message.Bye)
            && message.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length <= 3;
        return smallTalk || pleasantry ? null : Call("search_knowledge", ("query", message.Text));

        // A draft may look up several orders, each once.
        (string, Dictionary<string, object?>)? LookUpForDraft(string orderId) =>
            offered.Contains("get_order") && !done.Any(d => d.Name == "get_order" && d.Argument("orderId") == orderId)
                ? ("get_order", new Dictionary<string, object?> { ["orderId"] = orderId })
                : null;
    }

    /// <summary>The order the message names, or the recent ones to ask which.</summary>
    private (string, Dictionary<string, object?>)? NextForOrder() =>
        message.OrderId is not null ? Call("get_order", ("orderId", message.OrderId)) : Call("list_orders", ("limit", 5));

    private (string, Dictionary<string, object?>)? NextForAction(ActionKind action)
    {
        var tool = action switch
        {
            ActionKind.Refund => "request_refund",
            ActionKind.Return => "request_return",
            ActionKind.Replacement => "request_replacement",
            _ => "cancel_order",
        };
        if (message.OrderId is not null)
        {
            return Call(tool, ("orderId", message.OrderId), ("reason", message.Text));
        }
        // No order number: show the recent ones and ask which (never guess an order to refund).
        return offered.Contains(tool) ? Call("list_orders", ("limit", 5)) : null;
    }

    /// <summary>The call, if the tool is on offer and has not run this turn.</summary>
    private (string, Dictionary<string, object?>)? Call(string name, params (string Key, object? Value)[] arguments)
    {
        if (!offered.Contains(name) || done.Any(d => d.Name == name))
        {
            return null;
        }
        return (name, arguments.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value));
    }
}

/// <summary>Phrases the answer from the tool results of the turn, in the conversation's register.</summary>
internal sealed class OfflineAnswer(MessageUnderstanding message, ConversationState state, List<ToolOutcome> results, ReplyBook replies)
{
    private readonly Wording _wording = new(replies, state.Register, state.Today);

    public string Compose()
    {
        var parts = results.Select(Describe).Where(part => !string.IsNullOrEmpty(part)).ToList();
        if (state.Audience == AgentAudience.DeskDraft && state.HandOff is { } handOff)
        {
            parts.InsertRange(0, DraftAbout(handOff));
        }
        if (parts.Count == 0)
        {
            parts.Add(WithoutTools());
        }
        return string.Join("\n\n", parts);
    }

    private string? Describe(ToolOutcome outcome) => outcome.Name switch
    {
        "escalate_to_human" => Say("escalated"),
        "end_conversation" => Say("bye"),
        // The same words for every number: whether an account has it is not said before proof.
        "find_account" => !outcome.Flag("accepted") ? Say("account.invalid_phone")
            : outcome.Flag("checksPaused") || results.Any(r => r.Name == "verify_identity") ? null
            : message.City is not null && message.Pincode is null ? Say("verify.city_not_enough")
            : Say("phone.noted"),
        "verify_identity" => DescribeCheck(outcome),
        "get_order" => outcome.Has("error") ? Say("order.not_found", ("order", outcome.Argument("orderId") ?? "")) : DescribeOrder(outcome.Result, "order.status"),
        "list_orders" => DescribeOrders(outcome),
        "get_profile" => outcome.Has("error") ? null : DescribeProfile(outcome.Result),
        "search_knowledge" => DescribeKnowledge(outcome),
        "get_requests" => DescribeRequests(outcome),
        // Code has already told the customer what became of the request, in its own words.
        "request_refund" or "request_return" or "request_replacement" or "cancel_order" => null,
        _ => null,
    };

    /// <summary>For a desk draft: where each request the hand-off is about stands, before the orders' facts.</summary>
    private IEnumerable<string> DraftAbout(HandOffSubject handOff) =>
        handOff.Requests.Select(request =>
        {
            var kind = Say("kind." + request.Kind.ToString().ToLowerInvariant());
            var amount = request.Amount.ToString("#,0.##", CultureInfo.InvariantCulture);
            return request.Status switch
            {
                ActionRequestStatus.AwaitingApproval => Say("draft.request.awaiting", ("kind", kind), ("order", request.OrderId), ("amount", amount)),
                ActionRequestStatus.Approved => Say("draft.request.approved", ("kind", kind), ("order", request.OrderId), ("amount", amount)),
                ActionRequestStatus.Rejected => Say("draft.request.rejected", ("kind", kind), ("order", request.OrderId)),
                _ => Say("action.done", ("kind", kind), ("order", request.OrderId)),
            };
        });

    private string WithoutTools()
    {
        if (state.Audience == AgentAudience.DeskDraft)
        {
            return message.Thanks ? Say("thanks") : message.Bye ? Say("bye") : Say("draft.looking");
        }
        if (message.WantsPerson)
        {
            return Say("escalated");
        }
        if (state.Phase == ConversationPhase.Verification && (message.NeedsAccount || message.Pincode is not null || message.City is not null))
        {
            return !state.PhoneGiven ? (message.NeedsAccount ? Say("ask_phone") : Say("verify.need_account"))
                : message.City is not null && message.Pincode is null ? Say("verify.city_not_enough")
                : Say("verify.need_pincode");
        }
        if (message.Greeting)
        {
            return state.Phase == ConversationPhase.Assistance
                ? Say("greeting.assistance", ("name", state.FirstName ?? ""))
                : Say("greeting.verification");
        }
        if (message.Thanks)
        {
            return Say("thanks");
        }
        return message.Bye ? Say("bye") : Say("not_understood");
    }

    private string DescribeCheck(ToolOutcome outcome)
    {
        if (outcome.Flag("checksPaused"))
        {
            // Code has already said why and offered a person, in its own words.
            return "";
        }
        if (outcome.Flag("verified"))
        {
            var verified = Say("verify.ok", ("name", state.FirstName ?? ""));
            // With nothing else asked in the same message, say what can be done next.
            return results.Any(r => r.Name is not ("find_account" or "verify_identity")) ? verified : verified + " " + Say("verify.ok_next");
        }
        var message = outcome.Text("message") ?? "";
        if (message.StartsWith("Ask for the registered", StringComparison.Ordinal))
        {
            return Say("verify.need_account");
        }
        if (message.StartsWith("Ask for the 6-digit", StringComparison.Ordinal))
        {
            return Say("verify.need_pincode");
        }
        var left = outcome.Number("attemptsLeft");
        return outcome.Flag("conversationEnded") ? Say("verification.locked")
            : left == 1 ? Say("verify.failed_last")
            : Say("verify.failed", ("attempts", left.ToString(CultureInfo.InvariantCulture)));
    }

    private string DescribeOrders(ToolOutcome outcome)
    {
        if (outcome.Has("error"))
        {
            return Say("ask_phone");
        }
        var orders = outcome.Result.GetProperty("orders").EnumerateArray().ToList();
        if (orders.Count == 0)
        {
            return Say("order.none");
        }
        if (message.Order == OrderQuestion.Track && message.OrderId is null)
        {
            return DescribeOrder(orders[0], "order.latest");
        }
        var lines = orders.Select(o => "• " + Say("orders.line",
            ("order", o.GetProperty("orderId").GetString() ?? ""),
            ("status", Status(o.GetProperty("status").GetString())),
            ("date", Date(o.GetProperty("placedOn").GetString()))));
        var list = Say("orders.intro") + "\n" + string.Join("\n", lines);
        return (message.Action is not null && !message.ActionIsQuestion) || message.Complaint ? Say("orders.which") + "\n" + list : list;
    }

    private string DescribeOrder(JsonElement order, string key)
    {
        var items = order.TryGetProperty("items", out var itemsValue) && itemsValue.ValueKind == JsonValueKind.Array
            ? string.Join(", ", itemsValue.EnumerateArray().Select(i => i.GetProperty("product").GetString()))
            : order.GetProperty("items").GetString() ?? "";
        var status = order.GetProperty("status").GetString();
        var sentences = new List<string>
        {
            Say(key, ("order", order.GetProperty("orderId").GetString() ?? ""), ("items", items), ("status", Status(status))),
        };
        if (Optional(order, "deliveredOn") is { } delivered)
        {
            sentences.Add(Say("order.delivered_on", ("date", Date(delivered))));
        }
        else if (Optional(order, "estimatedDelivery") is { } eta)
        {
            sentences.Add(eta == state.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                ? Say("order.eta_today")
                : Say("order.eta", ("date", Date(eta))));
        }
        if (Optional(order, "lastLocation") is { } location && status is "shipped" or "in transit" or "out for delivery")
        {
            sentences.Add(Say("order.location", ("location", location)));
        }
        if (message.Action is not null || message.Complaint)
        {
            // What was already asked for and what is still possible, as code worded it from the store's rules.
            if (order.TryGetProperty("requests", out var requests) && requests.ValueKind == JsonValueKind.Array)
            {
                sentences.AddRange(requests.EnumerateArray().Select(r => r.GetString()).OfType<string>());
            }
            if (Optional(order, "options") is { } options)
            {
                sentences.Add(options);
            }
            if (message.Complaint && Optional(order, "options") is not null && Optional(order, "returnWindowEndsOn") is { } ends
                && DateOnly.ParseExact(ends, "yyyy-MM-dd", CultureInfo.InvariantCulture) >= state.Today)
            {
                sentences.Insert(0, Say("complaint.sorry"));
                sentences.Add(Say("complaint.next"));
            }
        }
        return string.Join(" ", sentences);
    }

    private string DescribeProfile(JsonElement profile)
    {
        var membership = profile.GetProperty("membership").GetString() == "none"
            ? Say("membership.none")
            : Say("membership.plus", ("date", Date(Optional(profile, "membershipRenewsOn"))));
        return Say("profile", ("name", profile.GetProperty("name").GetString() ?? ""), ("email", profile.GetProperty("email").GetString() ?? ""), ("membership", membership));
    }

    private string DescribeKnowledge(ToolOutcome outcome)
    {
        var hits = outcome.Result.GetProperty("results").EnumerateArray().ToList();
        // The store's own figures, when the question asked for them, rather than a section that may miss them.
        if (Optional(outcome.Result, "facts") is { } facts && Optional(outcome.Result, "factsFrom") is { } from)
        {
            return Say("knowledge.answer", ("answer", facts), ("title", from));
        }
        if (hits.Count == 0)
        {
            return Say("knowledge.none");
        }
        var best = hits[0];
        return Say("knowledge.answer", ("answer", best.GetProperty("snippet").GetString() ?? ""), ("title", best.GetProperty("title").GetString() ?? ""));
    }

    private string DescribeRequests(ToolOutcome outcome)
    {
        if (outcome.Has("error"))
        {
            return Say("order.not_found", ("order", outcome.Argument("orderId") ?? ""));
        }
        // The latest request of each kind on each order, as the records state it.
        var states = outcome.Result.GetProperty("requests").EnumerateArray()
            .DistinctBy(r => (r.GetProperty("orderId").GetString(), r.GetProperty("kind").GetString()))
            .Take(3)
            .Select(r => r.GetProperty("state").GetString())
            .Concat(outcome.Result.GetProperty("refunds").EnumerateArray().Select(r => r.GetString()))
            .Take(3)
            .ToList();
        if (states.Count > 0)
        {
            return string.Join("\n\n", states);
        }
        return Optional(outcome.Result, "orderStatus") is { } status
            ? Say("state.none", ("order", outcome.Argument("orderId") ?? ""), ("status", Status(status)))
            : Say("state.none_at_all");
    }

    private string Status(string? englishStatus) => _wording.Status(englishStatus);

    private string Date(string? isoDate) => _wording.Date(isoDate);

    private static string? Optional(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private string Say(string key, params ReadOnlySpan<(string Name, string Value)> values) => _wording.Say(key, values);
}
