using System.Diagnostics;
using CareConsole.Core;
using CareConsole.Hosting;

namespace CareConsole.Tests.Infrastructure;

/// <summary>
/// Starts the built app as its own process, exactly as <c>dotnet run --project CareConsole</c> runs it (same working
/// folder, same appsettings.json), with its database in a folder the test chooses: a SQLite file, or the private
/// PostgreSQL cluster when the run is on PostgreSQL (see <see cref="TestDatabases.Provider"/>).
/// </summary>
public static class AppProcess
{
    /// <summary>Starts the console on a free loopback port and waits until it says where it listens.</summary>
    /// <param name="store">
    /// A database another instance already uses, as a second instance is run; without it the console uses its own.
    /// </param>
    /// <param name="settings">Configuration to start it with, as environment variables (e.g. "Ai__Provider").</param>
    public static async Task<(ConsoleProcess Console, Uri BaseAddress)> StartConsoleAsync(string dataDirectory, TimeSpan timeout, TestStore? store = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = StartInfo(dataDirectory, ["--urls", "http://127.0.0.1:0"], store);
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var console = ConsoleProcess.Start(start);
        try
        {
            return (console, await console.WaitUntilListeningAsync(timeout));
        }
        catch
        {
            await console.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a command of the app (such as <c>staff add …</c>) to the end.</summary>
    public static Task<(int ExitCode, string Output)> RunCommandAsync(string dataDirectory, params string[] arguments) =>
        RunAsync(StartInfo(dataDirectory, arguments));

    /// <summary>Runs a command of the app with <paramref name="settings"/> as environment variables (e.g. "Database__Provider").</summary>
    public static Task<(int ExitCode, string Output)> RunCommandWithAsync(string dataDirectory, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var start = StartInfo(dataDirectory, arguments);
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }
        return RunAsync(start);
    }

    /// <summary>Runs a command of the app against <paramref name="store"/>.</summary>
    public static Task<(int ExitCode, string Output)> RunCommandOnAsync(TestStore store, params string[] arguments) =>
        RunAsync(StartInfo(Path.Combine(Path.GetTempPath(), "careconsole-unused"), arguments, store));

    private static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start)
    {
        await using var command = ConsoleProcess.Start(start);
        var exitCode = await command.WaitForExitAsync(TimeSpan.FromSeconds(120));
        return (exitCode, command.Output);
    }

    private static ProcessStartInfo StartInfo(string dataDirectory, IEnumerable<string> arguments, TestStore? store = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppProjectFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppOutputFolder, "CareConsole.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["Database__DataDirectory"] = dataDirectory;
        start.Environment["Database__Provider"] = TestDatabases.Provider.ToString();
        start.Environment.Remove("ConnectionStrings__Care");
        foreach (var (key, value) in store?.Settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        return start;
    }

    private static string AppProjectFolder => Path.Combine(RepositoryLayout.RootFrom(AppContext.BaseDirectory), "CareConsole");

    /// <summary>The app's own build output, in the configuration the tests were built in.</summary>
    private static string AppOutputFolder
    {
        get
        {
            // Tests run from CareConsole.Tests/bin/<Configuration>/<tfm>/.
            var tfm = new DirectoryInfo(AppContext.BaseDirectory);
            return Path.Combine(AppProjectFolder, "bin", tfm.Parent!.Name, tfm.Name);
        }
    }
}
