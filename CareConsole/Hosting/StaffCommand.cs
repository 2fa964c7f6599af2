using CareConsole.Core;
using CareConsole.Core.Data;
using CareConsole.Core.Staff;

namespace CareConsole.Hosting;

/// <summary>
/// <c>staff add|set-password|set-role|lock|unlock|list</c>: manages staff accounts without the UI, on the app's own
/// configuration. A change that ends someone's access ends their open sessions in every running console too.
/// On SQLite it works beside a running console on the same file; with the private PostgreSQL cluster it uses the
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
        A password of "-" is read from standard input instead of the command line.
        """;

    /// <param name="args">The arguments after "staff".</param>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1 || !TryParseOptions(args.AsSpan(1), out var options))
        {
            await Console.Error.WriteLineAsync(Usage);
            return Misused;
        }

        var verb = args[0];
        if (verb is not ("add" or "set-password" or "set-role" or "lock" or "unlock" or "list"))
        {
            await Console.Error.WriteLineAsync($"Unknown staff command '{verb}'.{Environment.NewLine}{Usage}");
            return Misused;
        }
        var required = verb switch
        {
            "add" => ["email", "role", "password"],
            "set-password" => ["email", "password"],
            "set-role" => ["email", "role"],
            "lock" or "unlock" => ["email"],
            _ => Array.Empty<string>(),
        };
        if (required.FirstOrDefault(name => !options.ContainsKey(name)) is { } missing)
        {
            await Console.Error.WriteLineAsync($"Missing --{missing}.{Environment.NewLine}{Usage}");
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
            return verb switch
            {
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
