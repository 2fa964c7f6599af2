using System.Globalization;
using CareConsole.Core.Conversations;

namespace CareConsole.Core.Agent;

/// <summary>
/// The system instructions: the brief of the phase (Prompts/{phase}.md), the language to answer in
/// (Prompts/register.{register}.md), then a short state block the model reads: where the conversation stands, as
/// facts the code vouches for.
/// </summary>
public sealed class PromptLibrary
{
    private readonly Dictionary<string, string> _prompts;

    private PromptLibrary(Dictionary<string, string> prompts) => _prompts = prompts;

    public static PromptLibrary Default { get; } = Load();

    /// <param name="conversation">The conversation being answered.</param>
    /// <param name="firstName">The verified customer's first name, if any.</param>
    /// <param name="today">Today's date where the store is; models do not know it otherwise.</param>
    /// <param name="audience">Who reads the answer: drafts for the desk have a prompt of their own, and are told what the hand-off is about.</param>
    public string InstructionsFor(Conversation conversation, string? firstName, DateOnly today, AgentAudience audience)
    {
        var phase = audience == AgentAudience.DeskDraft ? "draft"
            : conversation.Phase == ConversationPhase.Assistance ? "assistance"
            : "verification";
        var register = conversation.Register switch
        {
            Register.Hindi => "hi",
            Register.Hinglish => "hinglish",
            _ => "en",
        };
        var state = new ConversationState(
            conversation.Phase,
            PhoneGiven: conversation.ClaimedPhone is not null || conversation.IsVerified,
            firstName,
            conversation.VerificationAttemptsLeft,
            conversation.Register,
            today,
            audience,
            audience == AgentAudience.DeskDraft ? HandOffSubject.Of(conversation) : null);
        return _prompts[phase] + "\n\n" + _prompts[$"register.{register}"] + "\n\n" + state.Write();
    }

    private static PromptLibrary Load()
    {
        var assembly = typeof(PromptLibrary).Assembly;
        const string prefix = "CareConsole.Core.Agent.Prompts.";
        var prompts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".md", StringComparison.Ordinal))
            .ToDictionary(
                name => name[prefix.Length..^".md".Length],
                name =>
                {
                    using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                    return reader.ReadToEnd().Trim();
                });
        return new PromptLibrary(prompts);
    }
}

/// <summary>
/// The facts about a conversation the model is told at every step, as "key: value" lines under a heading. Any
/// model can read them as text; the offline model parses them with <see cref="Read"/>.
/// </summary>
/// <param name="HandOff">For a desk draft, what the open hand-off is about; null otherwise.</param>
public sealed record ConversationState(
    ConversationPhase Phase,
    bool PhoneGiven,
    string? FirstName,
    int IdentityChecksLeft,
    Register Register,
    DateOnly Today,
    AgentAudience Audience = AgentAudience.Customer,
    HandOffSubject? HandOff = null)
{
    private const string Heading = "## Conversation state";

    public string Write() => string.Join('\n',
    [
        Heading,
        $"phase: {Phase.ToString().ToLowerInvariant()}",
        $"phone_given: {(PhoneGiven ? "yes" : "no")}",
        $"customer_first_name: {FirstName ?? "unknown"}",
        $"identity_checks_left: {IdentityChecksLeft}",
        $"reply_register: {Register}",
        $"today: {Today:yyyy-MM-dd}",
        $"writing_for: {(Audience == AgentAudience.DeskDraft ? "desk_draft" : "customer")}",
        .. HandOff?.Lines() ?? [],
    ]);

    /// <summary>Reads the block back from instructions; null when there is none.</summary>
    public static ConversationState? Read(string? instructions)
    {
        var start = instructions?.LastIndexOf(Heading, StringComparison.Ordinal) ?? -1;
        if (start < 0)
        {
            return null;
        }
        var values = instructions![(start + Heading.Length)..]
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(':', 2, StringSplitOptions.TrimEntries))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
        return new ConversationState(
            Enum.TryParse<ConversationPhase>(values.GetValueOrDefault("phase"), ignoreCase: true, out var phase) ? phase : ConversationPhase.Verification,
            values.GetValueOrDefault("phone_given") == "yes",
            values.GetValueOrDefault("customer_first_name") is { } name && name != "unknown" ? name : null,
            int.TryParse(values.GetValueOrDefault("identity_checks_left"), out var left) ? left : Conversation.MaxVerificationAttempts,
            Enum.TryParse<Register>(values.GetValueOrDefault("reply_register"), ignoreCase: true, out var register) ? register : Register.English,
            DateOnly.TryParseExact(values.GetValueOrDefault("today"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var today)
                ? today
                : DateOnly.FromDateTime(DateTime.UtcNow),
            values.GetValueOrDefault("writing_for") == "desk_draft" ? AgentAudience.DeskDraft : AgentAudience.Customer,
            HandOffSubject.From(values));
    }
}
