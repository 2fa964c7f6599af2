using CareConsole.Core.Staff;
using CareConsole.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CareConsole.Api;

public static class AccountEndpoints
{
    /// <summary>
    /// <c>POST /account/sign-out</c> from the header's form. A form post (with its antiforgery token) rather than a
    /// link, so another site cannot sign staff out by embedding a URL.
    /// </summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/account/sign-out", async (SignInManager<StaffUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(LocalUrl.IsLocal(returnUrl) ? returnUrl! : "~/");
        });
}
