using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareConsole.Tests.Components;

/// <summary>
/// Renders a component to HTML with the framework's own HtmlRenderer (bUnit cannot be restored here) and reads
/// back what a person would see: the text of table rows, and the page text.
/// </summary>
public static partial class ComponentHtml
{
    /// <param name="parameters">The component's parameters.</param>
    /// <param name="services">Registers what the component injects, beyond logging.</param>
    public static async Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters, Action<IServiceCollection>? services = null)
        where TComponent : IComponent
    {
        var collection = new ServiceCollection().AddLogging();
        services?.Invoke(collection);
        await using var provider = collection.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
    }

    /// <summary>Each body row of the first table as its cells' visible text.</summary>
    public static IReadOnlyList<string[]> BodyRows(string html)
    {
        var body = Body().Match(html);
        return !body.Success
            ? []
            : Row().Matches(body.Value)
                .Select(row => Cell().Matches(row.Value).Select(cell => Text(cell.Groups["content"].Value)).ToArray())
                .ToList();
    }

    /// <summary>Visible text: tags dropped, entities decoded, whitespace collapsed.</summary>
    public static string Text(string html) =>
        Whitespace().Replace(WebUtility.HtmlDecode(Tag().Replace(html, " ")), " ").Trim();

    [GeneratedRegex("<tbody[^>]*>.*?</tbody>", RegexOptions.Singleline)]
    private static partial Regex Body();

    [GeneratedRegex("<tr[^>]*>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex("<td[^>]*>(?<content>.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cell();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
