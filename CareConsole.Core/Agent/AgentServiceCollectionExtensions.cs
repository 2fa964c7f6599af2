using CareConsole.Core.Agent.Models;
using CareConsole.Core.Agent.Models.Offline;
using CareConsole.Core.Agent.Privacy;
using CareConsole.Core.Agent.Replies;
using CareConsole.Core.Conversations;
using CareConsole.Core.Data;
using CareConsole.Core.Desk;
using CareConsole.Core.Escalations;
using CareConsole.Core.Knowledge;
using CareConsole.Core.Knowledge.Search;
using CareConsole.Core.Live;
using CareConsole.Core.Reports;
using CareConsole.Core.Sentiment;
using CareConsole.Core.Trackers;
using CareConsole.Core.Verification;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareConsole.Core.Agent;

/// <summary>The model provider, the agent and the help centre, as configured.</summary>
public sealed record AgentConfiguration(
    ModelProvider Provider,
    GeminiSettings? Gemini,
    OpenAISettings? OpenAI,
    AgentSettings Agent,
    string KnowledgeDirectory,
    EmbeddingSettings? Embeddings = null)
{
    /// <summary>
    /// Whether the help centre also ranks by meaning with the local MiniLM model when the provider brings no
    /// embeddings (<c>Knowledge:LocalEmbeddings</c>, on by default).
    /// </summary>
    public bool LocalEmbeddings { get; init; } = true;

    /// <summary>The escalation policy's rules (<c>Escalation:*</c>).</summary>
    public EscalationSettings Escalation { get; init; } = new();

    /// <summary>When failed identity checks lock a number or a client (<c>Verification:*</c>).</summary>
    public VerificationSettings Verification { get; init; } = new();

    /// <summary>How many customer turns run at once (<c>Turns:*</c>).</summary>
    public TurnSettings Turns { get; init; } = new();

    /// <summary>
    /// Reads <c>Ai:*</c>, <c>Agent:*</c> and <c>Knowledge:Directory</c>. Returns a problem to show instead of
    /// starting when a network provider is chosen without what it needs.
    /// </summary>
    public static (AgentConfiguration? Configuration, string? Problem) From(IConfiguration configuration, string repositoryRoot)
    {
        var providerName = configuration["Ai:Provider"];
        if (!Enum.TryParse<ModelProvider>(string.IsNullOrWhiteSpace(providerName) ? nameof(ModelProvider.Offline) : providerName, ignoreCase: true, out var provider))
        {
            return (null, $"Ai:Provider '{providerName}' is not one of Offline, Gemini, OpenAI.");
        }

        GeminiSettings? gemini = null;
        OpenAISettings? openAI = null;
        if (provider == ModelProvider.Gemini)
        {
            var key = configuration["Ai:Gemini:ApiKey"];
            if (string.IsNullOrWhiteSpace(key))
            {
                return (null, "Ai:Provider is Gemini but Ai:Gemini:ApiKey is not set.");
            }
            var defaults = new GeminiSettings(key);
            gemini = defaults with
            {
                Model = configuration["Ai:Gemini:Model"] is { Length: > 0 } model ? model : defaults.Model,
                BaseUrl = configuration["Ai:Gemini:BaseUrl"] is { Length: > 0 } url ? url : defaults.BaseUrl,
            };
        }
        if (provider == ModelProvider.OpenAI)
        {
            var url = configuration["Ai:OpenAI:BaseUrl"];
            var model = configuration["Ai:OpenAI:Model"];
            if (string.IsNullOrWhiteSpace(url) || string.IsNullOrWhiteSpace(model))
            {
                return (null, "Ai:Provider is OpenAI but Ai:OpenAI:BaseUrl or Ai:OpenAI:Model is not set.");
            }
            openAI = new OpenAISettings(url, configuration["Ai:OpenAI:ApiKey"], model);
        }

        var defaultsForAgent = new AgentSettings();
        var approval = defaultsForAgent.ApprovalRequired;
        if (configuration.GetSection("Agent:ApprovalRequired").Get<string[]>() is { } configured)
        {
            var kinds = new HashSet<ActionKind>();
            foreach (var kind in configured)
            {
                if (!Enum.TryParse<ActionKind>(kind, ignoreCase: true, out var parsed))
                {
                    return (null, $"Agent:ApprovalRequired has '{kind}'; the kinds are Refund, Return, Replacement and Cancellation.");
                }
                kinds.Add(parsed);
            }
            approval = kinds;
        }
        var agent = defaultsForAgent with
        {
            MaxModelCallsPerTurn = Math.Clamp(configuration.GetValue("Agent:MaxModelCallsPerTurn", defaultsForAgent.MaxModelCallsPerTurn), 1, 20),
            ModelTimeout = TimeSpan.FromSeconds(configuration.GetValue("Ai:TimeoutSeconds", defaultsForAgent.ModelTimeout.TotalSeconds)),
            ProviderFailuresBeforePause = Math.Clamp(configuration.GetValue("Ai:PauseAfterFailures", defaultsForAgent.ProviderFailuresBeforePause), 1, 100),
            ProviderPause = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Ai:PauseSeconds", defaultsForAgent.ProviderPause.TotalSeconds), 0, 3600)),
            ApprovalRequired = approval,
            ConfirmationWindow = TimeSpan.FromMinutes(Math.Clamp(configuration.GetValue("Agent:ConfirmationMinutes", defaultsForAgent.ConfirmationWindow.TotalMinutes), 1, 24 * 60)),
            PersonDecidesAbove = Math.Max(0, configuration.GetValue("Agent:PersonDecidesAbove", defaultsForAgent.PersonDecidesAbove)),
        };

        // Embeddings come with the provider: on for Gemini (its embedding model needs no extra setup), opt-in for
        // OpenAI-compatible servers, many of which have none.
        var embeddings = provider switch
        {
            ModelProvider.Gemini => new EmbeddingSettings(
                configuration["Ai:Gemini:EmbeddingModel"] is { Length: > 0 } geminiModel ? geminiModel : GeminiEmbeddingGenerator.DefaultModel),
            ModelProvider.OpenAI when configuration["Ai:OpenAI:EmbeddingModel"] is { Length: > 0 } openAIModel => new EmbeddingSettings(openAIModel),
            _ => null,
        };

        var (escalation, escalationProblem) = Section(configuration, "Escalation", () => new EscalationSettings(), e => e.Problem());
        var (verification, verificationProblem) = Section(configuration, "Verification", () => new VerificationSettings(), v => v.Problem());
        var (turns, turnsProblem) = Section(configuration, "Turns", () => new TurnSettings(), t => t.Problem());
        if ((escalationProblem ?? verificationProblem ?? turnsProblem) is { } problem)
        {
            return (null, problem);
        }

        var knowledge = configuration["Knowledge:Directory"];
        return (new AgentConfiguration(provider, gemini, openAI, agent,
            Path.GetFullPath(string.IsNullOrWhiteSpace(knowledge) ? "knowledge" : knowledge, repositoryRoot), embeddings)
        {
            Escalation = escalation!,
            Verification = verification!,
            Turns = turns!,
            LocalEmbeddings = configuration.GetValue("Knowledge:LocalEmbeddings", true),
        }, null);
    }

    /// <summary>A settings section over its defaults, or the one-line problem with it (unreadable, or values that make no sense).</summary>
    private static (T? Settings, string? Problem) Section<T>(IConfiguration configuration, string name, Func<T> defaults, Func<T, string?> problem)
        where T : class
    {
        T settings;
        try
        {
            settings = configuration.GetSection(name).Get<T>() ?? defaults();
        }
        catch (InvalidOperationException e)
        {
            return (null, $"{name} settings cannot be read: {e.Message}");
        }
        return problem(settings) is { } found ? (null, found) : (settings, null);
    }
}

public static class AgentServiceCollectionExtensions
{
    /// <summary>
    /// The support agent with its models, tools' help centre, the message analysis (sentiment, and trackers from
    /// <see cref="CoreServiceCollectionExtensions.AddCareConsoleCore"/>), the escalation policy, the conversation
    /// service and the desk. The caller registers <see cref="TrackerRefresher"/>, <see cref="TrackerBackfill"/> and
    /// <see cref="ConversationListener"/> once the database is up.
    /// </summary>
    public static IServiceCollection AddCareConsoleAgent(this IServiceCollection services, AgentConfiguration configuration)
    {
        services.AddSingleton(configuration.Agent);
        services.AddSingleton(ReplyBook.Default);
        services.AddSingleton(PromptLibrary.Default);
        if (configuration.Embeddings is { } embedding)
        {
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(provider =>
            {
                var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ModelRouter));
                return new PersonalDataRedactingEmbeddingGenerator(configuration.Provider == ModelProvider.Gemini
                    ? new GeminiEmbeddingGenerator(http, configuration.Gemini!, embedding.Model, embedding.Dimensions)
                    : new OpenAIEmbeddingGenerator(http, configuration.OpenAI!, embedding.Model, embedding.Dimensions));
            });
        }
        else if (configuration.LocalEmbeddings)
        {
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, MiniLmEmbeddingGenerator>();
        }
        services.AddSingleton(provider => new KnowledgeLibrary(
            configuration.KnowledgeDirectory,
            provider.GetRequiredService<ILogger<KnowledgeLibrary>>(),
            provider.GetService<IEmbeddingGenerator<string, Embedding<float>>>(),
            provider.GetService<CareDatabaseSettings>() is { } database
                ? SectionVectorFile.For(database.DataDirectory, configuration.Embeddings is { } model
                    ? $"{configuration.Provider}-{model.Model}-{model.Dimensions}"
                    : MiniLmEmbeddingGenerator.ModelName)
                : null));
        services.AddSingleton<IKnowledgeIndex>(provider => provider.GetRequiredService<KnowledgeLibrary>());
        services.AddHostedService<KnowledgeRefresher>();

        services.AddSingleton<OfflineChatClient>();
        // Retries and timeouts are the router's; the HTTP client only bounds a hung connection.
        services.AddHttpClient(nameof(ModelRouter), http => http.Timeout = configuration.Agent.ModelTimeout + TimeSpan.FromSeconds(5));
        services.AddSingleton(provider =>
        {
            var offline = new NamedChatClient(OfflineChatClient.ProviderName, provider.GetRequiredService<OfflineChatClient>());
            var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ModelRouter));
            var primary = configuration.Provider switch
            {
                // Network models see placeholders for the customer's personal data; the offline model runs here.
                ModelProvider.Gemini => new NamedChatClient(GeminiChatClient.ProviderName, new PersonalDataMaskingChatClient(new GeminiChatClient(http, configuration.Gemini!))),
                ModelProvider.OpenAI => new NamedChatClient(OpenAIChatClient.ProviderName, new PersonalDataMaskingChatClient(new OpenAIChatClient(http, configuration.OpenAI!))),
                _ => offline,
            };
            return new ModelRouter(primary, offline, configuration.Agent, provider.GetRequiredService<ILogger<ModelRouter>>(), provider.GetRequiredService<TimeProvider>());
        });

        services.AddSingleton<ISentimentModel>(_ => TrainedSentimentModel.Default);
        services.AddSingleton<MessageAnalyzer>();
        services.AddSingleton(configuration.Escalation);
        services.AddSingleton<EscalationPolicy>();

        services.AddSingleton(configuration.Verification);
        services.AddSingleton<IdentityVerifier>();
        services.AddSingleton<SupportAgent>();
        services.AddSingleton(configuration.Turns);
        services.AddSingleton<ConversationLocks>();
        services.AddSingleton<ConversationService>();
        services.AddSingleton<DeskService>();
        services.AddSingleton<ReportService>();
        return services;
    }
}
