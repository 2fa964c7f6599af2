namespace CareConsole.Hosting;

/// <summary>
/// Only the customer chat at /widget may be shown inside another site's frame (that is how embed.js works);
/// every other page, staff pages above all, refuses framing so it cannot be used for clickjacking.
/// </summary>
public static class FramingPolicy
{
    public const string EmbeddablePath = "/widget";

    public static void UseFramingPolicy(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (!context.Request.Path.StartsWithSegments(EmbeddablePath))
                {
                    context.Response.Headers.XFrameOptions = "SAMEORIGIN";
                    context.Response.Headers.ContentSecurityPolicy = "frame-ancestors 'self'";
                }
                return Task.CompletedTask;
            });
            await next(context);
        });
}
