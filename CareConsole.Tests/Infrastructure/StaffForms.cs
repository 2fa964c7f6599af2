using System.Text.RegularExpressions;

namespace CareConsole.Tests.Infrastructure;

/// <summary>Signs staff in over plain HTTP, through the sign-in form and its antiforgery token, as a browser would.</summary>
public static partial class StaffForms
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Posts the sign-in form; the client keeps the cookie when it has a cookie container.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password)
    {
        var token = await TokenAsync(client, "/account/sign-in");
        return await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(
        [
            new("_handler", "sign-in"),
            new("__RequestVerificationToken", token),
            new("Input.Email", email),
            new("Input.Password", password),
        ]), Ct);
    }

    /// <summary>The antiforgery token of the form on <paramref name="page"/>.</summary>
    public static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page, Ct);
        return AntiforgeryToken().Match(html).Groups["token"].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
