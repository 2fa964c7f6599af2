using System.Security.Cryptography;

namespace CareConsole.Hosting;

/// <summary>
/// The headers every response carries. A Content-Security-Policy that runs only this site's own scripts and style
/// sheets (the one inline script, the framework's import map, carries a nonce made for the request; inline style
/// attributes are allowed, since the component library sets them), loads nothing from
/// elsewhere, and lets only the customer chat at /widget be framed, by the sites in <c>Widget:FrameAncestors</c>
/// (that is how embed.js works); every other page, staff pages above all, refuses other sites' frames. Also
/// nosniff, a referrer policy that keeps conversation addresses on this site, and no camera or location.
/// </summary>
public static class SecurityHeaders
{
    public const string EmbeddablePath = "/widget";

    private const string NonceKey = "careconsole.csp-nonce";

    /// <summary>The pages only staff open; links into them load a whole page, so the page's own policy applies.</summary>
    public static readonly string[] StaffAreas = ["/desk", "/dashboard"];

    /// <summary>The nonce for this request's inline script (the import map), made on first use.</summary>
    public static string Nonce(HttpContext context)
    {
        if (context.Items[NonceKey] is not string nonce)
        {
            // Hex: nothing in it for HTML to escape, so the attribute matches the header exactly.
            nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
        }
        return nonce;
    }

    /// <summary>Which sites may frame the widget: <c>Widget:FrameAncestors</c>, or any site when it is not set.</summary>
    public static string FrameAncestorsFor(IConfiguration configuration)
    {
        var configured = configuration.GetSection("Widget:FrameAncestors").Get<string[]>() ?? [];
        return configured.Length == 0 ? "*" : "'self' " + string.Join(' ', configured);
    }

    /// <summary>A one-line problem with <c>Widget:FrameAncestors</c>, or null: each entry must be an origin.</summary>
    public static string? Problem(IConfiguration configuration)
    {
        foreach (var origin in configuration.GetSection("Widget:FrameAncestors").Get<string[]>() ?? [])
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
                || uri.PathAndQuery != "/" || origin.Any(c => char.IsWhiteSpace(c) || c is ';' or ','))
            {
                return $"Widget:FrameAncestors has '{origin}'; give origins such as https://shop.example.com.";
            }
        }
        return null;
    }

    /// <summary>The Content-Security-Policy for a page at <paramref name="path"/>.</summary>
    public static string Policy(PathString path, string nonce, string widgetFrameAncestors)
    {
        var staffArea = StaffAreas.Any(area => path.StartsWithSegments(area));
        return string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self'",
            // Style sheets and <style> only from this site. Style attributes are allowed: the component library sets
            // them per element (a spinner's animation, a popup's position). They cannot run code. The staff areas also
            // allow <style> elements: MudBlazor's snack bars, which report what a desk action did, write their fade in
            // one with a random name, so no hash or nonce can match it. No page there renders outside text as markup,
            // so nothing else can add one.
            staffArea ? "style-src-elem 'self' 'unsafe-inline'" : "style-src-elem 'self'",
            "style-src-attr 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "media-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors " + (path.StartsWithSegments(EmbeddablePath) ? widgetFrameAncestors : "'self'"));
    }

    public static void UseSecurityHeaders(this IApplicationBuilder app, string widgetFrameAncestors) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                var embeddable = context.Request.Path.StartsWithSegments(EmbeddablePath);
                headers.ContentSecurityPolicy = Policy(context.Request.Path, Nonce(context), widgetFrameAncestors);
                if (!embeddable)
                {
                    // For browsers that predate frame-ancestors.
                    headers.XFrameOptions = "SAMEORIGIN";
                }
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), geolocation=(), microphone=(self)";
                return Task.CompletedTask;
            });
            await next(context);
        });
}
