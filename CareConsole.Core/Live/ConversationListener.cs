using CareConsole.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CareConsole.Core.Live;

/// <summary>
/// Holds one PostgreSQL connection per app instance that LISTENs on <see cref="ConversationFeed.Channel"/> and
/// <see cref="StaffFeed.Channel"/> and passes each notification to its feed. The first LISTEN is in place before the
/// app takes requests, so no change after start-up goes unheard. If the connection drops it reconnects, then tells
/// every screen to reload and every staff session to be checked again, since notifications sent meanwhile are lost.
/// Registered after the database is up.
/// </summary>
public sealed partial class ConversationListener(IServiceProvider services, ConversationFeed feed, StaffFeed staff, ILogger<ConversationListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private CareDatabase? _database;
    private NpgsqlConnection? _connection;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved here, not injected: the embedded database must be up before its connection string is asked for.
        _database = services.GetRequiredService<CareDatabase>();
        _connection = await ListenAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_connection is null)
                {
                    _connection = await ListenAsync(stoppingToken);
                    feed.Publish(ConversationChange.Everything);
                    staff.Publish("");
                }
                while (true)
                {
                    await _connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException or IOException)
            {
                LogConnectionLost(logger, e);
                await DropConnectionAsync();
                // A pause between attempts, not a synchronisation: the server may be restarting.
                await Task.Delay(RetryAfter, stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await DropConnectionAsync();
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_database!.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            connection.Notification += (_, e) =>
            {
                if (e.Channel == StaffFeed.Channel)
                {
                    staff.Publish(e.Payload);
                }
                else if (ConversationChange.Parse(e.Payload) is { } change)
                {
                    feed.Publish(change);
                }
            };
            await using var listen = new NpgsqlCommand($"LISTEN {ConversationFeed.Channel}; LISTEN {StaffFeed.Channel}", connection);
            await listen.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Lost the live-update connection to PostgreSQL; reconnecting")]
    private static partial void LogConnectionLost(ILogger logger, Exception exception);
}
