using System.Diagnostics;
using System.Text.Json;
using CareConsole.Core.Agent.Plugins;
using CareConsole.Core.Conversations;
using CareConsole.Core.Orders;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace CareConsole.Core.Agent.Guardrails;

/// <summary>
/// Every function a model asks for passes here before it runs: a call the conversation's phase does not offer is
/// refused (the plugin never runs and the model reads why), bad arguments come back as an error the model can
/// read, every call is recorded on the conversation, and the turn stops when code has chosen the words or the
/// model has used up its calls.
/// </summary>
public sealed class ToolGuard(AgentTurn turn, AgentAudience audience) : IAutoFunctionInvocationFilter
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>Whether a call with this id reached the guard; a name no plugin has never does.</summary>
    public bool Saw(string callId) => _seen.Contains(callId);

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        if (context.ToolCallId is { } callId)
        {
            _seen.Add(callId);
        }
        var name = context.Function.Name;
        var arguments = context.Arguments is null ? [] : context.Arguments.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        object? result;
        string? error = null;
        if (!ToolOffer.For(turn.Conversation.Phase, audience).Contains(name))
        {
            error = $"'{name}' is not available now.";
            result = new ToolRefusal(error + (turn.Conversation.IsVerified ? "" : " " + AccountPlugin.NotVerified));
        }
        else
        {
            try
            {
                await next(context);
                result = context.Result.GetValue<object>();
            }
            catch (Exception e) when (e is ArgumentException or JsonException or FormatException or InvalidOperationException or KernelException)
            {
                // Bad arguments from the model, or a state the conversation no longer allows: the model can recover.
                error = e.Message;
                result = new ToolRefusal($"The call failed: {e.Message}");
            }
            NoteOutcome(name, arguments, result, error);
        }

        // Every model reads the same JSON for a result, whichever provider serves the turn.
        var json = JsonSerializer.SerializeToElement(result, AIJsonUtilities.DefaultOptions);
        context.Result = new FunctionResult(context.Function, json);
        turn.Conversation.RecordToolCall(ToolCall.Create(
            name,
            JsonSerializer.Serialize(arguments, AIJsonUtilities.DefaultOptions),
            json.GetRawText(),
            error,
            clock.Elapsed,
            turn.Provider,
            turn.Now));

        // Once every call the model asked for at once has run: code's own words end the turn, and so does the
        // model's last permitted call (it kept calling tools; the agent says something safe instead).
        if (context.FunctionSequenceIndex == context.FunctionCount - 1)
        {
            if (turn.ForcedReply is null && context.RequestSequenceIndex + 1 >= turn.Settings.MaxModelCallsPerTurn)
            {
                turn.FellBack = true;
            }
            context.Terminate = turn.ForcedReply is not null || turn.FellBack;
        }
    }

    /// <summary>Tells the turn whether a tool that reads or changes what the customer asked about got anywhere.</summary>
    private void NoteOutcome(string name, Dictionary<string, object?> arguments, object? result, string? error)
    {
        switch (name)
        {
            case "search_knowledge":
                var query = arguments.TryGetValue("query", out var value) ? value?.ToString() : null;
                turn.NoteToolResult(error is null && result is KnowledgeResult { Results.Count: > 0 }, $"nothing in the help centre for \"{query}\"");
                break;
            case "get_profile" or "list_orders" or "get_order" or "get_requests" or "request_refund" or "request_return" or "request_replacement" or "cancel_order":
                var refusal = (result as ToolRefusal)?.Error;
                // Said to the person taking over, so in their words ("could not look up order MM240115"), not the tool's name.
                var order = arguments.TryGetValue("orderId", out var orderId) ? OrderNumbers.Normalise(orderId?.ToString()) : null;
                turn.NoteToolResult(error is null && refusal is null, $"{ToolCallWords.Describe(name, order, succeeded: false)}: {error ?? refusal}");
                break;
        }
    }
}
