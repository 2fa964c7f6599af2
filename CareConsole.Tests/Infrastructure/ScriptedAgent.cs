using CareConsole.Core;
using CareConsole.Core.Agent;
using CareConsole.Core.Agent.Models.Offline;
using CareConsole.Core.Agent.Replies;
using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Desk;
using CareConsole.Core.Escalations;
using CareConsole.Core.Knowledge;
using CareConsole.Core.Live;
using CareConsole.Core.Trackers;
using CareConsole.Core.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CareConsole.Tests.Infrastructure;

/// <summary>
/// The support agent put together as the app does (AgentServiceCollectionExtensions), with a test's model as the
/// configured provider, running on a test app's database.
/// </summary>
public static class ScriptedAgent
{
    public const string ProviderName = "Scripted";

    /// <summary>The repository's help centre, as the app reads it.</summary>
    public static readonly KnowledgeBase HelpCentre = KnowledgeBase.Load(Path.Combine(RepositoryLayout.RootFrom(AppContext.BaseDirectory), "knowledge"));

    private static readonly Lazy<IKnowledgeIndex> Knowledge = new(() => new HelpCentreIndex(HelpCentre));

    /// <summary>A conversation service whose agent asks <paramref name="primary"/> first and falls back as configured.</summary>
    /// <param name="fallback">The model of last resort; the offline model, as in the app, when not given.</param>
    /// <param name="verification">Limits on failed identity checks; the app's defaults when not given.</param>
    /// <param name="contexts">Where the service gets its database contexts; the app's own when not given.</param>
    public static ConversationService Conversations(CareConsoleFactory app, IChatClient primary, AgentSettings? settings = null, IChatClient? fallback = null,
        VerificationSettings? verification = null, IDbContextFactory<CareDbContext>? contexts = null) =>
        new(contexts ?? Contexts(app), Agent(primary, settings, fallback, verification), app.Services.GetRequiredService<MessageAnalyzer>(),
            Trackers(app), app.Services.GetRequiredService<EscalationPolicy>(), ReplyBook.Default, Locks(app), Feed(app), TimeProvider.System,
            NullLogger<ConversationService>.Instance);

    /// <summary>The desk with <paramref name="primary"/> as the configured model its suggested replies come from.</summary>
    public static DeskService Desk(CareConsoleFactory app, IChatClient primary, IChatClient? fallback = null) =>
        new(Contexts(app), Agent(primary, null, fallback, null), ReplyBook.Default, Knowledge.Value, Locks(app), Feed(app), Trackers(app), TimeProvider.System);

    // The app's own: a test's turns and the app's desk actions on one conversation take turns, as in the app.
    private static ConversationLocks Locks(CareConsoleFactory app) => app.Services.GetRequiredService<ConversationLocks>();

    // The app's own, whose catalog the app's tracker changes refresh.
    private static TrackerRecorder Trackers(CareConsoleFactory app) => app.Services.GetRequiredService<TrackerRecorder>();

    // The app's own, so its screens hear what a test's turns change.
    private static ConversationFeed Feed(CareConsoleFactory app) => app.Services.GetRequiredService<ConversationFeed>();

    private static SupportAgent Agent(IChatClient primary, AgentSettings? settings, IChatClient? fallback, VerificationSettings? verification)
    {
        settings ??= new AgentSettings();
        var router = new ModelRouter(
            new NamedChatClient(ProviderName, primary),
            new NamedChatClient(OfflineChatClient.ProviderName, fallback ?? new OfflineChatClient(ReplyBook.Default)),
            settings,
            NullLogger<ModelRouter>.Instance);
        return new SupportAgent(router, PromptLibrary.Default, ReplyBook.Default, Knowledge.Value, new IdentityVerifier(verification ?? new VerificationSettings()), settings, TimeProvider.System);
    }

    private static IDbContextFactory<CareDbContext> Contexts(CareConsoleFactory app) =>
        app.Services.GetRequiredService<IDbContextFactory<CareDbContext>>();
}
