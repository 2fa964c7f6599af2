namespace CareConsole.Core.Data.Embedded;

/// <summary>Finds the PostgreSQL server programs (initdb, pg_ctl) on this machine.</summary>
public static class PostgresBinaries
{
    /// <summary>What to tell a person whose machine has no PostgreSQL server installed.</summary>
    public const string InstallHint =
        "Database:Provider is PostgreSQL without ConnectionStrings:Care, and the PostgreSQL server programs (initdb, pg_ctl) for the " +
        "private cluster were not found: install them with 'sudo apt-get install postgresql' (or set Database:BinDirectory), " +
        "set ConnectionStrings:Care to use an existing server, or use SQLite (Database:Provider=Sqlite, the default).";

    /// <summary>
    /// The folder holding initdb and pg_ctl: the configured one, else the newest Debian/Ubuntu install
    /// (/usr/lib/postgresql/N/bin), else the PATH. Null when none has both programs.
    /// </summary>
    public static string? Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return HasServerPrograms(configured) ? Path.GetFullPath(configured) : null;
        }

        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => (Version: int.TryParse(Path.GetFileName(version), out var n) ? n : -1, Bin: Path.Combine(version, "bin")))
                .Where(candidate => candidate.Version > 0 && HasServerPrograms(candidate.Bin))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
                .FirstOrDefault()
            : null;

        return debian ?? (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(HasServerPrograms);
    }

    private static bool HasServerPrograms(string folder) =>
        File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl"));
}
