using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CareConsole.Hosting.Benchmarks;

/// <summary>
/// <c>bench abuse</c>: the console with its default limits as an attacker meets it. The console is a child process
/// behind a trusted "proxy" (this bench, on loopback), so each simulated client sends its own X-Forwarded-For address
/// and the console counts them apart, as it would behind a real load balancer. Reports how many pincode guesses get
/// compared, how many requests go through before 429, what normal customers' turns cost while an attack runs beside
/// them, and whether a registered number or a staff e-mail can be told apart by time.
/// </summary>
internal static partial class AbuseBenchmark
{
    private static int _nextAddress;

    public static async Task<int> RunAsync(int customers)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"careconsole-bench-{Guid.NewGuid():N}");
        try
        {
            await using var console = BenchmarkConsole.Start(folder, settings: new Dictionary<string, string>
            {
                ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            });
            using (var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) })
            {
                await console.SecondsUntilHealthyAsync(probe);
            }
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, UseCookies = false })
            {
                BaseAddress = console.Address,
                Timeout = TimeSpan.FromSeconds(60),
            };
            var accounts = await http.GetFromJsonAsync<List<JsonElement>>("/api/demo/accounts") ?? [];
            var staff = StaffEmails(console.Process.Output);

            Console.WriteLine("Abuse, default limits, the console behind a trusted proxy on this machine (2 cores shared with the attack)");
            Console.WriteLine();
            await GuessesAsync(http, accounts);
            await FloodsAsync(http);
            await TurnsUnderAttackAsync(http, accounts, customers);
            await TimingAsync(http, accounts, staff, console.Address!);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Console memory after the run (RSS): {(console.Process.ResidentBytes ?? 0) / 1024d / 1024d:0} MB"));
            return 0;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Pincode guesses: one client trying as fast as it can, then a hundred clients trying one number.</summary>
    private static async Task GuessesAsync(HttpClient http, List<JsonElement> accounts)
    {
        Console.WriteLine("| pincode guesses | tried | compared | refused: checks paused | refused: 429 | compared per minute |");
        Console.WriteLine("|---|---|---|---|---|---|");

        // One client, one number, new chats, for a minute, as fast as the console lets it (it waits when told to).
        var one = NewAddress();
        var target = accounts[1];
        var tally = new GuessTally();
        var clock = Stopwatch.StartNew();
        var guess = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (await GuessAsync(http, one, Phone(target), WrongPincode(target, guess++), tally) is { } wait)
            {
                await Task.Delay(wait < TimeSpan.FromSeconds(60) - clock.Elapsed ? wait : TimeSpan.FromSeconds(60) - clock.Elapsed);
            }
        }
        tally.Print("one client, one number, 60 s", compared => compared / clock.Elapsed.TotalMinutes);

        // One client, a different number each time.
        var hopper = NewAddress();
        var hops = new GuessTally();
        for (var i = 0; i < 20; i++)
        {
            await GuessAsync(http, hopper, Phone(accounts[10 + i]), WrongPincode(accounts[10 + i], 0), hops);
        }
        hops.Print("one client, 20 numbers", null);

        // A hundred clients, one number, all at once.
        var victim = accounts[2];
        var botnet = new GuessTally();
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => GuessAsync(http, NewAddress(), Phone(victim), WrongPincode(victim, i), botnet)));
        botnet.Print("100 clients, one number, at once", null);
        Console.WriteLine();
    }

    /// <summary>Each endpoint hammered by one client for five seconds: what gets through before and after the first 429.</summary>
    private static async Task FloodsAsync(HttpClient http)
    {
        Console.WriteLine("| flood from one client, 5 s | allowed before the first 429 | allowed per second after | 429 | 5xx |");
        Console.WriteLine("|---|---|---|---|---|");
        var chat = await StartAsync(http, NewAddress());
        var floods = new (string Name, Func<string, HttpRequestMessage> Request)[]
        {
            ("POST /api/conversations", _ => Json(HttpMethod.Post, "/api/conversations", "{}")),
            ("POST …/messages (one conversation)", _ => Json(HttpMethod.Post, $"/api/conversations/{chat.Id}/messages", "{\"text\":\"hello\"}", chat.Token)),
            ("GET /api/knowledge/search", _ => new HttpRequestMessage(HttpMethod.Get, "/api/knowledge/search?q=refund")),
            ("POST /api/analyze", _ => Json(HttpMethod.Post, "/api/analyze", "{\"text\":\"where is my order\"}")),
            ("GET / (page)", _ => new HttpRequestMessage(HttpMethod.Get, "/")),
        };
        foreach (var (name, request) in floods)
        {
            var address = NewAddress();
            var burst = -1;
            int allowed = 0, refused = 0, failed = 0, allowedAfter = 0;
            var clock = Stopwatch.StartNew();
            TimeSpan firstRefusal = default;
            while (clock.Elapsed < TimeSpan.FromSeconds(5))
            {
                var status = await SendAsync(http, request(address), address);
                if (status == HttpStatusCode.TooManyRequests)
                {
                    if (burst < 0)
                    {
                        burst = allowed;
                        firstRefusal = clock.Elapsed;
                    }
                    refused++;
                }
                else if ((int)status >= 500)
                {
                    failed++;
                }
                else
                {
                    allowed++;
                    allowedAfter += burst >= 0 ? 1 : 0;
                }
            }
            var after = burst < 0 ? "never refused" : (allowedAfter / (clock.Elapsed - firstRefusal).TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {(burst < 0 ? allowed : burst)} | {after} | {refused} | {failed} |"));
        }
        Console.WriteLine();
    }

    /// <summary>Normal customers' turns alone, then with an attack from many addresses running beside them.</summary>
    private static async Task TurnsUnderAttackAsync(HttpClient http, List<JsonElement> accounts, int customers)
    {
        var quiet = await CustomersAsync(http, accounts, customers, offset: 30);
        using var stop = new CancellationTokenSource();
        var attack = new ConcurrentDictionary<string, int>();
        // Eight attackers that take a new address for every burst (a botnet: the limits per client never see them
        // twice) and eight that hammer from one address each.
        var attackers = Enumerable.Range(0, 16).Select(i => AttackAsync(http, accounts, attack, rotate: i < 8, stop.Token)).ToList();
        var busy = await CustomersAsync(http, accounts, customers, offset: 40);
        await stop.CancelAsync();
        await Task.WhenAll(attackers);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| normal turns, {customers} customers × 6 turns | p50 | p99 | failed |"));
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| alone | {quiet.Latency.Median:0.0} ms | {quiet.Latency.P99:0.0} ms | {quiet.Failed} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| with the attack beside them | {busy.Latency.Median:0.0} ms | {busy.Latency.P99:0.0} ms | {busy.Failed} |"));
        Console.WriteLine();
        Console.WriteLine("Attack meanwhile (16 attackers sending new chats, messages and pincode guesses back to back; 8 from a new address "
            + "each burst, 8 from one address each), answers by status: " + string.Join(", ", attack.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}")));
        Console.WriteLine();
    }

    /// <summary>Whether time tells a registered number from an unknown one, or a staff e-mail from a stranger's.</summary>
    private static async Task TimingAsync(HttpClient http, List<JsonElement> accounts, List<string> staff, Uri address)
    {
        var registered = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 40; i++)
        {
            registered.Add(await TimedGuessAsync(http, Phone(accounts[45 + (i % 10)]), "560099"));
            unknown.Add(await TimedGuessAsync(http, (9_000_000_100 + i).ToString(CultureInfo.InvariantCulture), "560099"));
        }
        var staffTimes = new List<double>();
        var strangerTimes = new List<double>();
        for (var i = 0; i < 24 && staff.Count > 0; i++)
        {
            // Eight tries per staff account: under the count that slows an account down.
            staffTimes.Add(await TimedSignInAsync(address, staff[i % staff.Count]));
            strangerTimes.Add(await TimedSignInAsync(address, $"nobody.{i}@melamart.example"));
        }

        Console.WriteLine("| what an attacker times | p50 | p90 |");
        Console.WriteLine("|---|---|---|");
        Print("wrong pincode, registered number (40)", registered);
        Print("wrong pincode, unknown number (40)", unknown);
        Print("wrong password, staff e-mail (24)", staffTimes);
        Print("wrong password, unknown e-mail (24)", strangerTimes);
        Console.WriteLine();

        static void Print(string name, List<double> times)
        {
            if (times.Count == 0)
            {
                return;
            }
            var p = Percentiles.Of(times);
            var sorted = times.Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {p.Median:0.0} ms | {sorted[(int)(sorted.Length * 0.9) - 1]:0.0} ms |"));
        }
    }

    private static async Task<double> TimedGuessAsync(HttpClient http, string phone, string pincode)
    {
        var address = NewAddress();
        var chat = await StartAsync(http, address);
        await SendAsync(http, Json(HttpMethod.Post, $"/api/conversations/{chat.Id}/messages", JsonSerializer.Serialize(new { text = $"my number is {phone}" }), chat.Token), address);
        var clock = Stopwatch.StartNew();
        await SendAsync(http, Json(HttpMethod.Post, $"/api/conversations/{chat.Id}/messages", JsonSerializer.Serialize(new { text = $"pincode {pincode}" }), chat.Token), address);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> TimedSignInAsync(Uri console, string email)
    {
        var address = NewAddress();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = console };
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        var form = await browser.GetStringAsync("/account/sign-in");
        var token = Token().Match(form).Groups["token"].Value;
        using var content = new FormUrlEncodedContent(
        [
            new("_handler", "sign-in"),
            new("__RequestVerificationToken", token),
            new("Input.Email", email),
            new("Input.Password", "Wrong-Password-" + address),
        ]);
        var clock = Stopwatch.StartNew();
        using var response = await browser.PostAsync("/account/sign-in", content);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<(Percentiles Latency, int Failed)> CustomersAsync(HttpClient http, List<JsonElement> accounts, int customers, int offset)
    {
        string[] script = ["Hi, my number is {phone}", "{pincode}", "where is my order?", "how long do refunds take for UPI?", "show my orders", "thanks"];
        var latencies = new ConcurrentBag<double>();
        var failed = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, customers), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, _) =>
        {
            var account = accounts[(offset + n) % accounts.Count];
            var address = NewAddress();
            var chat = await StartAsync(http, address);
            foreach (var line in script)
            {
                var text = line.Replace("{phone}", Phone(account), StringComparison.Ordinal).Replace("{pincode}", account.GetProperty("pincode").GetString(), StringComparison.Ordinal);
                var clock = Stopwatch.StartNew();
                var status = await SendAsync(http, Json(HttpMethod.Post, $"/api/conversations/{chat.Id}/messages", JsonSerializer.Serialize(new { text }), chat.Token), address);
                latencies.Add(clock.Elapsed.TotalMilliseconds);
                if (status != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        });
        return (Percentiles.Of(latencies), failed);
    }

    /// <summary>One attacker: bursts of a new chat, a phone number, a pincode guess and chatter, back to back.</summary>
    private static async Task AttackAsync(HttpClient http, List<JsonElement> accounts, ConcurrentDictionary<string, int> outcomes, bool rotate, CancellationToken stop)
    {
        var round = 0;
        var fixedAddress = NewAddress();
        while (!stop.IsCancellationRequested)
        {
            var address = rotate ? NewAddress() : fixedAddress;
            var status = await SendAsync(http, Json(HttpMethod.Post, "/api/conversations", "{}"), address, body: true);
            Count(outcomes, status.Status);
            if (status.Body is { } started && status.Status == HttpStatusCode.Created)
            {
                using var json = JsonDocument.Parse(started);
                var id = json.RootElement.GetProperty("id").GetString();
                var token = json.RootElement.GetProperty("token").GetString();
                var victim = accounts[round++ % 5];
                foreach (var text in new[] { $"my number is {Phone(victim)}", $"pincode {WrongPincode(victim, round)}", "hello", "hello", "hello" })
                {
                    Count(outcomes, await SendAsync(http, Json(HttpMethod.Post, $"/api/conversations/{id}/messages", JsonSerializer.Serialize(new { text }), token), address));
                }
            }
        }

        static void Count(ConcurrentDictionary<string, int> outcomes, HttpStatusCode status) =>
            outcomes.AddOrUpdate(((int)status).ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
    }

    /// <summary>One guess in a new chat; when refused with 429, how long the console asked to wait.</summary>
    private static async Task<TimeSpan?> GuessAsync(HttpClient http, string address, string phone, string pincode, GuessTally tally)
    {
        Interlocked.Increment(ref tally.Tried);
        var (status, started, wait) = await PostAsync(http, Json(HttpMethod.Post, "/api/conversations", "{}"), address);
        if (status != HttpStatusCode.Created)
        {
            Interlocked.Increment(ref tally.Limited);
            return wait;
        }
        using var chat = JsonDocument.Parse(started);
        var id = chat.RootElement.GetProperty("id").GetString();
        var token = chat.RootElement.GetProperty("token").GetString();
        string reply = "";
        foreach (var text in new[] { $"my number is {phone}", $"pincode {pincode}" })
        {
            (status, reply, wait) = await PostAsync(http, Json(HttpMethod.Post, $"/api/conversations/{id}/messages", JsonSerializer.Serialize(new { text }), token), address);
            if (status == HttpStatusCode.TooManyRequests)
            {
                Interlocked.Increment(ref tally.Limited);
                return wait;
            }
        }
        // "Doesn't match" means the pincode was compared (the guess that locks says so too); "paused" alone, that it was not.
        Interlocked.Increment(ref reply.Contains("doesn't match", StringComparison.Ordinal) ? ref tally.Compared : ref tally.Paused);
        return null;
    }

    private static async Task<(HttpStatusCode Status, string Body, TimeSpan? RetryAfter)> PostAsync(HttpClient http, HttpRequestMessage request, string address)
    {
        using (request)
        {
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.RetryAfter?.Delta);
        }
    }

    private sealed class GuessTally
    {
        public int Tried;
        public int Compared;
        public int Paused;
        public int Limited;

        public void Print(string name, Func<int, double>? perMinute) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Tried} | {Compared} | {Paused} | {Limited} | {(perMinute is null ? "–" : perMinute(Compared).ToString("0.0", CultureInfo.InvariantCulture))} |"));
    }

    private static async Task<(string? Id, string? Token)> StartAsync(HttpClient http, string address)
    {
        var (status, body) = await SendAsync(http, Json(HttpMethod.Post, "/api/conversations", "{}"), address, body: true);
        if (status != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Starting a conversation answered {(int)status}.");
        }
        using var json = JsonDocument.Parse(body!);
        return (json.RootElement.GetProperty("id").GetString(), json.RootElement.GetProperty("token").GetString());
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient http, HttpRequestMessage request, string address) =>
        (await SendAsync(http, request, address, body: false)).Status;

    private static async Task<(HttpStatusCode Status, string? Body)> SendAsync(HttpClient http, HttpRequestMessage request, string address, bool body)
    {
        using (request)
        {
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await http.SendAsync(request);
            return (response.StatusCode, body ? await response.Content.ReadAsStringAsync() : null);
        }
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, string json, string? token = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }
        return request;
    }

    /// <summary>A client address of its own, from 198.18.0.0/15, the range set aside for benchmarks.</summary>
    private static string NewAddress()
    {
        var n = Interlocked.Increment(ref _nextAddress);
        return $"198.{18 + (n >> 16)}.{(n >> 8) & 255}.{n & 255}";
    }

    private static string Phone(JsonElement account) => account.GetProperty("phone").GetString()!;

    private static string WrongPincode(JsonElement account, int guess)
    {
        var pincode = (110001 + guess * 13).ToString(CultureInfo.InvariantCulture);
        return pincode == account.GetProperty("pincode").GetString() ? "110000" : pincode;
    }

    /// <summary>The demo staff e-mails the console printed on first start.</summary>
    private static List<string> StaffEmails(string output) =>
        [.. StaffLine().Matches(output).Select(m => m.Groups["email"].Value)];

    [GeneratedRegex(@"^\s+(Agent|Manager)\s+.+?\s+(?<email>\S+@\S+)\s+\S+$", RegexOptions.Multiline)]
    private static partial Regex StaffLine();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex Token();
}
