using CareConsole.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CareConsole.Core.Live;

/// <summary>
/// Holds one PostgreSQL connection per app instance that LISTENs on <see cref="ConversationFeed.Channel"/> and
/// passes each notification to the <see cref="ConversationFeed"/>. If the connection drops it reconnects, then
/// tells every screen to reload, since notifications sent meanwhile are lost. Registered after the database is up.
/// </summary>
public sealed partial class ConversationListener(IServiceProvider services, ConversationFeed feed, ILogger<ConversationListener> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place: changes after that reach this instance.</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, not injected: the embedded database must be up before its connection string is asked for.
        var database = services.GetRequiredService<CareDatabase>();
        var connected = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(database.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (Guid.TryParse(e.Payload, out var id))
                    {
                        feed.Publish(new ConversationChange(id));
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {ConversationFeed.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                if (connected)
                {
                    feed.Publish(ConversationChange.Everything);
                }
                connected = true;
                _listening.TrySetResult();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException or IOException)
            {
                LogConnectionLost(logger, e);
                // A pause between attempts, not a synchronisation: the server may be restarting.
                await Task.Delay(RetryAfter, stoppingToken);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Lost the live-update connection to PostgreSQL; reconnecting")]
    private static partial void LogConnectionLost(ILogger logger, Exception exception);
}
