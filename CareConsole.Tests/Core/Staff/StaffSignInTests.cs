using CareConsole.Core.Clients;
using CareConsole.Core.Data;
using CareConsole.Core.Staff;
using CareConsole.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Core.Staff;

public sealed class StaffSignInTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CheckAsync_UnknownEmailOrWrongPassword_CostExactlyOneHashCheckEach()
    {
        var staff = await app.Factory.AddStaffAsync(StaffRoles.Agent, "Hash Count");
        var hasher = new CountingHasher();

        var unknown = await CheckAsync("nobody.here@test.example", "Wrong-Password-1", TestClients.Next(), hasher);
        var afterUnknown = hasher.Checks;
        var wrong = await CheckAsync(staff.Email, "Wrong-Password-1", TestClients.Next(), hasher);
        var afterWrong = hasher.Checks - afterUnknown;
        var right = await CheckAsync(staff.Email, staff.Password, TestClients.Next(), hasher);

        // The same work for an e-mail that is not staff as for one that is: timing cannot tell them apart.
        Assert.Equal(1, afterUnknown);
        Assert.Equal(1, afterWrong);
        Assert.Equal((StaffSignInRefusal?)StaffSignInRefusal.WrongCredentials, unknown.Refusal);
        Assert.Equal(unknown.Refusal, wrong.Refusal);
        Assert.True(right.Succeeded);
    }

    [Fact]
    public async Task CheckAsync_FailuresFromOneClient_StopThatClientButNotTheColleagueElsewhere()
    {
        var staff = await app.Factory.AddStaffAsync(StaffRoles.Agent, "Guessed At");
        var attacker = TestClients.Next();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(StaffSignInRefusal.WrongCredentials, (await CheckAsync(staff.Email, $"Guess-Number-{i}", attacker)).Refusal);
        }

        var attackerWithTheRightPassword = await CheckAsync(staff.Email, staff.Password, attacker);
        var colleague = await CheckAsync(staff.Email, staff.Password, TestClients.Next());

        Assert.Equal(StaffSignInRefusal.TooManyAttempts, attackerWithTheRightPassword.Refusal);
        Assert.True(attackerWithTheRightPassword.RetryAfter > TimeSpan.Zero);
        Assert.True(colleague.Succeeded);
    }

    [Fact]
    public async Task CheckAsync_UnknownEmailTriedOften_IsRefusedInTheSameWordsAsAStaffOne()
    {
        var attacker = TestClients.Next();
        for (var i = 0; i < 5; i++)
        {
            await CheckAsync("not.staff@test.example", $"Guess-Number-{i}", attacker);
        }

        var refused = await CheckAsync("not.staff@test.example", "Guess-Number-9", attacker);

        Assert.Equal(StaffSignInRefusal.TooManyAttempts, refused.Refusal);
    }

    [Fact]
    public async Task CheckAsync_LockedAccount_SaysLockedOnlyToTheRightPassword()
    {
        var staff = await app.Factory.AddStaffAsync(StaffRoles.Agent, "Locked Person");
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<StaffDirectory>().LockAsync(staff.Email)).Succeeded);
        }

        var wrong = await CheckAsync(staff.Email, "Wrong-Password-1", TestClients.Next());
        var right = await CheckAsync(staff.Email, staff.Password, TestClients.Next());

        Assert.Equal(StaffSignInRefusal.WrongCredentials, wrong.Refusal);
        Assert.Equal(StaffSignInRefusal.AccountLocked, right.Refusal);
        Assert.False(right.Succeeded);
    }

    [Fact]
    public void DelayFor_AnAccountGuessedAtFromEverywhere_SlowsDownUpToTheCap()
    {
        var settings = new StaffSignInSettings { SlowDownAfterFailures = 10, MaxDelay = TimeSpan.FromSeconds(8) };
        var signIn = new StaffSignIn(null!, null!, null!, settings, TimeProvider.System);

        Assert.Equal(TimeSpan.Zero, signIn.DelayFor(9));
        Assert.True(signIn.DelayFor(10) > TimeSpan.Zero);
        Assert.True(signIn.DelayFor(13) > signIn.DelayFor(11));
        Assert.Equal(TimeSpan.FromSeconds(8), signIn.DelayFor(1000));
    }

    private async Task<StaffSignInResult> CheckAsync(string email, string password, ClientKey client, IPasswordHasher<StaffUser>? hasher = null)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var signIn = new StaffSignIn(
            services.GetRequiredService<CareDbContext>(),
            services.GetRequiredService<UserManager<StaffUser>>(),
            hasher ?? services.GetRequiredService<IPasswordHasher<StaffUser>>(),
            services.GetRequiredService<StaffSignInSettings>(),
            TimeProvider.System);
        return await signIn.CheckAsync(email, password, client, Ct);
    }

    /// <summary>The app's own hashing, counted.</summary>
    private sealed class CountingHasher : IPasswordHasher<StaffUser>
    {
        private readonly PasswordHasher<StaffUser> _inner = new();

        public int Checks { get; private set; }

        public string HashPassword(StaffUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Checks++;
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
