using System.Net;
using CareConsole.Core.Data;
using CareConsole.Core.Staff;
using CareConsole.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Api;

/// <summary>The staff sign-in form and sign-out post, over plain HTTP as a browser (or a script) sends them.</summary>
public sealed class StaffAccountPagesTests(DemoAppFixture app, TestDatabases databases) : IClassFixture<DemoAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SignIn_Failed_NeverSendsThePasswordBack(bool wellFormedEmail)
    {
        var staff = await app.Factory.AddStaffAsync(StaffRoles.Agent, "Echo Check");
        using var client = Client("http://localhost");
        const string Typed = "Typed-Secret-Passw0rd";

        using var response = await StaffForms.PostSignInAsync(client, wellFormedEmail ? staff.Email : "not an e-mail", Typed);
        var page = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Typed, page, StringComparison.Ordinal);
        Assert.Contains(wellFormedEmail ? "do not match a staff account" : "does not look like an e-mail address", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://localhost", true)]
    [InlineData("http://localhost", false)]
    public async Task SignIn_Succeeded_SetsAnHttpOnlySameSiteCookieThatIsSecureOverHttps(string site, bool secure)
    {
        var staff = await app.Factory.AddStaffAsync(StaffRoles.Agent, "Cookie Check");
        using var client = Client(site);

        using var response = await StaffForms.PostSignInAsync(client, staff.Email, staff.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("CareConsole.Staff=", StringComparison.Ordinal));
        var flags = cookie.ToLowerInvariant();
        Assert.Contains("httponly", flags, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", flags, StringComparison.Ordinal);
        Assert.Equal(secure, flags.Contains("secure", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignedIn_AfterARestart_StaysSignedIn()
    {
        var first = await CareConsoleFactory.StartAsync(databases);
        var cookie = await SignInAsync(first);
        await first.DisposeAsync();

        await using var restarted = CareConsoleFactory.Start(first.Store);

        await AssertSignedInAsync(restarted, cookie);
    }

    [Fact]
    public async Task SignedIn_OnAnotherInstanceOnPostgres_StaysSignedIn()
    {
        await using var first = CareConsoleFactory.Start(await databases.CreatePostgresAsync());
        var cookie = await SignInAsync(first);

        await using var other = CareConsoleFactory.Start(first.Store);

        await AssertSignedInAsync(other, cookie);
    }

    private static async Task<string> SignInAsync(CareConsoleFactory factory)
    {
        var staff = await factory.AddStaffAsync(StaffRoles.Agent, "Keys Check");
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });
        using var signedIn = await StaffForms.PostSignInAsync(client, staff.Email, staff.Password);
        return Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("CareConsole.Staff=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static async Task AssertSignedInAsync(CareConsoleFactory other, string cookie)
    {
        using var otherClient = other.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/desk");
        request.Headers.Add("Cookie", cookie);
        request.Headers.Accept.ParseAdd("text/html");
        using var desk = await otherClient.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, desk.StatusCode);
        // The keys that signed the cookie are in the database, not in a folder of one machine.
        await using var scope = other.Services.CreateAsyncScope();
        Assert.NotEmpty(await scope.ServiceProvider.GetRequiredService<CareDbContext>().DataProtectionKeys.ToListAsync(Ct));
    }

    [Fact]
    public async Task SignOut_WithoutTheFormsToken_Is400Problem()
    {
        using var client = Client("http://localhost");

        using var noForm = await client.PostAsync("/account/sign-out", null, Ct);
        using var noToken = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent([new("returnUrl", "/")]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, noForm.StatusCode);
        Assert.Equal("application/problem+json", noForm.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal("application/problem+json", noToken.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/\u0001")]
    [InlineData("/desk\r\nSet-Cookie: x=1")]
    [InlineData("//evil.example")]
    public async Task SignOut_ReturnAddressThatIsNotAPlainLocalPath_GoesHome(string returnUrl)
    {
        var staff = await app.Factory.AddStaffAsync(StaffRoles.Agent, "Return Check");
        using var client = Client("http://localhost");
        using var signedIn = await StaffForms.PostSignInAsync(client, staff.Email, staff.Password);
        var token = await StaffForms.TokenAsync(client, "/account/sign-in");

        using var response = await client.PostAsync("/account/sign-out",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("returnUrl", returnUrl)]), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    private HttpClient Client(string site) =>
        app.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(site), AllowAutoRedirect = false });
}
