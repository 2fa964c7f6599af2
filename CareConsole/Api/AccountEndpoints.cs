using CareConsole.Core.Staff;
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
            return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "~/");
        });

    /// <summary>Only same-site paths: "/desk" yes, "//evil.example" and "https://…" no.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
