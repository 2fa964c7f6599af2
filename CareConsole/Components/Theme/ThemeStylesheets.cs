using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Net.Http.Headers;
using MudBlazor;

namespace CareConsole.Components.Theme;

/// <summary>
/// The brand theme as two style sheets, light and dark, drawn by MudBlazor's own theme provider once. Served as files
/// rather than the provider's inline &lt;style&gt;, so the Content-Security-Policy can keep refusing inline styles,
/// and so following the device needs no script: the dark sheet is linked with a prefers-color-scheme media query, and
/// the page is in the right colours from its first paint, even on pages that are not interactive.
/// </summary>
public sealed partial class ThemeStylesheets(IServiceProvider services, ILoggerFactory logging)
{
    private readonly Lazy<Task<Sheet>> _light = new(() => DrawAsync(services, logging, dark: false));
    private readonly Lazy<Task<Sheet>> _dark = new(() => DrawAsync(services, logging, dark: true));

    public sealed record Sheet(byte[] Css, EntityTagHeaderValue ETag);

    public Task<Sheet> GetAsync(bool dark) => (dark ? _dark : _light).Value;

    private static async Task<Sheet> DrawAsync(IServiceProvider services, ILoggerFactory logging, bool dark)
    {
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, logging);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = BrandTheme.Theme,
                [nameof(MudThemeProvider.IsDarkMode)] = dark,
                [nameof(MudThemeProvider.DefaultScrollbar)] = true,
            }));
            return output.ToHtmlString();
        });
        var css = new StringBuilder();
        foreach (Match style in StyleElement().Matches(html))
        {
            css.AppendLine(style.Groups["css"].Value.Trim());
        }
        // Native controls (scroll bars, date pickers, form fields the library does not draw) follow the theme too.
        css.AppendLine(dark ? ":root { color-scheme: dark; }" : ":root { color-scheme: light; }");
        var bytes = Encoding.UTF8.GetBytes(css.ToString());
        return new Sheet(bytes, new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\""));
    }

    [GeneratedRegex("<style[^>]*>(?<css>.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();
}
