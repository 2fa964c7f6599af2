using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CareConsole.Hosting;

/// <summary>
/// A CareConsole running as a child process: started by the start-up benchmark, and by tests that need the
/// console exactly as a person runs it. Collects what it prints and stops it the way Ctrl+C or systemd would.
/// </summary>
public sealed partial class ConsoleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ConsoleProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts the process described; its output must be redirected.</summary>
    public static ConsoleProcess Start(ProcessStartInfo start) =>
        new(Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start."));

    /// <summary>Start information for this same program with other arguments, from the same folder.</summary>
    public static ProcessStartInfo ForThisProgram(IEnumerable<string> arguments)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            // Run as "dotnet CareConsole.dll": the child needs the assembly named again.
            start.ArgumentList.Add(typeof(ConsoleProcess).Assembly.Location);
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    /// <summary>Everything the process printed so far, standard output and error interleaved.</summary>
    public string Output => string.Join('\n', _output);

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>CPU time the process has used (user and system), from /proc; null where there is no /proc.</summary>
    public TimeSpan? CpuTime
    {
        get
        {
            var stat = $"/proc/{_process.Id}/stat";
            if (!File.Exists(stat))
            {
                return null;
            }
            // Fields after the command name, which is in parentheses and may hold spaces: utime is the 12th, stime the 13th.
            var text = File.ReadAllText(stat);
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
        }
    }

    // Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every architecture it supports.
    private const int ClockTicksPerSecond = 100;

    /// <summary>Resident memory of the process now, from /proc; null where there is no /proc.</summary>
    public long? ResidentBytes
    {
        get
        {
            var status = $"/proc/{_process.Id}/status";
            var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)) : null;
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
    }

    /// <summary>Waits for the banner the console prints once it listens, and returns the address in it.</summary>
    public async Task<Uri> WaitUntilListeningAsync(TimeSpan timeout)
    {
        var line = await WaitForOutputAsync(l => StartupBanner.RunningAt().IsMatch(l), timeout);
        return new Uri(StartupBanner.RunningAt().Match(line).Groups["url"].Value);
    }

    public async Task<string> WaitForOutputAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_output.FirstOrDefault(match) is { } line)
            {
                return line;
            }
            if (_process.HasExited)
            {
                _process.WaitForExit();
                throw new InvalidOperationException($"The process exited with code {_process.ExitCode}:\n{Output}");
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"Nothing matching within {timeout}:\n{Output}");
    }

    /// <summary>Waits for the process to end by itself, and for its output to be read to the end.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as Ctrl+C or a service manager would, and waits for a clean exit.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }
        return await WaitForExitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Ends the process without letting it clean up, as a crash or an out-of-memory kill would.</summary>
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
}
