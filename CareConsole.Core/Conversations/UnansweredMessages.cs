using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CareConsole.Core.Conversations;

/// <summary>
/// At start, answers the customer messages a previous run stored but never answered (it was killed mid-turn), or
/// hands them to a person when the turn decides so, as that turn would have. Runs in the background: the console
/// takes new messages meanwhile, and each conversation's lock keeps this and any live turn from overlapping.
/// </summary>
public sealed partial class UnansweredMessages(IServiceProvider services, ILogger<UnansweredMessages> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, not injected: the embedded database must be up before anything asks for a connection.
        var conversations = services.GetRequiredService<ConversationService>();
        IReadOnlyList<Guid> waiting;
        try
        {
            waiting = await conversations.UnansweredAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogScanFailed(logger, e);
            return;
        }
        var answered = 0;
        foreach (var id in waiting)
        {
            try
            {
                answered += await conversations.AnswerWaitingAsync(id, stoppingToken) ? 1 : 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // One conversation that cannot be answered must not keep the rest waiting.
                LogAnswerFailed(logger, id, e);
            }
        }
        if (answered > 0)
        {
            LogAnswered(logger, answered);
        }
    }

    [LoggerMessage(LogLevel.Information, "Answered {Count} customer messages left unanswered by the previous run")]
    private static partial void LogAnswered(ILogger logger, int count);

    [LoggerMessage(LogLevel.Error, "Could not look for messages left unanswered by the previous run")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Error, "Could not answer the waiting message of conversation {ConversationId}")]
    private static partial void LogAnswerFailed(ILogger logger, Guid conversationId, Exception exception);
}
