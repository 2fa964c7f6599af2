using Microsoft.Playwright;

namespace CareConsole.Tests.Infrastructure;

/// <summary>The console's light and dark looks, chosen the way a visitor's browser chooses them.</summary>
public static class Themes
{
    /// <summary>The cookie that remembers a visitor's choice; its value is the theme's name.</summary>
    public const string Cookie = CareConsole.Components.Theme.ThemeChoices.CookieName;

    public const string Light = "light";
    public const string Dark = "dark";

    /// <summary>
    /// Picks <paramref name="theme"/> for the pages <paramref name="page"/> opens next on <paramref name="origin"/>, and
    /// makes the system preference agree, so a page that follows either one shows the same look.
    /// </summary>
    public static async Task UseAsync(IPage page, Uri origin, string theme)
    {
        await page.Context.AddCookiesAsync([new Cookie { Name = Cookie, Value = theme, Url = origin.GetLeftPart(UriPartial.Authority) }]);
        await page.EmulateMediaAsync(new() { ColorScheme = theme == Dark ? ColorScheme.Dark : ColorScheme.Light });
    }
}
