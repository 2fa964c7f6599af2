using System.Text;
using System.Text.Json;
using CareConsole.Core.Agent.Models;
using Microsoft.Extensions.AI;

namespace CareConsole.Tests.Infrastructure;

/// <summary>What the agent sent to the model in one call, copied at the time of the call.</summary>
public sealed record ScriptedRequest(IReadOnlyList<ChatMessage> Messages, IReadOnlyList<string> ToolNames, string? Instructions)
{
    /// <summary>The tool results the model was shown, oldest first.</summary>
    public IReadOnlyList<FunctionResultContent> ToolResults =>
        Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().ToList();

    /// <summary>The tool results as the JSON the model reads.</summary>
    public string ToolResultsJson => string.Join("\n", ToolResults.Select(r => Json(r.Result)));

    /// <summary>Everything the model could read in this call: instructions, every message, tool calls and results.</summary>
    public string AllText()
    {
        var text = new StringBuilder(Instructions).AppendLine();
        foreach (var content in Messages.SelectMany(m => m.Contents))
        {
            text.AppendLine(content switch
            {
                TextContent t => t.Text,
                FunctionCallContent call => $"{call.Name} {Json(call.Arguments)}",
                FunctionResultContent result => Json(result.Result),
                _ => content.ToString(),
            });
        }
        return text.ToString();
    }

    /// <summary>The text of the customer's messages the model was shown.</summary>
    public IEnumerable<string> CustomerTexts => Messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text);

    private static string Json(object? value) => JsonSerializer.Serialize(value, AIJsonUtilities.DefaultOptions);
}

/// <summary>
/// A model that answers from a script: each call takes the next queued step (a text, one or more tool calls, a
/// failure, a hang) and every request is recorded. When the script runs out, <c>whenExhausted</c> decides.
/// </summary>
public sealed class ScriptedChatClient(Func<ScriptedRequest, CancellationToken, Task<ChatResponse>>? whenExhausted = null) : IChatClient
{
    private readonly Lock _gate = new();
    private readonly Queue<Func<ScriptedRequest, CancellationToken, Task<ChatResponse>>> _steps = new();
    private readonly List<ScriptedRequest> _requests = [];
    private int _calls;

    /// <summary>A model that fails every call the way a provider does (5xx, timeout, bad answer).</summary>
    public static ScriptedChatClient AlwaysFailing() =>
        new((_, _) => throw new ChatProviderException("Scripted", "503 Service Unavailable"));

    /// <summary>A model that never answers; only the caller's cancellation ends the call.</summary>
    public static ScriptedChatClient AlwaysHanging() =>
        new(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("Unreachable.");
        });

    /// <summary>A model that asks for the same tool call every time, and so never finishes a turn by itself.</summary>
    public static ScriptedChatClient AlwaysCalling(string name, Dictionary<string, object?> arguments)
    {
        var calls = 0;
        return new((_, _) => Task.FromResult(Response(new ChatMessage(ChatRole.Assistant,
            [new FunctionCallContent($"loop-{Interlocked.Increment(ref calls)}", name, arguments)]))));
    }

    public IReadOnlyList<ScriptedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Steps not yet used.</summary>
    public int Remaining
    {
        get
        {
            lock (_gate)
            {
                return _steps.Count;
            }
        }
    }

    /// <summary>Answers with plain text.</summary>
    public ScriptedChatClient Says(string text) => Then((_, _) => Task.FromResult(Response(new ChatMessage(ChatRole.Assistant, text))));

    /// <summary>Answers with text made from the request, e.g. a model that repeats what its tools returned.</summary>
    public ScriptedChatClient Says(Func<ScriptedRequest, string> text) =>
        Then((request, _) => Task.FromResult(Response(new ChatMessage(ChatRole.Assistant, text(request)))));

    /// <summary>Asks for one tool call.</summary>
    public ScriptedChatClient Calls(string name, Dictionary<string, object?>? arguments = null) => CallsAll((name, arguments));

    /// <summary>Asks for several tool calls in one answer.</summary>
    public ScriptedChatClient CallsAll(params (string Name, Dictionary<string, object?>? Arguments)[] calls) =>
        Then((_, _) =>
        {
            var contents = calls
                .Select(call => (AIContent)new FunctionCallContent($"call-{Interlocked.Increment(ref _calls)}", call.Name, call.Arguments ?? []))
                .ToList();
            return Task.FromResult(Response(new ChatMessage(ChatRole.Assistant, contents)));
        });

    public ScriptedChatClient Then(Func<ScriptedRequest, CancellationToken, Task<ChatResponse>> step)
    {
        lock (_gate)
        {
            _steps.Enqueue(step);
        }
        return this;
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // The agent keeps adding to the list it passes, so keep a copy of what this call saw.
        var request = new ScriptedRequest(
            messages.ToList(),
            options?.Tools?.Select(t => t.Name).ToList() ?? [],
            options?.Instructions);
        Func<ScriptedRequest, CancellationToken, Task<ChatResponse>>? step;
        lock (_gate)
        {
            _requests.Add(request);
            step = _steps.Count > 0 ? _steps.Dequeue() : whenExhausted;
        }
        return step is null
            ? throw new InvalidOperationException($"The script has no step for call {Requests.Count}.")
            : step(request, cancellationToken);
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

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static ChatResponse Response(ChatMessage message) => new(message) { ModelId = "scripted" };
}
