using System.Text.Json;
using CareConsole.Core.Agent.Guardrails;
using CareConsole.Core.Agent.Replies;
using CareConsole.Core.Agent.Plugins;
using CareConsole.Core.Clients;
using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Escalations;
using CareConsole.Core.Knowledge;
using CareConsole.Core.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SK = Microsoft.SemanticKernel;

namespace CareConsole.Core.Agent;

/// <summary>What the agent answers to one customer message, and how the turn went for the escalation rules.</summary>
/// <param name="Text">The answer; empty when no model could answer (the caller says what happens next).</param>
public sealed record AgentReply(string Text, IReadOnlyList<Citation> Citations, string Provider, TurnOutcome Outcome);

/// <summary>
/// The AI support agent: answers one customer message with a Semantic Kernel kernel made for the turn, whose
/// plugins work on the conversation. The model proposes; the guard filter, the plugins and this class decide what
/// is offered, what runs, and, where it matters (refunds, lock-outs, failures), what is said.
/// </summary>
public sealed class SupportAgent(
    ModelRouter models,
    PromptLibrary prompts,
    ReplyBook replies,
    IKnowledgeIndex knowledge,
    IdentityVerifier verifier,
    AgentSettings settings,
    TimeProvider clock)
{
    /// <summary>How the model is told that an earlier message came from a person on the desk, not the assistant.</summary>
    public const string DeskAuthorName = "support_agent";

    /// <summary>
    /// Answers the latest customer message of <paramref name="conversation"/>, which must already be stored. Tool
    /// effects land on the tracked conversation; the caller saves them with the reply.
    /// </summary>
    /// <param name="db">The turn's context; tool effects land on its tracked conversation.</param>
    /// <param name="conversation">The conversation, its latest customer message stored.</param>
    /// <param name="client">Where the message came from: identity checks count failures per client too.</param>
    /// <param name="cancellationToken">Cancels the turn.</param>
    public Task<AgentReply> ReplyAsync(CareDbContext db, Conversation conversation, ClientKey client, CancellationToken cancellationToken) =>
        RunAsync(db, conversation, client, AgentAudience.Customer, cancellationToken);

    /// <summary>
    /// Drafts what a person on the desk could send next, from the same model, help centre and account tools (only
    /// the ones that read). The caller must not save <paramref name="conversation"/>: a draft leaves no trace.
    /// </summary>
    public Task<AgentReply> DraftForDeskAsync(CareDbContext db, Conversation conversation, CancellationToken cancellationToken) =>
        RunAsync(db, conversation, ClientKey.Named("desk"), AgentAudience.DeskDraft, cancellationToken);

    /// <summary>
    /// Answers a customer message while a person has the conversation. The AI stays out of it, but a customer handed
    /// over before proving who they are can still do so: code checks the number and pincode they send, and the desk
    /// sees the verified account at once. Anything else, while nobody has taken the chat yet, gets a short word that
    /// a person will answer; once someone has, nothing (empty text).
    /// </summary>
    public async Task<AgentReply> WhileWithPersonAsync(CareDbContext db, Conversation conversation, Message message, ClientKey client, CancellationToken cancellationToken)
    {
        var read = Models.Offline.MessageReader.Read(message.Text);
        if (conversation.Phase == ConversationPhase.Verification && (read.Phone is not null || read.Pincode is not null))
        {
            var checkedReply = await RunAsync(db, conversation, client, AgentAudience.IdentityChecks, cancellationToken);
            return conversation.IsVerified
                ? checkedReply with { Text = replies.Say("verify.ok_person", conversation.Register, ("name", await FirstNameAsync(db, conversation, cancellationToken) ?? "")) }
                : checkedReply;
        }
        var acknowledged = conversation.Messages.Where(m => m.Author is Author.Assistant or Author.Agent && !m.IsPrivateNote).MaxBy(m => m.CreatedAt)?.Text
            == replies.Say("waiting.ack", conversation.Register);
        return conversation.AssigneeId is null && !acknowledged
            ? new AgentReply(replies.Say("waiting.ack", conversation.Register), [], "rules", TurnOutcome.Fine)
            : new AgentReply("", [], "rules", TurnOutcome.Fine);
    }

    private async Task<AgentReply> RunAsync(CareDbContext db, Conversation conversation, ClientKey client, AgentAudience audience, CancellationToken cancellationToken)
    {
        var turn = new AgentTurn(db, conversation, client, settings, knowledge, verifier, replies, clock);
        if (audience == AgentAudience.Customer && await ConfirmedChangeAsync(turn, cancellationToken) is { } confirmed)
        {
            return confirmed;
        }
        var session = audience == AgentAudience.IdentityChecks ? models.StartFallbackTurn() : models.StartTurn();
        var guard = new ToolGuard(turn, audience);
        var kernel = KernelFor(turn, guard);
        using var model = new ChatClientBuilder(new TurnChatClient(session, turn, audience, async token => prompts.InstructionsFor(
                conversation, await FirstNameAsync(db, conversation, token), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
                audience == AgentAudience.DeskDraft ? AgentAudience.DeskDraft : AgentAudience.Customer)))
            .UseKernelFunctionInvocation()
            .Build();
        var history = History(conversation);
        var told = history.Count;

        ChatMessageContent answer;
        try
        {
            answer = await model.AsChatCompletionService().GetChatMessageContentAsync(history, AnyOfTheKernelsFunctions, kernel, cancellationToken);
        }
        catch (ModelsUnavailableException e)
        {
            return new AgentReply("", turn.Citations, session.Provider, TurnOutcome.ProviderDown(e.Message) with { Approvals = turn.Approvals });
        }
        RecordUnknownCalls(turn, guard, history.Skip(told));

        if (turn.ForcedReply is not null)
        {
            return new AgentReply(turn.ForcedReply, turn.Citations, session.Provider, turn.Outcome());
        }
        var text = turn.FellBack ? "" : answer.Content?.Trim() ?? "";
        // The model kept calling tools, or said nothing: something safe rather than nothing.
        turn.FellBack |= text.Length == 0;
        if (text.Length > 0)
        {
            text = await ReplyCheck.CheckAsync(turn, text, cancellationToken);
        }
        return new AgentReply(turn.ForcedReply ?? (text.Length > 0 ? text : replies.Say("fallback.step_limit", conversation.Register)), turn.Citations, session.Provider, turn.Outcome());
    }

    // The invoker knows every function; which of them a model is offered, and may call, is the guard's to decide.
    private static readonly PromptExecutionSettings AnyOfTheKernelsFunctions = new() { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };

    // The four plugins, described once: reading a plugin's methods, their parameters and their schemas took 0.8 ms
    // and 160 KB every turn. Each call works on the turn of the kernel that makes it.
    private static readonly KernelPluginCollection Plugins =
    [
        KernelPluginFactory.CreateFromType<VerificationPlugin>("Verification"),
        KernelPluginFactory.CreateFromType<AccountPlugin>("Account"),
        KernelPluginFactory.CreateFromType<KnowledgePlugin>("Knowledge"),
        KernelPluginFactory.CreateFromType<EscalationPlugin>("Escalation"),
    ];

    /// <summary>The turn's kernel: the four plugins, working on this turn's conversation, behind the guard.</summary>
    private static Kernel KernelFor(AgentTurn turn, ToolGuard guard)
    {
        var kernel = turn.Kernel(Plugins);
        kernel.AutoFunctionInvocationFilters.Add(guard);
        return kernel;
    }

    /// <summary>
    /// Calls to a function no plugin has never reach the guard (the invoker answers that it does not exist): they
    /// are recorded here, so the conversation's trail shows every call a model made.
    /// </summary>
    private static void RecordUnknownCalls(AgentTurn turn, ToolGuard guard, IEnumerable<ChatMessageContent> added)
    {
        foreach (var call in added.SelectMany(m => m.Items).OfType<SK.FunctionCallContent>().Where(c => c.Id is null || !guard.Saw(c.Id)))
        {
            var error = $"'{call.FunctionName}' is not available now.";
            turn.Conversation.RecordToolCall(ToolCall.Create(
                call.FunctionName,
                JsonSerializer.Serialize(call.Arguments?.ToDictionary(a => a.Key, a => a.Value) ?? [], AIJsonUtilities.DefaultOptions),
                JsonSerializer.Serialize(new ToolRefusal(error), AIJsonUtilities.DefaultOptions),
                error,
                TimeSpan.Zero,
                turn.Provider,
                turn.Now));
        }
    }

    /// <summary>
    /// Answers, without any model, a message that confirms or declines the change the assistant asked about last
    /// turn. Only code reads the confirmation, and only in the customer's own next message, so no model's text or
    /// arguments can make a change happen. Null when the message is about something else: the model answers it.
    /// </summary>
    private static async Task<AgentReply?> ConfirmedChangeAsync(AgentTurn turn, CancellationToken cancellationToken)
    {
        var conversation = turn.Conversation;
        if (conversation.TakePendingChange() is not { } change || turn.Now - change.ExpiresAt > StaleFor(turn))
        {
            return null;
        }
        var latest = conversation.Messages.Where(m => m.Author == Author.Customer).MaxBy(m => m.CreatedAt)?.Text ?? "";
        var answer = ConfirmationReader.Read(latest, change.OrderId);
        var fresh = change.ExpiresAt > turn.Now;
        var requests = new OrderChanges(turn);
        var clockStarted = System.Diagnostics.Stopwatch.StartNew();
        switch (answer)
        {
            case Confirmation.Yes when fresh:
                await requests.CarryOutConfirmedAsync(change, cancellationToken);
                break;
            case Confirmation.Yes:
                // Too late, or a question came in between: asked again, so the customer's next yes is to what they see.
                await requests.ProposeAgainAsync(change, cancellationToken);
                break;
            case Confirmation.No:
                turn.Say(turn.Wording.Say("change.kept", ("order", change.OrderId)));
                break;
            case Confirmation.Hesitant:
                turn.Say(turn.Wording.Say("change.hesitant", ("order", change.OrderId)));
                KeepForAsking(conversation, change, turn.Now);
                break;
            default:
                // Something else: the model answers it, and a yes after that is asked about again, never acted on.
                KeepForAsking(conversation, change, turn.Now);
                if (AsksAboutTheChange(latest, change) && fresh)
                {
                    await requests.ProposeAgainAsync(change, cancellationToken);
                    break;
                }
                return null;
        }
        conversation.RecordToolCall(ToolCall.Create(
            "confirmed_change",
            JsonSerializer.Serialize(new { kind = change.Kind.ToString().ToLowerInvariant(), orderId = change.OrderId, answer = answer.ToString().ToLowerInvariant() }),
            JsonSerializer.Serialize(new { said = turn.ForcedReply }),
            null,
            clockStarted.Elapsed,
            "rules",
            turn.Now));
        return new AgentReply(turn.ForcedReply!, [], "rules", turn.Outcome());
    }

    /// <summary>A change asked about and not confirmed stays known, expired, so a later yes is asked about again.</summary>
    private static void KeepForAsking(Conversation conversation, PendingChange change, DateTimeOffset now) =>
        conversation.ProposeChange(change with { ExpiresAt = change.ExpiresAt < now ? change.ExpiresAt : now }, now);

    // A change not confirmed is asked about again for an hour; after that a yes is just a yes.
    private static TimeSpan StaleFor(AgentTurn turn) => TimeSpan.FromHours(1) + turn.Settings.ConfirmationWindow;

    /// <summary>"But when would the refund come?", "what happens to my money then?" right after the offer: said again, in full.</summary>
    private static bool AsksAboutTheChange(string message, PendingChange change)
    {
        var read = Models.Offline.MessageReader.Read(message, change.OrderId);
        return (read.OrderId ?? change.OrderId) == change.OrderId && (read.Action is not null || read.RequestStatus || read.Hypothetical);
    }

    /// <summary>The conversation so far as the model sees it: customer and staff-visible text, newest last.</summary>
    private ChatHistory History(Conversation conversation) =>
        new(conversation.Messages
            .Where(m => !m.IsPrivateNote && m.Author != Author.System)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .TakeLast(settings.HistoryMessages)
            .Select(m => new ChatMessageContent(m.Author == Author.Customer ? AuthorRole.User : AuthorRole.Assistant, m.Text)
            {
                AuthorName = m.Author == Author.Agent ? DeskAuthorName : null,
            }));

    /// <summary>
    /// The verified customer's first name, which the model may greet with. Nothing before proof: not even the name
    /// on the number they gave, which would tell a stranger whose number it is.
    /// </summary>
    private static async Task<string?> FirstNameAsync(CareDbContext db, Conversation conversation, CancellationToken cancellationToken)
    {
        if (conversation.VerifiedCustomerId is not { } id)
        {
            return null;
        }
        var name = await db.Customers.AsNoTracking().Where(c => c.Id == id).Select(c => c.FullName).SingleOrDefaultAsync(cancellationToken);
        return name?.Split(' ')[0];
    }
}
