using Microsoft.Net.Http.Headers;

namespace CareConsole.Components.Theme;

public static class ThemeEndpoints
{
    public const string LightPath = "/theme/light.css";
    public const string DarkPath = "/theme/dark.css";

    public static void MapThemeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(LightPath, (HttpContext context, ThemeStylesheets sheets) => ServeAsync(context, sheets, dark: false)).ExcludeFromDescription();
        app.MapGet(DarkPath, (HttpContext context, ThemeStylesheets sheets) => ServeAsync(context, sheets, dark: true)).ExcludeFromDescription();
    }

    private static async Task<IResult> ServeAsync(HttpContext context, ThemeStylesheets sheets, bool dark)
    {
        var sheet = await sheets.GetAsync(dark);
        // Revalidated on each page load (a 304 once cached, answered by the result from the ETag), so a new release's
        // colours show at once.
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(sheet.Css, "text/css; charset=utf-8", entityTag: sheet.ETag);
    }
}
