using System.Security.Claims;
using System.Text.Encodings.Web;
using CareConsole.Core.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace CareConsole.Hosting;

/// <summary>
/// The reporting API's own sign-in: a manager's personal access token as <c>Authorization: Bearer ccpat_…</c>, and
/// nothing else. Staff cookies and customers' conversation tokens are not accepted there, and this scheme is not
/// accepted anywhere else.
/// </summary>
public static class PersonalAccessTokenAuthentication
{
    public const string Scheme = "PersonalAccessToken";

    /// <summary>The policy of the reporting API: a valid token (else 401) of an account that is a manager now (else 403).</summary>
    public const string ManagersPolicy = "ReportingApi";

    public static AuthenticationBuilder AddPersonalAccessTokens(this AuthenticationBuilder authentication)
    {
        authentication.Services.AddAuthorizationBuilder().AddPolicy(ManagersPolicy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireRole(StaffRoles.Manager));
        return authentication.AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenHandler>(Scheme, displayName: null, configureOptions: null);
    }
}

/// <summary>
/// Reads the bearer token, asks <see cref="PersonalAccessTokens"/> who holds it, and answers refusals as problem
/// details: 401 with <c>WWW-Authenticate: Bearer</c> for no, a malformed, an unknown, a revoked or an expired token
/// (or a locked account), 403 for a valid token whose account is no longer a manager.
/// </summary>
internal sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, PersonalAccessTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Far more than "Bearer " and a token; a longer header is refused without being looked at further.</summary>
    private const int MaxHeaderLength = 256;

    private const string BearerPrefix = "Bearer ";

    private bool _tokenGiven;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers.Authorization;
        if (headers.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }
        _tokenGiven = true;
        var header = headers.Count == 1 ? headers[0] : null;
        if (header is null || header.Length > MaxHeaderLength || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("Not a bearer token.");
        }
        var holder = await tokens.AuthenticateAsync(header[BearerPrefix.Length..].Trim(), Context.RequestAborted);
        if (holder is null)
        {
            return AuthenticateResult.Fail("Unknown, revoked or expired token, or a locked account.");
        }
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, holder.UserId),
                new Claim(ClaimTypes.Name, holder.Email),
                new Claim(StaffClaims.DisplayName, holder.DisplayName),
                new Claim("token_id", holder.TokenId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                .. holder.Roles.Select(role => new Claim(ClaimTypes.Role, role)),
            ],
            Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // RFC 6750: a token that was sent and refused is an invalid_token; no token at all gets the bare challenge.
        Response.Headers.WWWAuthenticate = _tokenGiven ? "Bearer error=\"invalid_token\"" : "Bearer";
        return _tokenGiven
            ? ProblemResponses.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Invalid token",
                "This is not a valid personal access token: it is unknown, revoked or expired, or its account is locked. "
                + "A manager makes one with 'staff token create'.")
            : ProblemResponses.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Token required",
                "Send a manager's personal access token as 'Authorization: Bearer ccpat_…'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemResponses.WriteAsync(Context, StatusCodes.Status403Forbidden, "Managers only",
            "This token's account is not a manager now; the reporting API answers managers' tokens only.");
}
