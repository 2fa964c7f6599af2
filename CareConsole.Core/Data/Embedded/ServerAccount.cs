namespace CareConsole.Core.Data.Embedded;

/// <summary>
/// The account the PostgreSQL server runs under. PostgreSQL refuses to run as root, so a root process runs the
/// server programs as the 'postgres' account that Debian's package creates, and hands it the folders they use.
/// </summary>
internal sealed class ServerAccount
{
    private const string PostgresAccount = "postgres";

    private ServerAccount(bool isSwitched) => IsSwitched = isSwitched;

    /// <summary>True when the server runs under another account than this process.</summary>
    public bool IsSwitched { get; }

    public static ServerAccount ForCurrentProcess()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return new ServerAccount(isSwitched: false);
        }
        var known = File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(line => line.StartsWith(PostgresAccount + ":", StringComparison.Ordinal));
        return known
            ? new ServerAccount(isSwitched: true)
            : throw new EmbeddedPostgresException(
                "Running as root needs the 'postgres' account to run the database server (created by 'apt-get install postgresql'); or run CareConsole as an ordinary user.");
    }

    public Task<CommandLine.Result> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        IsSwitched
            ? CommandLine.RunAsync("runuser", ["-u", PostgresAccount, "--", program, .. arguments], cancellationToken)
            : CommandLine.RunAsync(program, arguments, cancellationToken);

    /// <summary>Makes the server's account the owner of a file or folder this process created.</summary>
    public async Task GiveAsync(string path, CancellationToken cancellationToken)
    {
        if (!IsSwitched)
        {
            return;
        }
        var result = await CommandLine.RunAsync("chown", [$"{PostgresAccount}:", path], cancellationToken);
        if (!result.Succeeded)
        {
            throw new EmbeddedPostgresException($"Could not hand {path} to the postgres account: {result.Output}");
        }
    }
}
