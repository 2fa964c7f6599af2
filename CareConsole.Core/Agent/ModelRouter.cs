using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace CareConsole.Core.Agent;

/// <summary>A model and the name it is reported under ("Gemini", "OpenAI", "Offline").</summary>
public sealed record NamedChatClient(string Name, IChatClient Client);

/// <summary>Neither the configured provider nor the offline model could answer.</summary>
public sealed class ModelsUnavailableException(string message, Exception? inner) : Exception(message, inner);

/// <summary>
/// The call fallback: a failing provider (timeout, error, malformed answer) is asked once more, then the offline
/// model serves the rest of the turn; if that fails too, the caller hands the conversation to a person.
/// </summary>
public sealed partial class ModelRouter(NamedChatClient primary, NamedChatClient fallback, AgentSettings settings, ILogger<ModelRouter> logger)
{
    private readonly NamedChatClient _primary = primary;
    private readonly NamedChatClient _fallback = fallback;
    private readonly ILogger _logger = logger;

    /// <summary>Starts a turn; a turn that fell back stays on the fallback to the end.</summary>
    public ModelSession StartTurn() => new(this);

    /// <summary>Starts a turn on the fallback (the offline model) alone, for what code must word itself.</summary>
    public ModelSession StartFallbackTurn() => new(this, onFallback: true);

    public sealed class ModelSession(ModelRouter router, bool onFallback = false)
    {
        private bool _onFallback = onFallback || ReferenceEquals(router._primary.Client, router._fallback.Client);

        /// <summary>The provider that answered last.</summary>
        public string Provider => _onFallback ? router._fallback.Name : router._primary.Name;

        public async Task<ChatResponse> GetResponseAsync(IList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken)
        {
            if (!_onFallback)
            {
                for (var attempt = 1; attempt <= 2; attempt++)
                {
                    try
                    {
                        return await router.CallAsync(router._primary, messages, options, cancellationToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        LogProviderFailed(router._logger, router._primary.Name, attempt, e.Message);
                    }
                }
                _onFallback = true;
            }

            try
            {
                return await router.CallAsync(router._fallback, messages, options, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogProviderFailed(router._logger, router._fallback.Name, 1, e.Message);
                throw new ModelsUnavailableException($"{router._primary.Name} and {router._fallback.Name} both failed.", e);
            }
        }
    }

    private async Task<ChatResponse> CallAsync(NamedChatClient model, IList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.ModelTimeout);
        try
        {
            return await model.Client.GetResponseAsync(messages, options, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{model.Name} did not answer within {settings.ModelTimeout.TotalSeconds:0} s.");
        }
    }

    [LoggerMessage(LogLevel.Warning, "{Provider} failed (attempt {Attempt}): {Error}")]
    private static partial void LogProviderFailed(ILogger logger, string provider, int attempt, string error);
}
