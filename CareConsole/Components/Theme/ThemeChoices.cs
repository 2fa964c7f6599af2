namespace CareConsole.Components.Theme;

/// <summary>
/// Light or dark as the person chose it on this device (a cookie, so the server draws the page in it from the first
/// byte), or the device's own setting when they never chose.
/// </summary>
public static class ThemeChoices
{
    /// <summary>Written by theme.js when the person switches; read, never written, by the server.</summary>
    public const string CookieName = "careconsole.theme";

    /// <summary>The media the dark style sheet applies to: always, never, or when the device is dark.</summary>
    public static string DarkMedia(HttpContext? context) => context?.Request.Cookies[CookieName] switch
    {
        "dark" => "all",
        "light" => "not all",
        _ => "(prefers-color-scheme: dark)",
    };
}
