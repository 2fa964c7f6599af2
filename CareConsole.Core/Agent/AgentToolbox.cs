using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using CareConsole.Core.Agent.Tools;
using CareConsole.Core.Conversations;
using CareConsole.Core.Orders;
using Microsoft.Extensions.AI;

namespace CareConsole.Core.Agent;

/// <summary>
/// The tools of one turn as AI functions, which of them each phase offers, and the single place they are
/// invoked: a call to a tool the phase does not offer is refused here, whatever the model asked for, and every
/// call is recorded on the conversation.
/// </summary>
public sealed class AgentToolbox
{
    /// <summary>Before verification: nothing that reads an account.</summary>
    public static readonly IReadOnlyList<string> VerificationTools =
        ["find_account", "verify_identity", "search_knowledge", "escalate_to_human", "end_conversation"];

    /// <summary>After verification: the customer's own account, requests for a person to approve, the help centre.</summary>
    public static readonly IReadOnlyList<string> AssistanceTools =
        ["get_profile", "list_orders", "get_order", "get_requests", "search_knowledge", "request_refund", "request_return",
         "request_replacement", "cancel_order", "escalate_to_human", "end_conversation"];

    /// <summary>
    /// For a draft on the desk: only tools that read, so drafting can neither record a request nor hand over nor
    /// end the chat. Account tools still need a verified customer, as ever.
    /// </summary>
    public static readonly IReadOnlyList<string> DraftTools = ["search_knowledge", "get_profile", "list_orders", "get_order", "get_requests"];

    /// <summary>While a person has the chat: the customer can still prove who they are, and nothing else.</summary>
    public static readonly IReadOnlyList<string> IdentityCheckTools = ["find_account", "verify_identity"];

    private readonly AgentTurn _turn;
    private readonly AgentAudience _audience;
    private readonly Dictionary<string, AIFunction> _functions;

    public AgentToolbox(AgentTurn turn, AgentAudience audience)
    {
        _turn = turn;
        _audience = audience;
        var identity = new IdentityTools(turn);
        var orders = new OrderTools(turn);
        var requests = new RequestTools(turn);
        var conversation = new ConversationTools(turn);
        var knowledge = new KnowledgeTools(turn);
        _functions = new[]
        {
            Function(identity, nameof(IdentityTools.FindAccountAsync), "find_account"),
            Function(identity, nameof(IdentityTools.VerifyIdentityAsync), "verify_identity"),
            Function(orders, nameof(OrderTools.GetProfileAsync), "get_profile"),
            Function(orders, nameof(OrderTools.ListOrdersAsync), "list_orders"),
            Function(orders, nameof(OrderTools.GetOrderAsync), "get_order"),
            Function(requests, nameof(RequestTools.RequestRefundAsync), "request_refund"),
            Function(requests, nameof(RequestTools.RequestReturnAsync), "request_return"),
            Function(requests, nameof(RequestTools.RequestReplacementAsync), "request_replacement"),
            Function(requests, nameof(RequestTools.CancelOrderAsync), "cancel_order"),
            Function(requests, nameof(RequestTools.GetRequestsAsync), "get_requests"),
            Function(knowledge, nameof(KnowledgeTools.SearchKnowledgeAsync), "search_knowledge"),
            Function(conversation, nameof(ConversationTools.EscalateToHuman), "escalate_to_human"),
            Function(conversation, nameof(ConversationTools.EndConversation), "end_conversation"),
        }.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>The tools a model may call in <paramref name="phase"/>; none once the conversation has ended.</summary>
    public IList<AITool> OfferedFor(ConversationPhase phase) => Names(phase).Select(name => (AITool)_functions[name]).ToList();

    /// <summary>
    /// Runs one tool call and records it. Calls the current phase does not offer, unknown names and bad
    /// arguments come back to the model as an error it can read; they never reach the tool.
    /// </summary>
    public async Task<FunctionResultContent> InvokeAsync(FunctionCallContent call, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        object? result;
        string? error = null;
        if (!Names(_turn.Conversation.Phase).Contains(call.Name) || !_functions.TryGetValue(call.Name, out var function))
        {
            error = $"'{call.Name}' is not available now.";
            result = new ToolRefusal(error + (_turn.Conversation.IsVerified ? "" : " " + OrderTools.NotVerified));
        }
        else
        {
            try
            {
                result = await function.InvokeAsync(new AIFunctionArguments(call.Arguments), cancellationToken);
            }
            catch (Exception e) when (e is ArgumentException or JsonException or FormatException or InvalidOperationException)
            {
                // Bad arguments from the model, or a state the conversation no longer allows: the model can recover.
                error = e.Message;
                result = new ToolRefusal($"The call failed: {e.Message}");
            }
            NoteOutcome(call, result, error);
        }

        _turn.Conversation.RecordToolCall(ToolCall.Create(
            call.Name,
            JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions),
            JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions),
            error,
            clock.Elapsed,
            _turn.Provider,
            _turn.Now));
        return new FunctionResultContent(call.CallId, result);
    }

    /// <summary>Tells the turn whether a tool that reads or changes what the customer asked about got anywhere.</summary>
    private void NoteOutcome(FunctionCallContent call, object? result, string? error)
    {
        switch (call.Name)
        {
            case "search_knowledge":
                var query = call.Arguments?.TryGetValue("query", out var value) == true ? value?.ToString() : null;
                _turn.NoteToolResult(error is null && HasResults(result), $"nothing in the help centre for \"{query}\"");
                break;
            case "get_profile" or "list_orders" or "get_order" or "get_requests" or "request_refund" or "request_return" or "request_replacement" or "cancel_order":
                var refusal = Refusal(result);
                // Said to the person taking over, so in their words ("could not look up order MM240115"), not the tool's name.
                var order = call.Arguments?.TryGetValue("orderId", out var orderId) == true ? OrderNumbers.Normalise(orderId?.ToString()) : null;
                _turn.NoteToolResult(error is null && refusal is null, $"{ToolCallWords.Describe(call.Name, order, succeeded: false)}: {error ?? refusal}");
                break;
        }
    }

    // AIFunction hands back what the model will read: the tool's record serialised to JSON, not the record itself.
    private static bool HasResults(object? result) => result switch
    {
        KnowledgeResult knowledge => knowledge.Results.Count > 0,
        JsonElement { ValueKind: JsonValueKind.Object } json => json.TryGetProperty("results", out var results)
            && results.ValueKind == JsonValueKind.Array && results.GetArrayLength() > 0,
        _ => false,
    };

    private static string? Refusal(object? result) => result switch
    {
        ToolRefusal refusal => refusal.Error,
        JsonElement { ValueKind: JsonValueKind.Object } json when json.TryGetProperty("error", out var message) => message.ToString(),
        _ => null,
    };

    private IReadOnlyList<string> Names(ConversationPhase phase)
    {
        IReadOnlyList<string> names = phase switch
        {
            ConversationPhase.Verification => VerificationTools,
            ConversationPhase.Assistance => AssistanceTools,
            _ => [],
        };
        return _audience switch
        {
            AgentAudience.DeskDraft => [.. names.Intersect(DraftTools)],
            AgentAudience.IdentityChecks => [.. names.Intersect(IdentityCheckTools)],
            _ => names,
        };
    }

    private static AIFunction Function(object target, string method, string name) =>
        AIFunctionFactory.Create(
            target.GetType().GetMethod(method, BindingFlags.Public | BindingFlags.Instance)
                ?? throw new InvalidOperationException($"{target.GetType().Name}.{method} does not exist."),
            target,
            new AIFunctionFactoryOptions { Name = name });
}
