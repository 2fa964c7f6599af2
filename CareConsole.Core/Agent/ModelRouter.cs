using CareConsole.Core.Agent.Privacy;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace CareConsole.Core.Agent;

/// <summary>A model and the name it is reported under ("Gemini", "OpenAI", "Offline").</summary>
public sealed record NamedChatClient(string Name, IChatClient Client);

/// <summary>Neither the configured provider nor the offline model could answer.</summary>
public sealed class ModelsUnavailableException(string message, Exception? inner) : Exception(message, inner);

/// <summary>
/// The call fallback: a failing provider (timeout, error, malformed answer) is asked once more, then the offline
/// model serves the rest of the turn; if that fails too, the caller hands the conversation to a person. A provider
/// that fails call after call is left alone for <see cref="AgentSettings.ProviderPause"/> (a circuit breaker), so a
/// dead provider does not cost every customer two timeouts; then one turn tries it again.
/// </summary>
public sealed partial class ModelRouter(NamedChatClient primary, NamedChatClient fallback, AgentSettings settings, ILogger<ModelRouter> logger, TimeProvider? clock = null)
{
    private readonly NamedChatClient _primary = primary;
    private readonly NamedChatClient _fallback = fallback;
    private readonly ILogger _logger = logger;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private int _failuresInARow;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    /// <summary>Whether the configured provider is being left alone after failing again and again.</summary>
    public bool PrimaryPaused
    {
        get
        {
            lock (_gate)
            {
                return _clock.GetUtcNow() < _pausedUntil;
            }
        }
    }

    /// <summary>Starts a turn; a turn that fell back stays on the fallback to the end.</summary>
    public ModelSession StartTurn() => new(this, onFallback: PrimaryPaused);

    /// <summary>Starts a turn on the fallback (the offline model) alone, for what code must word itself.</summary>
    public ModelSession StartFallbackTurn() => new(this, onFallback: true);

    /// <summary>One turn's model: the configured provider until it fails, then the fallback.</summary>
    public sealed class ModelSession(ModelRouter router, bool onFallback = false) : IChatClient
    {
        private bool _onFallback = onFallback || ReferenceEquals(router._primary.Client, router._fallback.Client);

        /// <summary>The provider that answered last.</summary>
        public string Provider => _onFallback ? router._fallback.Name : router._primary.Name;

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var sent = messages as IList<ChatMessage> ?? messages.ToList();
            if (!_onFallback)
            {
                for (var attempt = 1; attempt <= 2; attempt++)
                {
                    try
                    {
                        var answer = await router.CallAsync(router._primary, sent, options, cancellationToken);
                        router.Succeeded();
                        return answer;
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        LogProviderFailed(router._logger, router._primary.Name, attempt, PersonalData.Redact(e.Message));
                    }
                }
                router.Failed();
                _onFallback = true;
            }

            try
            {
                return await router.CallAsync(router._fallback, sent, options, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogProviderFailed(router._logger, router._fallback.Name, 1, PersonalData.Redact(e.Message));
                throw new ModelsUnavailableException($"{router._primary.Name} and {router._fallback.Name} both failed.", e);
            }
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            // A retry or a fallback must start the answer again, so answers are taken whole.
            foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
            {
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata(Provider)
            : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
            : null;

        public void Dispose()
        {
        }
    }

    private void Succeeded()
    {
        lock (_gate)
        {
            _failuresInARow = 0;
        }
    }

    private void Failed()
    {
        lock (_gate)
        {
            // Once paused, a single failed try after the pause pauses it again.
            if (++_failuresInARow < settings.ProviderFailuresBeforePause)
            {
                return;
            }
            _pausedUntil = _clock.GetUtcNow() + settings.ProviderPause;
        }
        LogProviderPaused(_logger, _primary.Name, _failuresInARow, settings.ProviderPause.TotalSeconds);
    }

    private async Task<ChatResponse> CallAsync(NamedChatClient model, IList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
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

    // A provider's error can quote the request back, customer's number and all: logs get it with that masked.
    [LoggerMessage(LogLevel.Warning, "{Provider} failed (attempt {Attempt}): {Error}")]
    private static partial void LogProviderFailed(ILogger logger, string provider, int attempt, string error);

    [LoggerMessage(LogLevel.Warning, "{Provider} failed {Failures} calls in a row; turns use the offline model for {Seconds} s before trying it again")]
    private static partial void LogProviderPaused(ILogger logger, string provider, int failures, double seconds);
}
