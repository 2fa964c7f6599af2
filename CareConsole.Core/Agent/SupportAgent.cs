using CareConsole.Core.Agent.Replies;
using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;

namespace CareConsole.Core.Agent;

/// <summary>What the agent answers to one customer message.</summary>
public sealed record AgentReply(string Text, IReadOnlyList<Citation> Citations, string Provider);

/// <summary>
/// The AI support agent: runs the tool loop for one customer message. The model proposes; this class and the
/// tools decide what is offered, what runs, and, where it matters (refunds, lock-outs, failures), what is said.
/// </summary>
public sealed class SupportAgent(
    ModelRouter models,
    PromptLibrary prompts,
    ReplyBook replies,
    IKnowledgeIndex knowledge,
    AgentSettings settings,
    TimeProvider clock)
{
    /// <summary>
    /// Answers the latest customer message of <paramref name="conversation"/>, which must already be stored. Tool
    /// effects land on the tracked conversation; the caller saves them with the reply.
    /// </summary>
    public async Task<AgentReply> ReplyAsync(CareDbContext db, Conversation conversation, CancellationToken cancellationToken)
    {
        var turn = new AgentTurn(db, conversation, settings, knowledge, replies, clock);
        var toolbox = new AgentToolbox(turn);
        var session = models.StartTurn();
        var messages = History(conversation);

        for (var call = 0; call < settings.MaxModelCallsPerTurn; call++)
        {
            var options = new ChatOptions
            {
                Instructions = prompts.InstructionsFor(conversation, await FirstNameAsync(db, conversation, cancellationToken), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)),
                Tools = toolbox.OfferedFor(conversation.Phase),
                ToolMode = ChatToolMode.Auto,
            };

            ChatResponse response;
            try
            {
                response = await session.GetResponseAsync(messages, options, cancellationToken);
            }
            catch (ModelsUnavailableException e)
            {
                conversation.HandOffToHuman(EscalationReason.ProviderFailure, "provider-failure",
                    $"The AI could not answer ({e.Message}). Last message: \"{conversation.Messages.Last(m => m.Author == Author.Customer).Text}\"",
                    EscalationPriority.High, clock.GetUtcNow());
                return new AgentReply(replies.Say("handoff.provider_failure", conversation.Register), turn.Citations, session.Provider);
            }
            turn.Provider = session.Provider;

            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0)
            {
                var text = response.Text.Trim();
                return new AgentReply(turn.ForcedReply ?? (text.Length > 0 ? text : replies.Say("fallback.step_limit", conversation.Register)), turn.Citations, session.Provider);
            }

            messages.AddRange(response.Messages);
            foreach (var functionCall in calls)
            {
                messages.Add(new ChatMessage(ChatRole.Tool, [await toolbox.InvokeAsync(functionCall, cancellationToken)]));
            }
            if (turn.ForcedReply is not null)
            {
                return new AgentReply(turn.ForcedReply, turn.Citations, session.Provider);
            }
        }

        // The model kept calling tools: stop, and say something safe rather than nothing.
        return new AgentReply(replies.Say("fallback.step_limit", conversation.Register), turn.Citations, session.Provider);
    }

    /// <summary>The conversation so far as the model sees it: customer and staff-visible text, newest last.</summary>
    private List<ChatMessage> History(Conversation conversation) =>
        conversation.Messages
            .Where(m => !m.IsPrivateNote && m.Author != Author.System)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .TakeLast(settings.HistoryMessages)
            .Select(m => new ChatMessage(m.Author == Author.Customer ? ChatRole.User : ChatRole.Assistant, m.Text)
            {
                AuthorName = m.Author == Author.Agent ? "support_agent" : null,
            })
            .ToList();

    /// <summary>The first name of the account in play (named or verified), which the model may greet with.</summary>
    private static async Task<string?> FirstNameAsync(CareDbContext db, Conversation conversation, CancellationToken cancellationToken)
    {
        var id = conversation.VerifiedCustomerId ?? conversation.CandidateCustomerId;
        if (id is null)
        {
            return null;
        }
        var name = await db.Customers.AsNoTracking().Where(c => c.Id == id).Select(c => c.FullName).SingleOrDefaultAsync(cancellationToken);
        return name?.Split(' ')[0];
    }
}
