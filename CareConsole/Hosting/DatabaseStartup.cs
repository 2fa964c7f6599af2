using CareConsole.Core.Data;
using CareConsole.Core.Data.Seed;

namespace CareConsole.Hosting;

/// <summary>
/// Brings the database up before the web server takes requests (starting the embedded server when there is no
/// connection string), seeds the demo on first start, and stops the embedded server when the app stops.
/// </summary>
internal sealed class DatabaseStartup(IServiceProvider services, CareDatabase database, DemoMode demo) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await services.OpenCareDatabaseAsync(isApp: true, cancellationToken);
        if (!demo.Enabled)
        {
            return;
        }
        await using var scope = services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        if (created.Count > 0)
        {
            // Straight to the console, never to the log: logs get shipped and kept, passwords must not be.
            await Console.Out.WriteLineAsync(DemoCredentialsNotice.Format(created));
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await database.DisposeAsync();
}

internal static class DemoCredentialsNotice
{
    public static string Format(IReadOnlyList<DemoCredential> credentials)
    {
        var rows = credentials.Select(c => $"  {c.Role,-8} {c.DisplayName,-12} {c.Email,-30} {c.Password}");
        return string.Join(Environment.NewLine,
        [
            "",
            "Demo staff accounts were created. Their passwords are shown only this once; note them now:",
            .. rows,
            "Change one with: dotnet run --project CareConsole -- staff set-password --email <email> --password <password>",
            "",
        ]);
    }
}
