using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using CareConsole.Core;

namespace CareConsole.Tests.Infrastructure;

/// <summary>
/// The built app run as its own process, exactly as <c>dotnet run --project CareConsole</c> runs it (same working
/// folder, same appsettings.json), but with its embedded database in a folder the test chooses.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Everything the process printed so far, standard output and error interleaved.</summary>
    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public Uri? BaseAddress { get; private set; }

    /// <summary>Starts the console and waits until it says where it listens.</summary>
    public static async Task<AppProcess> StartConsoleAsync(string dataDirectory, TimeSpan timeout)
    {
        var app = Start(dataDirectory, ["--urls", "http://127.0.0.1:0"]);
        var line = await app.WaitForOutputAsync(l => RunningAt().IsMatch(l), timeout);
        app.BaseAddress = new Uri(RunningAt().Match(line).Groups["url"].Value);
        return app;
    }

    /// <summary>Runs a command of the app (such as <c>staff add …</c>) to the end.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string dataDirectory, params string[] arguments)
    {
        await using var command = Start(dataDirectory, arguments);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await command._process.WaitForExitAsync(timeout.Token);
        command._process.WaitForExit(); // drains the output readers
        return (command._process.ExitCode, command.Output);
    }

    private static AppProcess Start(string dataDirectory, IEnumerable<string> arguments)
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
        start.Environment.Remove("ConnectionStrings__Care");
        start.Environment["DOTNET_NOLOGO"] = "1";
        return new AppProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    public async Task<string> WaitForOutputAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_output.FirstOrDefault(match) is { } line)
            {
                return line;
            }
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode}:\n{Output}");
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No matching output within {timeout}:\n{Output}");
    }

    /// <summary>Asks the app to stop as Ctrl+C or a service manager would (SIGTERM) and waits for it to exit.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _process.WaitForExitAsync(timeout.Token);
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Ends the app without letting it clean up, as a crash or an out-of-memory kill would.</summary>
    public async Task CrashAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await StopAsync();
        }
        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
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

    [GeneratedRegex(@"CareConsole is running at (?<url>http://\S+)")]
    private static partial Regex RunningAt();
}
