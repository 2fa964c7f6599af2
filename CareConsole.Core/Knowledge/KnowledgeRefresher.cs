using Microsoft.Extensions.Hosting;

namespace CareConsole.Core.Knowledge;

/// <summary>
/// Looks at the help centre's files every second and rebuilds the index when one changed, so an edited article is
/// searchable within seconds and without a restart. Polling rather than file-system events: it also works on
/// network and container mounts where such events never arrive.
/// </summary>
public sealed class KnowledgeRefresher(KnowledgeLibrary library) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first pass also embeds the sections when a model is configured.
        await library.RefreshAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await library.RefreshAsync(stoppingToken);
        }
    }
}
