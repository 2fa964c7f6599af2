using System.Security.Claims;
using CareConsole.Core.Staff;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CareConsole.Hosting;

/// <summary>
/// The signed-in staff member of one live desk or dashboard. Re-checked every few minutes, and at once when
/// <see cref="StaffSessions"/> hears that the account signed out, changed role or password, or was locked: then the
/// session ends on the spot and the page goes back to the sign-in form.
/// </summary>
internal sealed partial class StaffAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private static readonly AuthenticationState SignedOut = new(new ClaimsPrincipal(new ClaimsIdentity()));

    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<IdentityOptions> _identityOptions;
    private readonly StaffSessions _sessions;
    private readonly ILogger<StaffAuthenticationStateProvider> _logger;

    public StaffAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopes,
        IOptions<IdentityOptions> identityOptions,
        StaffSessions sessions)
        : base(loggerFactory)
    {
        _scopes = scopes;
        _identityOptions = identityOptions;
        _sessions = sessions;
        _logger = loggerFactory.CreateLogger<StaffAuthenticationStateProvider>();
        AuthenticationStateChanged += Track;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(5);

    /// <summary>Checks the signed-in member now; ends the session if they may no longer be signed in.</summary>
    public async Task CheckNowAsync()
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            if (state.User.Identity?.IsAuthenticated == true && !await ValidateAuthenticationStateAsync(state, CancellationToken.None))
            {
                SetAuthenticationState(Task.FromResult(SignedOut));
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Failing safe: a session that cannot be checked is ended.
            LogCheckFailed(_logger, e);
            SetAuthenticationState(Task.FromResult(SignedOut));
        }
    }

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.GetUserAsync(authenticationState.User);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return false;
        }
        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }
        var stampInCookie = authenticationState.User.FindFirstValue(_identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        return stampInCookie == await users.GetSecurityStampAsync(user);
    }

    private async void Track(Task<AuthenticationState> state)
    {
        try
        {
            var user = (await state).User;
            _sessions.Track(this, user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogCheckFailed(_logger, e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            AuthenticationStateChanged -= Track;
            _sessions.Forget(this);
        }
        base.Dispose(disposing);
    }

    [LoggerMessage(LogLevel.Warning, "A staff session could not be checked; it was ended")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
