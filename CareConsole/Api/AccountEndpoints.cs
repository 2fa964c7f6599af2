using CareConsole.Core.Staff;
using CareConsole.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace CareConsole.Api;

public static class AccountEndpoints
{
    /// <summary>
    /// <c>POST /account/sign-out</c> from the header's form. A form post with its antiforgery token rather than a
    /// link, so another site cannot sign staff out by embedding a URL. Signing out ends every session of the account,
    /// live desks on other tabs and instances included.
    /// </summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/account/sign-out", SignOutAsync)
            // Checked below, so a post without a token is a plain 400 rather than an exception.
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimiting.Other);

    private static async Task<IResult> SignOutAsync(
        HttpContext http, IAntiforgery antiforgery, SignInManager<StaffUser> signIn, UserManager<StaffUser> users, StaffDirectory staff)
    {
        if (!http.Request.HasFormContentType)
        {
            return ApiProblems.BadRequest("Sign out with the form on the page.");
        }
        IFormCollection form;
        try
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return ApiProblems.BadRequest("The sign-out form has expired or did not come from this site; reload the page and try again.");
            }
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or AntiforgeryValidationException)
        {
            return ApiProblems.BadRequest("The sign-out form could not be read.");
        }

        if (await users.GetUserAsync(http.User) is { } user)
        {
            await staff.EndSessionsAsync(user);
        }
        await signIn.SignOutAsync();
        var returnUrl = form["returnUrl"].ToString();
        return TypedResults.LocalRedirect(LocalUrl.IsLocal(returnUrl) ? returnUrl : "~/");
    }
}
