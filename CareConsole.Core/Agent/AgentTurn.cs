using CareConsole.Core.Agent.Replies;
using CareConsole.Core.Clients;
using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Escalations;
using CareConsole.Core.Knowledge;
using CareConsole.Core.Orders;
using CareConsole.Core.Verification;
using Microsoft.SemanticKernel;

namespace CareConsole.Core.Agent;

/// <summary>
/// What one customer turn works on: the conversation (its state is the only source of who the customer is),
/// the database, and what the turn has gathered so far.
/// </summary>
public sealed class AgentTurn(
    CareDbContext db,
    Conversation conversation,
    ClientKey client,
    AgentSettings settings,
    IKnowledgeIndex knowledge,
    IdentityVerifier verifier,
    ReplyBook replies,
    TimeProvider clock)
{
    private const string KernelKey = "careconsole.turn";

    /// <summary>The turn a kernel was made for: plugins are described once per process and work on the turn of the kernel that calls them.</summary>
    public static AgentTurn Of(Kernel kernel) =>
        kernel.Data.TryGetValue(KernelKey, out var turn) && turn is AgentTurn agentTurn
            ? agentTurn
            : throw new InvalidOperationException("This kernel carries no conversation turn.");

    /// <summary>A kernel over <paramref name="plugins"/> for this turn.</summary>
    public Kernel Kernel(KernelPluginCollection plugins)
    {
        var kernel = new Kernel(plugins: plugins);
        kernel.Data[KernelKey] = this;
        return kernel;
    }

    public CareDbContext Db => db;
    public Conversation Conversation => conversation;

    /// <summary>Where the customer's message came from; identity checks count failures per client too.</summary>
    public ClientKey Client => client;

    public IdentityVerifier Verifier => verifier;
    public AgentSettings Settings => settings;
    public IKnowledgeIndex Knowledge => knowledge;
    public ReplyBook Replies => replies;
    public DateTimeOffset Now => clock.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    /// <summary>The store's rules as the help centre states them now.</summary>
    public StorePolicy Policy => StorePolicy.From(knowledge.Knowledge);

    /// <summary>Facts as the customer reads them, in the conversation's register.</summary>
    public Wording Wording => new(replies, conversation.Register, Today);

    /// <summary>Help-centre articles found this turn, best first; the reply cites them.</summary>
    public List<Citation> Citations { get; } = [];

    /// <summary>
    /// Set by a guardrail when code must choose the words (a recorded refund, a closed chat): it replaces whatever
    /// the model would say, so no model can claim a refund was done or keep talking after a lock-out.
    /// </summary>
    public string? ForcedReply { get; private set; }

    /// <summary>Adds what code must say this turn; several guardrails in one turn are all said, in order.</summary>
    public void Say(string text) => ForcedReply = ForcedReply is null ? text : ForcedReply + "\n\n" + text;

    /// <summary>The provider serving the turn right now, recorded with each tool call.</summary>
    public string Provider { get; set; } = "Offline";

    /// <summary>The change described to the customer this turn, waiting for their yes; one per turn.</summary>
    public PendingChange? ProposedChange { get; set; }

    /// <summary>Requests recorded this turn that wait for a person's approval.</summary>
    public List<PendingApproval> Approvals { get; } = [];

    /// <summary>The model's own decision to hand over (escalate_to_human), applied once the turn is done.</summary>
    public EscalationDecision? HandOver { get; set; }

    /// <summary>The agent gave its safe fallback instead of an answer (the model kept calling tools).</summary>
    public bool FellBack { get; set; }

    private int _usefulTools;
    private int _failedTools;
    private string? _trouble;

    /// <summary>
    /// Notes whether a tool that ran brought anything the customer needed: an empty help-centre search, a missing
    /// order or a failed call did not. Identity and hand-over tools are not counted; they say nothing about help.
    /// </summary>
    public void NoteToolResult(bool useful, string? trouble)
    {
        if (useful)
        {
            _usefulTools++;
            return;
        }
        _failedTools++;
        _trouble = trouble;
    }

    /// <summary>How the turn went, for the escalation rules: unhelpful when it fell back or every counted tool failed.</summary>
    public TurnOutcome Outcome()
    {
        var helped = !FellBack && (_failedTools == 0 || _usefulTools > 0);
        return new TurnOutcome(helped, helped ? null : FellBack ? "the assistant gave up on the question" : _trouble, false, Approvals) { HandOver = HandOver };
    }
}
