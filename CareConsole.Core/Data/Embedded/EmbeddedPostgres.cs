using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace CareConsole.Core.Data.Embedded;

/// <summary>Where and how to run a private PostgreSQL cluster.</summary>
/// <param name="DataDirectory">The cluster's folder; created and initialised on first use.</param>
/// <param name="BinDirectory">Folder with initdb and pg_ctl (see <see cref="PostgresBinaries.Locate"/>).</param>
/// <param name="Durable">False trades crash safety for speed (fsync off): for throw-away test clusters only.</param>
/// <param name="OwnershipWait">How long a process that must own the server waits for another owner to finish.</param>
/// <param name="MaxConnections">The server's connection limit; PostgreSQL's own default (100) when not given.</param>
public sealed record EmbeddedPostgresSettings(string DataDirectory, string BinDirectory, bool Durable = true, TimeSpan? OwnershipWait = null,
    int? MaxConnections = null);

/// <summary>Thrown when the private cluster cannot be set up; the message says what to do about it.</summary>
public sealed class EmbeddedPostgresException(string message) : Exception(message);

/// <summary>
/// A private PostgreSQL cluster in a folder, run from the machine's PostgreSQL programs.
/// </summary>
/// <remarks>
/// <para>
/// The server listens only on a Unix socket inside its own folder (no TCP port): nothing can collide with another
/// PostgreSQL on the machine, and only the folder's owner (and root) can reach it, which is what makes the
/// password-less "trust" login safe.
/// </para>
/// <para>
/// Several processes may use one folder: the app, and a short-lived command such as <c>staff add</c>. Whoever
/// starts the server owns it and stops it when done; ownership is an exclusive lock on a file beside the folder,
/// which the operating system drops if the owner dies. An owner that finds a server left running by a crashed
/// owner adopts it. A process that may share (a command) joins a server someone else owns and leaves it running.
/// </para>
/// </remarks>
[UnsupportedOSPlatform("windows")]
public sealed partial class EmbeddedPostgres : IAsyncDisposable
{
    // Only names the socket file (.s.PGSQL.5432); with no TCP listener it cannot clash with anything.
    private const int Port = 5432;

    // A socket path longer than the kernel's sun_path (108 bytes with its terminator) cannot be bound.
    private const int MaxSocketPathLength = 100;

    private static readonly TimeSpan DefaultOwnershipWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReadyWait = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly EmbeddedPostgresSettings _settings;
    private readonly ServerAccount _account;
    private readonly string _clusterDirectory;
    private readonly ILogger _logger;
    private FileStream? _ownership;

    private EmbeddedPostgres(EmbeddedPostgresSettings settings, ServerAccount account, string clusterDirectory, ILogger logger)
    {
        _settings = settings;
        _account = account;
        _clusterDirectory = clusterDirectory;
        _logger = logger;
    }

    /// <summary>Npgsql connection string for <paramref name="database"/> on this cluster, over its socket.</summary>
    public string ConnectionString(string database) =>
        $"Host={SocketDirectory};Port={Port};Username=postgres;Database={database}";

    /// <summary>Whether this process started (or adopted) the server and will stop it.</summary>
    public bool OwnsServer => _ownership is not null;

    /// <summary>The folder holding the server's socket.</summary>
    public string SocketDirectory { get; private set; } = "";

    /// <summary>
    /// Starts the cluster, initialising the folder on first use, and returns once it accepts connections.
    /// </summary>
    /// <param name="mayShare">
    /// True for short-lived commands: when another process owns the running server, use it and leave it running.
    /// False for the app: wait for ownership, so the server lives exactly as long as the app.
    /// </param>
    public static async Task<EmbeddedPostgres> StartAsync(
        EmbeddedPostgresSettings settings, bool mayShare, ILogger logger, CancellationToken cancellationToken)
    {
        var account = ServerAccount.ForCurrentProcess();
        var dataDirectory = Path.GetFullPath(settings.DataDirectory);
        if (dataDirectory.IndexOfAny(['"', '`', '$', '\\', '\n']) >= 0)
        {
            // pg_ctl puts the folder into a shell command line inside double quotes.
            throw new EmbeddedPostgresException($"Database:DataDirectory '{dataDirectory}' contains a character PostgreSQL's pg_ctl cannot quote (\" ` $ \\ or a newline).");
        }

        var cluster = new EmbeddedPostgres(settings with { DataDirectory = dataDirectory }, account, ClusterDirectoryFor(dataDirectory, account), logger);
        try
        {
            await cluster.OpenAsync(mayShare, cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task OpenAsync(bool mayShare, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!TryTakeOwnership())
        {
            if (mayShare && ReadyServerSocket() is { } socket)
            {
                SocketDirectory = socket;
                LogJoined(_logger, _settings.DataDirectory);
                return;
            }
            if (deadline.Elapsed > (mayShare ? ReadyWait : _settings.OwnershipWait ?? DefaultOwnershipWait))
            {
                throw new EmbeddedPostgresException(
                    $"The database in {_settings.DataDirectory} is in use by another CareConsole process. Stop it, or set Database:DataDirectory to another folder.");
            }
            await Task.Delay(PollInterval, cancellationToken);
        }

        if (ReadyServerSocket() is { } adopted)
        {
            // A previous owner died without stopping its server: take it over, and stop it when done.
            SocketDirectory = adopted;
            LogAdopted(_logger, _settings.DataDirectory);
            return;
        }

        await InitialiseIfNewAsync(cancellationToken);
        await StartServerAsync(cancellationToken);
    }

    private string OwnershipFile => _settings.DataDirectory.TrimEnd('/') + ".lock";

    private bool TryTakeOwnership()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(OwnershipFile)!);
        try
        {
            // FileShare.None is an exclusive flock on Unix: released by the kernel when this process exits.
            _ownership = new FileStream(OwnershipFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The socket folder of a server running in this cluster and ready for connections, else null.</summary>
    private string? ReadyServerSocket()
    {
        // postmaster.pid lines: pid, data folder, start time, port, socket folder, listen address, shared memory key, status.
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path.Combine(_clusterDirectory, "postmaster.pid"));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        if (lines.Length < 8 || lines[7].Trim() != "ready" || !int.TryParse(lines[0], out var pid) || !IsAlive(pid))
        {
            return null;
        }
        var socket = lines[4].Trim();
        return File.Exists(Path.Combine(socket, $".s.PGSQL.{lines[3].Trim()}")) ? socket : null;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private async Task InitialiseIfNewAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(_clusterDirectory, "PG_VERSION")))
        {
            return;
        }
        if (Directory.Exists(_clusterDirectory) && Directory.EnumerateFileSystemEntries(_clusterDirectory).Any())
        {
            throw new EmbeddedPostgresException(
                $"{_clusterDirectory} is not empty but holds no PostgreSQL cluster. Empty it, or set Database:DataDirectory to another folder.");
        }

        await PrepareFolderAsync(_clusterDirectory, cancellationToken);
        LogCreating(_logger, _settings.DataDirectory);
        List<string> arguments =
        [
            "-D", _clusterDirectory, "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8",
            // Local (socket) logins need no password: the socket sits in a folder only its owner can enter.
            "--auth-local=trust", "--auth-host=scram-sha-256",
        ];
        if (!_settings.Durable)
        {
            arguments.Add("--no-sync");
        }
        var result = await RunServerProgramAsync("initdb", arguments, cancellationToken);
        if (!result.Succeeded)
        {
            throw new EmbeddedPostgresException($"initdb failed for {_clusterDirectory}: {result.Output}");
        }
        await File.AppendAllTextAsync(Path.Combine(_clusterDirectory, "postgresql.conf"),
            "\n# CareConsole writes its socket and durability settings here on every start.\ninclude_if_exists = 'careconsole.conf'\n",
            cancellationToken);
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        SocketDirectory = SocketDirectoryFor(_clusterDirectory);
        if (SocketDirectory != _clusterDirectory)
        {
            await PrepareFolderAsync(SocketDirectory, cancellationToken);
        }

        // Settings go into a file instead of pg_ctl's -o option, which is pasted into a shell command unquoted.
        var settings = new StringBuilder()
            .AppendLine("# Written by CareConsole at every start; edits here are overwritten.")
            .AppendLine("listen_addresses = ''")
            .AppendLine(CultureInfo.InvariantCulture, $"port = {Port}")
            .AppendLine(CultureInfo.InvariantCulture, $"unix_socket_directories = '{SocketDirectory.Replace("'", "''", StringComparison.Ordinal)}'")
            .AppendLine("unix_socket_permissions = 0700");
        if (!_settings.Durable)
        {
            settings.AppendLine("fsync = off").AppendLine("synchronous_commit = off").AppendLine("full_page_writes = off");
        }
        if (_settings.MaxConnections is { } limit)
        {
            settings.AppendLine(CultureInfo.InvariantCulture, $"max_connections = {limit}");
        }
        var settingsFile = Path.Combine(_clusterDirectory, "careconsole.conf");
        await File.WriteAllTextAsync(settingsFile, settings.ToString(), cancellationToken);
        await _account.GiveAsync(settingsFile, cancellationToken);

        var result = await RunServerProgramAsync("pg_ctl",
            ["start", "-D", _clusterDirectory, "-l", Path.Combine(_clusterDirectory, "server.log"), "-w", "-t", "60", "-s"],
            cancellationToken);
        if (!result.Succeeded)
        {
            throw new EmbeddedPostgresException(
                $"PostgreSQL did not start in {_clusterDirectory}: {result.Output} (see server.log in that folder).");
        }
        LogStarted(_logger, _settings.DataDirectory);
    }

    /// <summary>Stops the server if this process owns it, then gives up ownership.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ownership is null)
        {
            return;
        }
        try
        {
            if (File.Exists(Path.Combine(_clusterDirectory, "postmaster.pid")))
            {
                var result = await RunServerProgramAsync("pg_ctl", ["stop", "-D", _clusterDirectory, "-m", "fast", "-w", "-t", "60", "-s"], CancellationToken.None);
                if (result.Succeeded)
                {
                    LogStopped(_logger, _settings.DataDirectory);
                }
                else
                {
                    LogStopFailed(_logger, _settings.DataDirectory, result.Output);
                }
            }
        }
        finally
        {
            await _ownership.DisposeAsync();
            _ownership = null;
        }
    }

    private Task<CommandLine.Result> RunServerProgramAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        _account.RunAsync(Path.Combine(_settings.BinDirectory, program), arguments, cancellationToken);

    /// <summary>Creates a folder only the server's account may enter, as PostgreSQL demands of its data folder.</summary>
    private async Task PrepareFolderAsync(string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await _account.GiveAsync(folder, cancellationToken);
    }

    private static string SocketDirectoryFor(string clusterDirectory)
    {
        if (Path.Combine(clusterDirectory, $".s.PGSQL.{Port}").Length <= MaxSocketPathLength)
        {
            return clusterDirectory;
        }
        // A deep folder cannot hold a socket; use a short private one named after it instead.
        return Path.Combine(Path.GetTempPath(), "careconsole-pg-" + ShortHash(clusterDirectory));
    }

    /// <summary>
    /// The folder the server actually runs in. It is the configured one, except when this process is root and
    /// the postgres account cannot reach that folder (a checkout under /root, say): then the cluster lives under
    /// /var/lib/careconsole and the configured path becomes a link to it.
    /// </summary>
    private static string ClusterDirectoryFor(string dataDirectory, ServerAccount account)
    {
        if (new DirectoryInfo(dataDirectory).LinkTarget is { } linked)
        {
            return Path.GetFullPath(linked, Path.GetDirectoryName(dataDirectory)!);
        }
        if (!account.IsSwitched || AncestorsTraversable(dataDirectory))
        {
            return dataDirectory;
        }

        var relocated = Path.Combine("/var/lib/careconsole", ShortHash(dataDirectory));
        Directory.CreateDirectory(Path.GetDirectoryName(relocated)!);
        if (!Directory.Exists(dataDirectory))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(dataDirectory)!);
            Directory.CreateSymbolicLink(dataDirectory, relocated);
            return relocated;
        }
        throw new EmbeddedPostgresException(
            $"The postgres account cannot reach {dataDirectory}: a folder above it is closed to other users. Set Database:DataDirectory to a folder it can reach.");
    }

    private static bool AncestorsTraversable(string path)
    {
        for (var folder = Path.GetDirectoryName(path); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (Directory.Exists(folder) && !File.GetUnixFileMode(folder).HasFlag(UnixFileMode.OtherExecute))
            {
                return false;
            }
        }
        return true;
    }

    private static string ShortHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];

    [LoggerMessage(LogLevel.Debug, "Using the PostgreSQL server another process runs in {DataDirectory}")]
    private static partial void LogJoined(ILogger logger, string dataDirectory);

    [LoggerMessage(LogLevel.Information, "Adopted the PostgreSQL server left running in {DataDirectory}")]
    private static partial void LogAdopted(ILogger logger, string dataDirectory);

    [LoggerMessage(LogLevel.Information, "Creating a PostgreSQL cluster in {DataDirectory}")]
    private static partial void LogCreating(ILogger logger, string dataDirectory);

    [LoggerMessage(LogLevel.Information, "PostgreSQL is running in {DataDirectory}")]
    private static partial void LogStarted(ILogger logger, string dataDirectory);

    [LoggerMessage(LogLevel.Information, "Stopped PostgreSQL in {DataDirectory}")]
    private static partial void LogStopped(ILogger logger, string dataDirectory);

    [LoggerMessage(LogLevel.Warning, "pg_ctl stop failed for {DataDirectory}: {Output}")]
    private static partial void LogStopFailed(ILogger logger, string dataDirectory, string output);
}
