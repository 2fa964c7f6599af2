using System.Globalization;
using CareConsole.Core;
using CareConsole.Core.Data;
using CareConsole.Core.Staff;

namespace CareConsole.Hosting;

/// <summary>
/// <c>staff add|set-password|set-role|lock|unlock|list</c> and <c>staff token create|list|revoke</c>: manages staff
/// accounts and managers' reporting-API tokens without the UI, on the app's own configuration. A change that ends
/// someone's access ends their open sessions in every running console too; a revoked token is refused with its next
/// use, since every use is checked against the database. On SQLite it works beside a running console on the same file; with the private PostgreSQL cluster it uses the
/// server a running app owns, or starts and stops one itself.
/// </summary>
internal static class StaffCommand
{
    private const int Succeeded = 0;
    private const int Refused = 1;
    private const int Misused = 2;

    private const string Usage = """
        Usage:
          staff add --email <email> --role Agent|Manager --password <password> [--name "<display name>"]
          staff set-password --email <email> --password <password>
          staff set-role --email <email> --role Agent|Manager
          staff lock --email <email>
          staff unlock --email <email>
          staff list
          staff token create --email <manager's email> [--name "<label>"] [--expires-days <days>]
          staff token list [--email <email>]
          staff token revoke --id <id> | --prefix <prefix>
        A password of "-" is read from standard input instead of the command line.
        A new token is printed once, alone on standard output; only its hash is kept.
        """;

    private static readonly string[] Verbs =
        ["add", "set-password", "set-role", "lock", "unlock", "list", "token create", "token list", "token revoke"];

    /// <param name="args">The arguments after "staff".</param>
    public static async Task<int> RunAsync(string[] args)
    {
        // "token" takes a verb of its own: "staff token create --email …".
        var verb = args is ["token", var tokenVerb, ..] ? $"token {tokenVerb}" : args.FirstOrDefault() ?? "";
        if (args.Length < 1 || !TryParseOptions(args.AsSpan(verb.Split(' ').Length), out var options))
        {
            await Console.Error.WriteLineAsync(Usage);
            return Misused;
        }

        if (!Verbs.Contains(verb))
        {
            await Console.Error.WriteLineAsync($"Unknown staff command '{verb}'.{Environment.NewLine}{Usage}");
            return Misused;
        }
        var required = verb switch
        {
            "add" => ["email", "role", "password"],
            "set-password" => ["email", "password"],
            "set-role" => ["email", "role"],
            "lock" or "unlock" or "token create" => ["email"],
            _ => Array.Empty<string>(),
        };
        if (required.FirstOrDefault(name => !options.ContainsKey(name)) is { } missing)
        {
            await Console.Error.WriteLineAsync($"Missing --{missing}.{Environment.NewLine}{Usage}");
            return Misused;
        }
        if (TokenUsageProblem(verb, options) is { } tokenProblem)
        {
            await Console.Error.WriteLineAsync($"{tokenProblem}{Environment.NewLine}{Usage}");
            return Misused;
        }
        if (options.TryGetValue("password", out var password) && password == "-")
        {
            options["password"] = (await Console.In.ReadLineAsync())?.TrimEnd('\r', '\n') ?? "";
        }

        // The same configuration sources as the app (appsettings.json, environment), minus the command's own arguments.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        // Progress lines would drown the one-line answer; problems still show.
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        if (CareDatabaseSettings.Problem(builder.Configuration, builder.Environment.ContentRootPath) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return Refused;
        }
        var database = CareDatabaseSettings.From(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddCareConsoleCore(database);

        using var host = builder.Build();
        try
        {
            await host.Services.OpenCareDatabaseAsync(isApp: false, CancellationToken.None);
            await using var scope = host.Services.CreateAsyncScope();
            var staff = scope.ServiceProvider.GetRequiredService<StaffDirectory>();
            var tokens = scope.ServiceProvider.GetRequiredService<PersonalAccessTokens>();
            return verb switch
            {
                "token create" => Issued(await tokens.CreateAsync(options["email"], options.GetValueOrDefault("name"),
                    options.TryGetValue("expires-days", out var days) ? int.Parse(days, CultureInfo.InvariantCulture) : null, CancellationToken.None)),
                "token list" => ListTokens(await tokens.ListAsync(options.GetValueOrDefault("email"), CancellationToken.None)),
                "token revoke" => Revoked(options.TryGetValue("id", out var id)
                    ? await tokens.RevokeAsync(int.Parse(id, CultureInfo.InvariantCulture), CancellationToken.None)
                    : await tokens.RevokeByPrefixAsync(options["prefix"], CancellationToken.None)),
                "add" => Report(await staff.AddAsync(options["email"], options["role"], options["password"], options.GetValueOrDefault("name")),
                    $"Added {options["email"]} as {StaffRoles.Parse(options["role"])}."),
                "set-password" => Report(await staff.SetPasswordAsync(options["email"], options["password"]),
                    $"Changed the password of {options["email"]}; their open sessions were ended."),
                "set-role" => Report(await staff.SetRoleAsync(options["email"], options["role"]),
                    $"{options["email"]} is now {StaffRoles.Parse(options["role"])}; their open sessions were ended."),
                "lock" => Report(await staff.LockAsync(options["email"]), $"Locked {options["email"]}; their open sessions were ended."),
                "unlock" => Report(await staff.UnlockAsync(options["email"]), $"Unlocked {options["email"]}."),
                _ => List(await staff.ListAsync(CancellationToken.None)),
            };
        }
        catch (DatabaseUnavailableException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return Refused;
        }
        catch (Exception e) when (DatabaseBusy.Is(e))
        {
            await Console.Error.WriteLineAsync(
                "The database is not taking new connections right now (it has as many clients as it allows). Nothing was changed; try again in a moment.");
            return Refused;
        }
        finally
        {
            await host.Services.GetRequiredService<CareDatabase>().DisposeAsync();
        }
    }

    private static int Report(StaffChange change, string success)
    {
        if (change.Succeeded)
        {
            Console.WriteLine(success);
            return Succeeded;
        }
        foreach (var error in change.Errors)
        {
            Console.Error.WriteLine(error);
        }
        return Refused;
    }

    private static int List(IReadOnlyList<StaffMember> members)
    {
        foreach (var member in members)
        {
            var locked = member.LockedOut ? "  (locked)" : "";
            Console.WriteLine($"{member.Email,-36} {string.Join(",", member.Roles),-14} {member.DisplayName}{locked}");
        }
        if (members.Count == 0)
        {
            Console.WriteLine("No staff accounts yet.");
        }
        return Succeeded;
    }

    /// <summary>What is wrong with a token verb's options as typed, before anything is asked of the database; or null.</summary>
    private static string? TokenUsageProblem(string verb, Dictionary<string, string> options) => verb switch
    {
        "token create" when options.TryGetValue("expires-days", out var days) && !int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out _) =>
            "--expires-days takes a whole number of days.",
        "token revoke" when options.ContainsKey("id") == options.ContainsKey("prefix") => "Give either --id or --prefix.",
        "token revoke" when options.TryGetValue("id", out var id) && !int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _) =>
            "--id takes a token's number, as 'staff token list' shows it.",
        _ => null,
    };

    private static int Issued((StaffChange Change, IssuedToken? Issued) created)
    {
        if (created.Issued is not { } token)
        {
            return Report(created.Change, "");
        }
        var expiry = token.ExpiresAt is { } expires ? $"expires {Time(expires)}" : "does not expire";
        // The notice on standard error, the token alone on standard output: TOKEN=$(… staff token create …) keeps only the token.
        Console.Error.WriteLine($"Token {token.Id} \"{token.Name}\" for {token.Email} ({expiry}). Copy it now: it is not shown again.");
        Console.WriteLine(token.Token);
        return Succeeded;
    }

    private static int ListTokens(IReadOnlyList<TokenSummary> tokens)
    {
        if (tokens.Count == 0)
        {
            Console.WriteLine("No tokens yet.");
            return Succeeded;
        }
        Console.WriteLine($"{"id",-5} {"prefix",-15} {"name",-24} {"account",-36} {"created (UTC)",-17} {"last used",-17} {"expires",-17} state");
        foreach (var token in tokens)
        {
            var state = token.State.ToString().ToLowerInvariant() + (token.State == TokenState.Active && token.AccountProblem is { } problem ? $" ({problem})" : "");
            Console.WriteLine($"{token.Id,-5} {token.Prefix,-15} {Shorten(token.Name, 24),-24} {token.Email,-36} {Time(token.CreatedAt),-17} "
                + $"{(token.LastUsedAt is { } used ? Time(used) : "never"),-17} {(token.ExpiresAt is { } expires ? Time(expires) : "never"),-17} {state}");
        }
        return Succeeded;
    }

    private static int Revoked(TokenRevocation revocation)
    {
        if (revocation.Token is not { } token)
        {
            return Report(revocation.Change, "");
        }
        Console.WriteLine(revocation.WasAlreadyRevoked
            ? $"Token {token.Id} ({token.Prefix}, \"{token.Name}\") of {token.Email} was already revoked on {Time(token.RevokedAt!.Value)}."
            : $"Revoked token {token.Id} ({token.Prefix}, \"{token.Name}\") of {token.Email}; it no longer opens the reporting API.");
        return Succeeded;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>Reads "--name value" pairs; false on a stray word or a name without a value.</summary>
    private static bool TryParseOptions(ReadOnlySpan<string> args, out Dictionary<string, string> options)
    {
        options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                return false;
            }
            options[args[i][2..]] = args[i + 1];
        }
        return true;
    }
}
