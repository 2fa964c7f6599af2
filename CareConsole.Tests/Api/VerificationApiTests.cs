using CareConsole.Core.Data;
using CareConsole.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Api;

/// <summary>
/// Identity checks as an attacker tries them through the customer API: with only a phone number, many new chats,
/// one client trying many numbers, and a restart in between. Each test uses demo customers no other test here uses,
/// since failures are counted per number for the whole database.
/// </summary>
public sealed class VerificationApiTests(DemoAppFixture app, TestDatabases databases) : IClassFixture<DemoAppFixture>
{
    private const string PausedEnglish = "identity checks for this number are paused";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Messages_WrongPincodesAcrossNewConversations_LockTheNumberAndRefuseTheRightPincode()
    {
        var account = (await Api().DemoAccountsAsync())[10];

        // Five new chats, each from an address of its own: only the count per number can stop this.
        var replies = await GuessAsync(app.Factory, account, 5);

        Assert.All(replies, reply => Assert.False(reply.Verified));
        Assert.DoesNotContain(PausedEnglish, replies[3].Reply, StringComparison.Ordinal);
        Assert.Contains(PausedEnglish, replies[4].Reply, StringComparison.Ordinal);

        // The real customer, from yet another address, in a new chat: told at once, and the right pincode refused.
        var customer = await Api().StartAsync();
        var named = await customer.SayAsync($"my number is {account.Phone}");
        var proof = await customer.SayAsync($"my pincode is {account.Pincode}");

        Assert.Contains(PausedEnglish, named.Reply, StringComparison.Ordinal);
        Assert.False(proof.Verified);
        Assert.Equal("verification", proof.Phase);
        Assert.Contains(PausedEnglish, proof.Reply, StringComparison.Ordinal);
        Assert.Contains("person", proof.Reply, StringComparison.Ordinal);
        Assert.DoesNotContain(account.Name.Split(' ')[0], named.Reply + proof.Reply, StringComparison.Ordinal);

        await using var db = await DbAsync();
        var attempts = await db.VerificationAttempts.Where(a => a.Phone == account.Phone).ToListAsync(Ct);
        Assert.Equal(5, attempts.Count);
        Assert.DoesNotContain(attempts, a => a.Succeeded);
        var conversation = await db.Conversations.SingleAsync(c => c.Id == customer.Id, Ct);
        Assert.NotNull(conversation.VerificationLockedUntil);
        Assert.InRange(conversation.VerificationLockedUntil.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
    }

    [Fact]
    public async Task Messages_LockedNumberInHindi_IsToldInHindiAndOfferedAPerson()
    {
        var account = (await Api().DemoAccountsAsync())[11];
        await GuessAsync(app.Factory, account, 5);

        var chat = await Api().StartAsync("hi");
        var named = await chat.SayAsync($"मेरा नंबर {account.Phone} है");
        var person = await chat.SayAsync("किसी इंसान से बात कराइए");

        Assert.True(Scripts.HasDevanagari(named.Reply), named.Reply);
        Assert.Contains("रोक दी गई", named.Reply, StringComparison.Ordinal);
        Assert.True(person.Escalated);
        Assert.Equal("customer_request", person.EscalationRule);
    }

    [Fact]
    public async Task Messages_RegisteredAndUnknownNumbers_AreAnsweredInTheSameWords()
    {
        var accounts = await Api().DemoAccountsAsync();
        var registered = accounts[12];
        var unknown = UnknownNumber(accounts);

        var (registeredNamed, registeredWrong) = await NameAndGuessAsync(registered.Phone, "560099");
        var (unknownNamed, unknownWrong) = await NameAndGuessAsync(unknown, "560099");

        Assert.Equal(registeredNamed, unknownNamed);
        Assert.Equal(registeredWrong, unknownWrong);
        Assert.DoesNotContain(registered.Name.Split(' ')[0], $"{registeredNamed} {registeredWrong}", StringComparison.Ordinal);

        // What a network model would have been shown is the same too, number aside.
        await using var db = await DbAsync();
        var results = await db.ToolCalls.AsNoTracking()
            .Where(c => c.Name == "find_account" || c.Name == "verify_identity")
            .Join(db.Conversations, c => c.ConversationId, v => v.Id, (c, v) => new { v.ClaimedPhone, c.Name, c.ResultJson, c.Id })
            .Where(r => r.ClaimedPhone == registered.Phone || r.ClaimedPhone == unknown)
            .OrderBy(r => r.Id)
            .ToListAsync(Ct);
        Assert.Equal(4, results.Count);
        Assert.Equal(
            results.Where(r => r.ClaimedPhone == registered.Phone).Select(r => (r.Name, r.ResultJson)),
            results.Where(r => r.ClaimedPhone == unknown).Select(r => (r.Name, r.ResultJson)));
    }

    [Fact]
    public async Task Messages_OneClientTryingManyNumbers_IsLockedEvenForANumberItNeverTried()
    {
        var accounts = await Api().DemoAccountsAsync();
        var address = TestClientAddresses.Next();
        var attacker = new CustomerApi(app.Factory.CreateClientFrom(address));
        for (var number = 0; number < 5; number++)
        {
            var chat = await attacker.StartAsync();
            await chat.SayAsync($"my number is {accounts[20 + number].Phone}");
            await chat.SayAsync($"pincode {WrongPincode(accounts[20 + number], 0)}");
        }

        var victim = accounts[25];
        var fromAttacker = await attacker.StartAsync();
        await fromAttacker.SayAsync($"my number is {victim.Phone}");
        var refused = await fromAttacker.SayAsync($"pincode {victim.Pincode}");
        var fromCustomer = await Api().StartAsync();
        await fromCustomer.SayAsync($"my number is {victim.Phone}");
        var verified = await fromCustomer.SayAsync($"pincode {victim.Pincode}");

        Assert.False(refused.Verified);
        Assert.Contains("paused", refused.Reply, StringComparison.Ordinal);
        Assert.True(verified.Verified, verified.Reply);
    }

    [Fact]
    public async Task Messages_ARealCustomerVerifyingMeanwhile_DoesNotResetTheCountOfTheAttack()
    {
        var account = (await Api().DemoAccountsAsync())[13];
        await GuessAsync(app.Factory, account, 4);
        Assert.True((await TryInANewChatAsync(Api(), account.Phone, account.Pincode)).Verified);

        var locked = (await GuessAsync(app.Factory, account, 1, first: 4))[0];
        var refused = await TryInANewChatAsync(Api(), account.Phone, account.Pincode);

        Assert.Contains(PausedEnglish, locked.Reply, StringComparison.Ordinal);
        Assert.False(refused.Verified);
    }

    [Fact]
    public async Task Messages_AfterARestart_TheLockStillHolds()
    {
        var first = await CareConsoleFactory.StartAsync(databases, demo: true);
        var account = (await new CustomerApi(first.CreateClient()).DemoAccountsAsync())[0];
        await GuessAsync(first, account, 5);
        await first.DisposeAsync();

        // The same database, a new process's worth of app: nothing was kept in memory that mattered.
        await using var second = CareConsoleFactory.Start(first.Store);
        var refused = await TryInANewChatAsync(new CustomerApi(second.CreateClient()), account.Phone, account.Pincode);

        Assert.False(refused.Verified);
        Assert.Contains(PausedEnglish, refused.Reply, StringComparison.Ordinal);
    }

    /// <summary><paramref name="count"/> wrong pincodes for the account, each in a new chat from an address of its own.</summary>
    private static async Task<List<TurnReply>> GuessAsync(CareConsoleFactory factory, DemoAccountReply account, int count, int first = 0)
    {
        var replies = new List<TurnReply>();
        for (var guess = first; guess < first + count; guess++)
        {
            replies.Add(await TryInANewChatAsync(new CustomerApi(factory.CreateClient()), account.Phone, WrongPincode(account, guess)));
        }
        return replies;
    }

    /// <summary>A new chat: the number, then the pincode; the answer to the pincode.</summary>
    private static async Task<TurnReply> TryInANewChatAsync(CustomerApi api, string phone, string pincode)
    {
        var chat = await api.StartAsync();
        await chat.SayAsync($"my number is {phone}");
        return await chat.SayAsync($"pincode {pincode}");
    }

    /// <summary>Gives a number, then a pincode, in a new chat; the two answers as the customer sees them.</summary>
    private async Task<(object Named, object Wrong)> NameAndGuessAsync(string phone, string pincode)
    {
        var chat = await Api().StartAsync();
        var named = await chat.SayAsync($"my number is {phone}");
        var wrong = await chat.SayAsync($"pincode {pincode}");
        return (Seen(named), Seen(wrong));
    }

    private static object Seen(TurnReply turn) =>
        (turn.Reply, turn.Status, turn.Owner, turn.Phase, turn.Verified, turn.Escalated, turn.Language, turn.Citations.Count, turn.EscalationRule);

    /// <summary>A pincode that is not on the account, different for each guess.</summary>
    private static string WrongPincode(DemoAccountReply account, int guess)
    {
        var candidate = 110001 + guess * 7;
        return (candidate.ToString(System.Globalization.CultureInfo.InvariantCulture) == account.Pincode ? candidate + 1 : candidate)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string UnknownNumber(IReadOnlyList<DemoAccountReply> accounts)
    {
        var number = 9_000_000_001L;
        while (accounts.Any(a => a.Phone == number.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            number++;
        }
        return number.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private CustomerApi Api() => new(app.Factory.CreateClient());

    private Task<CareDbContext> DbAsync() =>
        app.Factory.Services.GetRequiredService<IDbContextFactory<CareDbContext>>().CreateDbContextAsync(Ct);

    [Fact]
    public async Task Messages_ManyGuessesAtOnce_NeverCompareMoreThanTheLimit()
    {
        var account = (await Api().DemoAccountsAsync())[14];
        var chats = new List<CustomerChat>();
        for (var i = 0; i < 12; i++)
        {
            var chat = await Api().StartAsync();
            await chat.SayAsync($"my number is {account.Phone}");
            chats.Add(chat);
        }

        var replies = await Task.WhenAll(chats.Select((chat, i) => chat.SayAsync($"pincode {(i == 11 ? account.Pincode : WrongPincode(account, i))}")));

        await using var db = await DbAsync();
        Assert.Equal(5, await db.VerificationAttempts.CountAsync(a => a.Phone == account.Phone && !a.Succeeded, Ct));
        // The right pincode can only have won if it was compared before the fifth failure.
        var compared = await db.VerificationAttempts.CountAsync(a => a.Phone == account.Phone, Ct);
        Assert.InRange(compared, 5, 6);
        Assert.Equal(compared - 5, replies.Count(r => r.Verified));
    }
}
