using System.Diagnostics;

namespace CareConsole.Core.Data.Embedded;

/// <summary>Runs a program with an argument list (never through a shell) and collects what it printed.</summary>
internal static class CommandLine
{
    public sealed record Result(int ExitCode, string Output)
    {
        public bool Succeeded => ExitCode == 0;
    }

    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The server inherits this; a data folder path is absolute, so the working folder only has to exist.
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Messages from initdb and pg_ctl are matched in tests and shown to people: keep them in English.
        start.Environment["LC_MESSAGES"] = "C";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var text = string.Join('\n', new[] { await output, await error }.Where(s => s.Length > 0)).Trim();
        return new Result(process.ExitCode, text);
    }
}
