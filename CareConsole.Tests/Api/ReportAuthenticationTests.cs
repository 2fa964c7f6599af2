using System.Net;
using System.Text.Json;
using CareConsole.Core.Staff;
using CareConsole.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Api;

/// <summary>
/// Who the reporting API answers: a manager's personal access token, checked at every use against its state and its
/// account; never a staff cookie or a customer's conversation token, and never a 500 for a header that makes no sense.
/// </summary>
public sealed class ReportAuthenticationTests(ReportAuthenticationTests.App app) : IClassFixture<ReportAuthenticationTests.App>
{
    private const string Kpis = "/api/reports/kpis";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ManagersToken_Opens_AndRecordsItsUse()
    {
        var manager = await app.Factory.AddStaffAsync(StaffRoles.Manager, "Manager Opens");
        var token = await app.Factory.CreateTokenAsync(manager.Email);
        using var api = app.Factory.CreateClientWithToken(token);

        using var response = await api.GetAsync(Kpis, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var listed = await TokensOfAsync(manager.Email);
        Assert.NotNull(Assert.Single(listed).LastUsedAt);
    }

    [Fact]
    public async Task Token_IsKeptOnlyAsItsHashAndPrefix()
    {
        var manager = await app.Factory.AddStaffAsync(StaffRoles.Manager, "Manager Stored");
        var token = await app.Factory.CreateTokenAsync(manager.Email);

        await using var db = app.Factory.Store.NewContext();
        var stored = await db.PersonalAccessTokens.SingleAsync(t => t.Prefix == token.Substring(0, PersonalAccessToken.PrefixLength), Ct);

        Assert.Matches("^ccpat_[A-Za-z0-9_-]{43}$", token);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))), stored.Hash);
        Assert.DoesNotContain(token, JsonSerializer.Serialize(stored), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoToken_Is401ProblemWithABearerChallenge()
    {
        using var stranger = app.Factory.CreateClient();

        using var response = await stranger.GetAsync(Kpis, Ct);

        await AssertUnauthorizedAsync(response);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task RevokedToken_Is401AtOnce()
    {
        var manager = await app.Factory.AddStaffAsync(StaffRoles.Manager, "Manager Revokes");
        var token = await app.Factory.CreateTokenAsync(manager.Email);
        using var api = app.Factory.CreateClientWithToken(token);
        using (var before = await api.GetAsync(Kpis, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var revoked = await scope.ServiceProvider.GetRequiredService<PersonalAccessTokens>().RevokeByPrefixAsync(token[..PersonalAccessToken.PrefixLength], Ct);
            Assert.True(revoked.Change.Succeeded);
        }
        using var after = await api.GetAsync(Kpis, Ct);

        await AssertUnauthorizedAsync(after);
        Assert.Contains("invalid_token", after.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredToken_Is401()
    {
        var manager = await app.Factory.AddStaffAsync(StaffRoles.Manager, "Manager Expires");
        var token = await app.Factory.CreateTokenAsync(manager.Email, expiresInDays: 1);
        using var api = app.Factory.CreateClientWithToken(token);
        using (var before = await api.GetAsync(Kpis, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // A day passes, as far as the token is concerned.
        await using (var db = app.Factory.Store.NewContext())
        {
            await db.PersonalAccessTokens.Where(t => t.Prefix == token.Substring(0, PersonalAccessToken.PrefixLength))
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)), Ct);
        }
        using var after = await api.GetAsync(Kpis, Ct);

        await AssertUnauthorizedAsync(after);
        Assert.Equal(TokenState.Expired, Assert.Single(await TokensOfAsync(manager.Email)).State);
    }

    [Fact]
    public async Task LockedManagersToken_Is401_UntilUnlocked()
    {
        var manager = await app.Factory.AddStaffAsync(StaffRoles.Manager, "Manager Locked");
        var token = await app.Factory.CreateTokenAsync(manager.Email);
        using var api = app.Factory.CreateClientWithToken(token);

        await ChangeStaffAsync(staff => staff.LockAsync(manager.Email));
        using var locked = await api.GetAsync(Kpis, Ct);
        await ChangeStaffAsync(staff => staff.UnlockAsync(manager.Email));
        using var unlocked = await api.GetAsync(Kpis, Ct);

        await AssertUnauthorizedAsync(locked);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
    }

    [Fact]
    public async Task DemotedManagersToken_Is403Problem()
    {
        var manager = await app.Factory.AddStaffAsync(StaffRoles.Manager, "Manager Demoted");
        var token = await app.Factory.CreateTokenAsync(manager.Email);
        using var api = app.Factory.CreateClientWithToken(token);

        await ChangeStaffAsync(staff => staff.SetRoleAsync(manager.Email, StaffRoles.Agent));
        using var response = await api.GetAsync(Kpis, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var listed = Assert.Single(await TokensOfAsync(manager.Email));
        Assert.Equal((TokenState.Active, "not a manager"), (listed.State, listed.AccountProblem));
    }

    [Fact]
    public async Task Agent_CannotGetAToken()
    {
        var agent = await app.Factory.AddStaffAsync(StaffRoles.Agent, "Agent Asks");

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var (change, issued) = await scope.ServiceProvider.GetRequiredService<PersonalAccessTokens>().CreateAsync(agent.Email, null, null, Ct);

        Assert.False(change.Succeeded);
        Assert.Null(issued);
        Assert.Contains("not a manager", Assert.Single(change.Errors), StringComparison.Ordinal);
        Assert.Empty(await TokensOfAsync(agent.Email));
    }

    [Fact]
    public async Task CustomersConversationToken_Is401()
    {
        var chat = await new CustomerApi(app.Factory.CreateClient()).StartAsync();
        using var api = app.Factory.CreateClientWithToken(chat.Token);

        using var response = await api.GetAsync(Kpis, Ct);

        await AssertUnauthorizedAsync(response);
    }

    [Fact]
    public async Task ManagersStaffCookie_Is401()
    {
        var manager = await app.Factory.AddStaffAsync(StaffRoles.Manager, "Manager Cookie");
        using var browser = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });
        using (var signedIn = await StaffForms.PostSignInAsync(browser, manager.Email, manager.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }
        // The cookie works where cookies belong...
        using (var export = await browser.GetAsync("/dashboard/export/conversations.csv", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        }

        using var response = await browser.GetAsync(Kpis, Ct);

        // ...and not here: no redirect to a sign-in form either.
        await AssertUnauthorizedAsync(response);
    }

    [Fact]
    public async Task ManagersToken_DoesNotOpenStaffPagesOrExports()
    {
        var manager = await app.Factory.AddStaffAsync(StaffRoles.Manager, "Manager Pages");
        using var api = app.Factory.CreateClientWithToken(await app.Factory.CreateTokenAsync(manager.Email));

        using var export = await api.GetAsync("/dashboard/export/conversations.csv", Ct);

        Assert.DoesNotContain("text/csv", export.Content.Headers.ContentType?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Basic Ym9zc0BleGFtcGxlLmNvbTpzZWNyZXQ=")]
    [InlineData("Bearer ccpat_")]
    [InlineData("Bearer ccpat_!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    [InlineData("Bearer ccpat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Bearer ccpat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA extra")]
    [InlineData("Bearer ccpat_é")]
    public async Task MalformedOrUnknownAuthorization_Is401NeverA500(string header)
    {
        using var client = app.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Kpis);
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await client.SendAsync(request, Ct);

        await AssertUnauthorizedAsync(response);
    }

    [Fact]
    public async Task OversizedOrRepeatedAuthorization_Is401NeverA500()
    {
        var manager = await app.Factory.AddStaffAsync(StaffRoles.Manager, "Manager Twice");
        var token = await app.Factory.CreateTokenAsync(manager.Email);
        using var client = app.Factory.CreateClient();

        using var oversized = new HttpRequestMessage(HttpMethod.Get, Kpis);
        oversized.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token + new string('A', 16_000));
        using var twice = new HttpRequestMessage(HttpMethod.Get, Kpis);
        twice.Headers.TryAddWithoutValidation("Authorization", ["Bearer " + token, "Bearer " + token]);

        await AssertUnauthorizedAsync(await client.SendAsync(oversized, Ct));
        await AssertUnauthorizedAsync(await client.SendAsync(twice, Ct));
    }

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
    }

    private async Task<IReadOnlyList<TokenSummary>> TokensOfAsync(string email)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PersonalAccessTokens>().ListAsync(email, Ct);
    }

    private async Task ChangeStaffAsync(Func<StaffDirectory, Task<StaffChange>> change)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var result = await change(scope.ServiceProvider.GetRequiredService<StaffDirectory>());
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
    }

    /// <summary>One app for the class: each test makes staff and tokens of its own.</summary>
    public sealed class App(TestDatabases databases) : IAsyncLifetime
    {
        public CareConsoleFactory Factory { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Factory = await CareConsoleFactory.StartAsync(databases, demo: false);

        public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
    }
}
