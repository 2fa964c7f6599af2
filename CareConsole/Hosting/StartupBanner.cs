using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CareConsole.Hosting;

/// <summary>Tells the person who started the console where to open it, once it is actually listening.</summary>
internal sealed partial class StartupBanner(IServer server, IHostApplicationLifetime lifetime) : IHostedService
{
    /// <summary>The banner's first line, which scripts and tests wait for: "CareConsole is running at http://…/".</summary>
    [GeneratedRegex(@"^CareConsole is running at (?<url>http\S+)$")]
    internal static partial Regex RunningAt();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (address is null)
            {
                return;
            }
            var root = address.TrimEnd('/');
            Console.Out.WriteLine(string.Join(Environment.NewLine,
            [
                "",
                $"CareConsole is running at {root}/",
                $"  customer chat  {root}/",
                $"  agent desk     {root}/desk",
                $"  dashboard      {root}/dashboard",
                "Press Ctrl+C to stop.",
                "",
            ]));
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
