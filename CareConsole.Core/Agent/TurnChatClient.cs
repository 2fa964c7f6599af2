using Microsoft.Extensions.AI;

namespace CareConsole.Core.Agent;

/// <summary>
/// What the model is shown on each call of a turn, decided again before every call because a turn can change the
/// conversation (a customer verified halfway through is offered their orders on the next call): the instructions
/// for the conversation as it stands, and only the tools its phase offers, under their own names.
/// </summary>
/// <remarks>
/// Semantic Kernel names a plugin's function <c>Plugin_function</c>; the model knows the tools as the prompts and
/// the tools' own descriptions call them (<c>find_account</c>), so names are translated both ways here. Plugin
/// names are single words, so the function's name is everything after the first underscore.
/// </remarks>
internal sealed class TurnChatClient(
    ModelRouter.ModelSession session,
    AgentTurn turn,
    AgentAudience audience,
    Func<CancellationToken, Task<string>> instructions) : DelegatingChatClient(session)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var known = (options?.Tools ?? []).OfType<AIFunctionDeclaration>().ToDictionary(t => OwnName(t.Name), StringComparer.Ordinal);
        var ownNames = known.ToDictionary(k => k.Value.Name, k => k.Key, StringComparer.Ordinal);
        var shown = options?.Clone() ?? new ChatOptions();
        shown.Instructions = await instructions(cancellationToken);
        shown.Tools = ToolOffer.For(turn.Conversation.Phase, audience)
            .Where(known.ContainsKey)
            .Select(name => (AITool)AIFunctionFactory.CreateDeclaration(name, known[name].Description, known[name].JsonSchema, known[name].ReturnJsonSchema))
            .ToList();

        var response = await base.GetResponseAsync(messages.Select(m => WithCallNames(m, name => ownNames.GetValueOrDefault(name, name))), shown, cancellationToken);
        turn.Provider = session.Provider;
        response.Messages = response.Messages
            .Select(m => WithCallNames(m, name => known.TryGetValue(name, out var tool) ? tool.Name : name))
            .ToList();
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Names are translated on whole answers; a turn's reply is read whole anyway.
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    private static string OwnName(string kernelName) => kernelName[(kernelName.IndexOf('_', StringComparison.Ordinal) + 1)..];

    /// <summary>The message with its function calls renamed; a new message, so the turn's own history is left as it was.</summary>
    private static ChatMessage WithCallNames(ChatMessage message, Func<string, string> rename)
    {
        if (!message.Contents.OfType<FunctionCallContent>().Any())
        {
            return message;
        }
        var renamed = message.Clone();
        renamed.Contents = message.Contents
            .Select(c => c is FunctionCallContent call
                ? new FunctionCallContent(call.CallId, rename(call.Name), call.Arguments) { Exception = call.Exception, RawRepresentation = call.RawRepresentation }
                : c)
            .ToList();
        return renamed;
    }
}
