using System.Text.Json;
using CareConsole.Core;
using Microsoft.Playwright;

namespace CareConsole.Tests.Infrastructure;

/// <summary>One rule axe-core found broken, with the elements that break it.</summary>
public sealed record AxeViolation(string Id, string Impact, string Help, string HelpUrl, IReadOnlyList<AxeNode> Nodes);

/// <summary>An element that breaks a rule: where it is (a CSS selector) and what axe-core says to fix.</summary>
public sealed record AxeNode(string Target, string FailureSummary);

/// <summary>
/// Checks a page with axe-core, the rule engine browsers' own accessibility audits use, so a page that shuts out
/// people using a screen reader, a keyboard or low vision fails a test instead of waiting for an audit.
/// </summary>
public static class Accessibility
{
    /// <summary>
    /// WCAG 2.0, 2.1 and 2.2 at levels A and AA (what accessibility law and procurement ask for), plus axe-core's
    /// best practices (landmarks, one main heading), which catch what makes a page hard to find one's way around.
    /// </summary>
    public static readonly IReadOnlyList<string> Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

    /// <summary>
    /// axe-core from npm (package.json pins the version; test.sh installs it), read once. The repository root is
    /// found from the test binaries, so the tests run from any working folder.
    /// </summary>
    private static readonly Lazy<string> Script = new(() =>
    {
        var path = Path.Combine(RepositoryLayout.RootFrom(AppContext.BaseDirectory), "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The accessibility checks need axe-core at {path}: run `npm ci` in the repository root (test.sh does).");
        }
        return File.ReadAllText(path);
    });

    // Only the findings a test fails on, with each element's selector; frames and shadow roots joined as
    // Playwright writes them.
    private const string Run = """
        async tags => {
          const serious = impact => impact === 'serious' || impact === 'critical';
          const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
          return results.violations.filter(v => serious(v.impact)).map(v => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            helpUrl: v.helpUrl,
            nodes: v.nodes.filter(n => serious(n.impact)).map(n => ({
              target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' >>> '),
              failureSummary: n.failureSummary ?? '',
            })),
          }));
        }
        """;

    /// <summary>
    /// The serious and critical violations on the page as it is now. axe-core is loaded by DevTools evaluation
    /// rather than a script tag: the app's Content-Security-Policy (rightly) blocks inline scripts, and a script tag
    /// would be reported as a violation, which fails the browser tests.
    /// </summary>
    public static async Task<IReadOnlyList<AxeViolation>> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Script.Value);
        }
        var found = await page.EvaluateAsync<JsonElement>(Run, Tags);
        return found.Deserialize<List<AxeViolation>>(JsonSerializerOptions.Web) ?? [];
    }

    /// <summary>Fails the test with every serious or critical violation on the page, one readable block each.</summary>
    /// <param name="what">Which page and variant, for the failure message (e.g. "/help, dark").</param>
    public static async Task ExpectNoSeriousViolationsAsync(IPage page, string what)
    {
        // Blazor writes the page's <title> again when the circuit takes over from the prerendered page; audited in
        // that moment, any page reads as untitled. A page that never gets a title still fails, here.
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"\S"));
        var violations = await SeriousViolationsAsync(page);
        if (violations.Count > 0)
        {
            Assert.Fail(Describe(what, violations));
        }
    }

    /// <summary>Rule, impact and help, then each element's selector and what to fix: enough to find it without rerunning.</summary>
    public static string Describe(string what, IReadOnlyList<AxeViolation> violations)
    {
        var lines = new List<string>
        {
            $"{violations.Count} serious or critical accessibility {(violations.Count == 1 ? "violation" : "violations")} on {what}:",
        };
        foreach (var violation in violations)
        {
            lines.Add("");
            lines.Add($"{violation.Id} ({violation.Impact}): {violation.Help}");
            lines.Add("  " + violation.HelpUrl);
            foreach (var node in violation.Nodes)
            {
                lines.Add("  - " + node.Target);
                lines.AddRange(node.FailureSummary.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => "      " + line));
            }
        }
        return string.Join('\n', lines);
    }
}
