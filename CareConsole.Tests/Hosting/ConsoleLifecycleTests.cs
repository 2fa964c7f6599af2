using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareConsole.Core.Data;
using CareConsole.Core.Data.Embedded;
using CareConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CareConsole.Tests.Hosting;

/// <summary>
/// The console as a person runs it: its own process, its own database in a fresh folder (SQLite, or the private
/// PostgreSQL cluster when the run is on PostgreSQL), demo data and demo staff printed on first start, the staff and
/// backup commands beside it, and nothing left running when it stops.
/// </summary>
[Trait("Category", "Process")]
public sealed partial class ConsoleLifecycleTests : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly TempFolder _folder = new("console");

    private static readonly Dictionary<string, string> OnPostgres = new() { ["Database__Provider"] = "PostgreSQL" };

    private string DataDirectory => _folder.Path;

    private string ClusterDirectory => _folder.Combine("postgres");

    [Fact]
    public async Task FirstStart_ServesTheConsoleAndItsPrintedDemoAgentCanSignIn()
    {
        var (app, address) = await AppProcess.StartConsoleAsync(DataDirectory, StartTimeout);
        await using var running = app;
        using var http = new HttpClient { BaseAddress = address };

        using var script = await http.GetAsync("/_framework/blazor.web.js", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length > 10_000);
        using var health = await http.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var accounts = await http.GetFromJsonAsync<List<object>>("/api/demo/accounts", TestContext.Current.CancellationToken);
        Assert.True(accounts!.Count >= 50);

        var agent = PrintedCredentials(app.Output).First(c => c.Role == "Agent");
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(address);
        await page.GotoAsync("/desk");
        await BrowserApp.SignInAsync(page, new TestStaff(agent.Email, agent.Password, agent.Role, ""));
        await BrowserApp.ExpectHeadingAsync(page, "Desk");
    }

    [Fact]
    public async Task Restart_KeepsDataSeedsNothingTwiceAndLeavesNoServerBehind()
    {
        var (first, firstAddress) = await AppProcess.StartConsoleAsync(DataDirectory, StartTimeout);
        await using (first)
        {
            Assert.Equal(3, PrintedCredentials(first.Output).Count);
            var seeded = await CountDemoDataAsync(firstAddress);
            Assert.Equal(0, await first.StopAsync());
            Assert.False(ServerRunning(), "PostgreSQL still running after the console stopped");

            var (second, secondAddress) = await AppProcess.StartConsoleAsync(DataDirectory, StartTimeout);
            await using var restarted = second;

            Assert.Empty(PrintedCredentials(second.Output));
            Assert.Equal(seeded, await CountDemoDataAsync(secondAddress));
            Assert.Equal(0, await second.StopAsync());
        }
        Assert.False(ServerRunning(), "PostgreSQL still running after the console stopped");
    }

    [Fact]
    public async Task Start_AfterAKillMidTurn_AnswersEveryMessageThatWasLeftWaiting()
    {
        // A model that takes minutes, so every message is stored and waiting in its turn when the console is killed.
        await using var model = await ProviderStub.StartAsync(TestContext.Current.CancellationToken);
        const int Messages = 8;
        for (var i = 0; i < Messages; i++)
        {
            model.Reply("{}", delay: TimeSpan.FromMinutes(5));
        }
        var slowModel = new Dictionary<string, string>
        {
            ["Ai__Provider"] = "OpenAI",
            ["Ai__OpenAI__BaseUrl"] = new Uri(model.Address, "/v1").ToString(),
            ["Ai__OpenAI__Model"] = "slow-model",
            ["Ai__TimeoutSeconds"] = "300",
        };
        var (killed, address) = await AppProcess.StartConsoleAsync(DataDirectory, StartTimeout, settings: slowModel);
        List<CustomerChat> chats = [];
        await using (killed)
        {
            var api = new CustomerApi(new HttpClient { BaseAddress = address });
            for (var i = 0; i < Messages; i++)
            {
                chats.Add(await api.StartAsync());
            }
            var sends = chats.Select(chat => chat.PostMessageAsync("{\"text\":\"how long do refunds to UPI take?\"}")).ToList();
            await Poll.UntilAsync(() => model.Requests.Count >= Messages, TimeSpan.FromSeconds(60));
            await killed.CrashAsync();
            await Task.WhenAll(sends.Select(send => send.ContinueWith(_ => { }, TaskScheduler.Default)));
        }

        var (restarted, restartedAddress) = await AppProcess.StartConsoleAsync(DataDirectory, StartTimeout);
        await using var running = restarted;
        var again = new CustomerApi(new HttpClient { BaseAddress = restartedAddress });
        foreach (var chat in chats)
        {
            await Poll.UntilAsync(async timeout =>
            {
                using var response = await again.GetAsync(chat.Path, chat.Token);
                // Eight conversations read over and over from one address can meet the rate limit, and a console still
                // recovering may ask to come back later: both say when, and the poll asks again.
                if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                {
                    return false;
                }
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var authors = (await response.Content.ReadFromJsonAsync<JsonElement>(timeout))
                    .GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("author").GetString()).ToList();
                return authors.Count(a => a == "customer") == 1 && authors[^1] == "assistant";
            }, TimeSpan.FromSeconds(60));
        }
        Assert.Contains("never answered", restarted.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OnPostgresAfterACrash_AdoptsTheServerItLeftAndStopsItLater()
    {
        var (crashed, _) = await AppProcess.StartConsoleAsync(DataDirectory, StartTimeout, settings: OnPostgres);
        await crashed.CrashAsync();
        await crashed.DisposeAsync();
        Assert.True(ServerRunning(), "the killed console's PostgreSQL should still be running");

        var (restarted, _) = await AppProcess.StartConsoleAsync(DataDirectory, StartTimeout, settings: OnPostgres);
        await using var running = restarted;
        Assert.Contains("Adopted the PostgreSQL server", restarted.Output);
        Assert.Equal(0, await restarted.StopAsync());

        Assert.False(ServerRunning(), "PostgreSQL still running after the console stopped");
    }

    [Fact]
    public async Task StaffAdd_WithoutTheConsoleRunning_CreatesTheDatabaseAddsAndStopsAgain()
    {
        var added = await AppProcess.RunCommandAsync(DataDirectory,
            "staff", "add", "--email", "neha.gupta@melamart.example", "--role", "Manager", "--password", "Kesar-Chai-2026", "--name", "Neha Gupta");
        Assert.Equal((0, true), (added.ExitCode, added.Output.Contains("Added neha.gupta@melamart.example as Manager.")));
        Assert.False(ServerRunning(), "the command left PostgreSQL running");

        var duplicate = await AppProcess.RunCommandAsync(DataDirectory,
            "staff", "add", "--email", "NEHA.GUPTA@melamart.example", "--role", "Agent", "--password", "Another-Good-1");
        Assert.NotEqual(0, duplicate.ExitCode);
        Assert.Contains("already exists", duplicate.Output);

        var weak = await AppProcess.RunCommandAsync(DataDirectory,
            "staff", "add", "--email", "new.agent@melamart.example", "--role", "Agent", "--password", "chai");
        Assert.NotEqual(0, weak.ExitCode);
        Assert.Contains("at least 10 characters", weak.Output);

        var list = await AppProcess.RunCommandAsync(DataDirectory, "staff", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("neha.gupta@melamart.example", list.Output);
        Assert.DoesNotContain("new.agent@melamart.example", list.Output);
    }

    [Fact]
    public async Task StaffAdd_WhileTheConsoleRuns_SharesItsDatabaseAndTheNewAgentCanSignIn()
    {
        var (app, address) = await AppProcess.StartConsoleAsync(DataDirectory, StartTimeout);
        await using var running = app;

        var added = await AppProcess.RunCommandAsync(DataDirectory,
            "staff", "add", "--email", "farhan.khan@melamart.example", "--role", "Agent", "--password", "Monsoon-Rain-42");

        Assert.Equal(0, added.ExitCode);
        Assert.True(ServerRunning() || TestDatabases.Provider == DatabaseProvider.Sqlite, "the command stopped the console's PostgreSQL");
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(address);
        await page.GotoAsync("/account/sign-in");
        await BrowserApp.SignInAsync(page, new TestStaff("farhan.khan@melamart.example", "Monsoon-Rain-42", "Agent", ""));
        await BrowserApp.ExpectHeadingAsync(page, "Desk");
    }

    [Fact]
    public async Task StaffLock_FromTheCommandWhileTheConsoleRuns_EndsTheAgentsOpenDeskAtOnce()
    {
        var (app, address) = await AppProcess.StartConsoleAsync(DataDirectory, StartTimeout);
        await using var running = app;
        var agent = PrintedCredentials(app.Output).First(c => c.Role == "Agent");
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(address);
        await page.GotoAsync("/account/sign-in");
        await BrowserApp.SignInAsync(page, new TestStaff(agent.Email, agent.Password, agent.Role, ""));
        await Microsoft.Playwright.Assertions.Expect(page.Locator(".desk[data-live=true]")).ToBeVisibleAsync();

        // Another process changes the account: on SQLite through the file beside the database, on PostgreSQL by NOTIFY.
        var locked = await AppProcess.RunCommandAsync(DataDirectory, "staff", "lock", "--email", agent.Email);

        Assert.Equal(0, locked.ExitCode);
        await Microsoft.Playwright.Assertions.Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1, Name = "Staff sign in", Exact = true }))
            .ToBeVisibleAsync(new() { Timeout = 5000 });
    }

    [Fact]
    public async Task Start_OnPostgresWithoutItsPrograms_ExitsWithOneLineSayingWhatToInstall()
    {
        var result = await AppProcess.RunCommandAsync(DataDirectory, "--Database:Provider", "PostgreSQL", "--Database:BinDirectory", _folder.Combine("no-such-folder"));

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("apt-get install postgresql", line);
    }

    [Fact]
    public async Task Start_OnSqliteWithoutPostgreSQLPrograms_ServesTheDemo()
    {
        // The default path never looks for PostgreSQL: a machine with only the .NET SDK runs the console.
        var (app, address) = await AppProcess.StartConsoleAsync(DataDirectory, StartTimeout, settings: new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["Database__BinDirectory"] = _folder.Combine("no-such-folder"),
        });
        await using var running = app;

        Assert.True(File.Exists(Path.Combine(DataDirectory, CareDatabaseSettings.SqliteFileName)));
        Assert.False(Directory.Exists(ClusterDirectory));
        Assert.Equal(3, PrintedCredentials(app.Output).Count);
        Assert.True((await CountDemoDataAsync(address)).Customers >= 50);
    }

    [Fact]
    public async Task SecondConsole_OnTheSameSqliteFile_RefusesWithOneLineNamingPostgres()
    {
        var sqlite = new Dictionary<string, string> { ["Database__Provider"] = "Sqlite" };
        var (first, address) = await AppProcess.StartConsoleAsync(DataDirectory, StartTimeout, settings: sqlite);
        await using var running = first;

        var second = await AppProcess.RunCommandAsync(DataDirectory, "--Database:Provider", "Sqlite", "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, second.ExitCode);
        var line = Assert.Single(second.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("already running", line, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL", line, StringComparison.Ordinal);
        // The first one is untouched.
        using var http = new HttpClient { BaseAddress = address };
        using var health = await http.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Backup_WhileTheConsoleTakesMessages_WritesACopyThatOpensWithEverythingInIt()
    {
        var sqlite = new Dictionary<string, string> { ["Database__Provider"] = "Sqlite" };
        var (app, address) = await AppProcess.StartConsoleAsync(DataDirectory, StartTimeout, settings: sqlite);
        await using var running = app;
        var api = new CustomerApi(new HttpClient { BaseAddress = address });
        var chat = await api.StartAsync();
        using (var sent = await chat.PostMessageAsync("{\"text\":\"how long do refunds to UPI take?\"}"))
        {
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }
        // More customers keep writing while the copy is taken.
        var busy = Enumerable.Range(0, 5).Select(async _ =>
        {
            var other = await api.StartAsync();
            using var response = await other.PostMessageAsync("{\"text\":\"do you deliver on sundays?\"}");
            return response.StatusCode;
        }).ToList();
        using var copies = new TempFolder("backup");
        var target = copies.Combine("careconsole-copy.db");

        var backup = await AppProcess.RunCommandWithAsync(DataDirectory, sqlite, "backup", target);

        Assert.Equal(0, backup.ExitCode);
        Assert.Contains("Backed up", backup.Output, StringComparison.Ordinal);
        Assert.All(await Task.WhenAll(busy), status => Assert.Equal(HttpStatusCode.OK, status));
        // The copy is a database of its own: the staff command reads it where it lies.
        File.Move(target, copies.Combine(CareDatabaseSettings.SqliteFileName));
        var store = new TestStore(DatabaseProvider.Sqlite, copies.Path);
        await using var copy = store.NewContext();
        Assert.True(await copy.Customers.CountAsync(TestContext.Current.CancellationToken) >= 50);
        Assert.Contains(await copy.Messages.Where(m => m.ConversationId == chat.Id).Select(m => m.Text).ToListAsync(TestContext.Current.CancellationToken),
            text => text.Contains("UPI", StringComparison.Ordinal));
        var list = await AppProcess.RunCommandOnAsync(store, "staff", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("arjun.nair@melamart.example", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_OnPostgres_PointsToPgDumpAndWritesNothing()
    {
        using var copies = new TempFolder("backup");

        var backup = await AppProcess.RunCommandWithAsync(DataDirectory, OnPostgres, "backup", copies.Combine("copy.db"));

        Assert.Equal(1, backup.ExitCode);
        Assert.Contains("pg_dump", backup.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(copies.Path));
    }

    private bool ServerRunning() => File.Exists(Path.Combine(ClusterDirectory, "postmaster.pid"));

    private static async Task<(int Customers, int Orders)> CountDemoDataAsync(Uri address)
    {
        using var http = new HttpClient { BaseAddress = address };
        var accounts = await http.GetFromJsonAsync<List<DemoAccountCount>>("/api/demo/accounts", TestContext.Current.CancellationToken);
        return (accounts!.Count, accounts.Sum(a => a.Orders.Count));
    }

    private sealed record DemoAccountCount(List<object> Orders);

    private sealed record PrintedCredential(string Role, string Email, string Password);

    private static List<PrintedCredential> PrintedCredentials(string output) =>
        CredentialLine().Matches(output)
            .Select(m => new PrintedCredential(m.Groups["role"].Value, m.Groups["email"].Value, m.Groups["password"].Value))
            .ToList();

    [GeneratedRegex(@"^\s+(?<role>Agent|Manager)\s+.+?\s(?<email>\S+@\S+)\s+(?<password>\S+)$", RegexOptions.Multiline)]
    private static partial Regex CredentialLine();

    public async ValueTask DisposeAsync()
    {
        if (ServerRunning())
        {
            // A failed test can leave a server behind; adopting it is how the app itself cleans up after a crash.
            var stray = await EmbeddedPostgres.StartAsync(
                new EmbeddedPostgresSettings(ClusterDirectory, TestDatabases.BinDirectory), mayShare: false, NullLogger.Instance, CancellationToken.None);
            await stray.DisposeAsync();
        }
        _folder.Dispose();
    }
}
