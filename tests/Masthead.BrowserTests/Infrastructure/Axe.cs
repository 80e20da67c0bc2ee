using System.Text.Json;
using Microsoft.Playwright;

namespace Masthead.BrowserTests.Infrastructure;

/// <summary>Accessibility checks with axe-core from this project's node_modules (npm ci; ./test.sh runs it).</summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(LoadSource);

    public sealed record Violation(string Id, string Impact, string Help, string HelpUrl, IReadOnlyList<string> Targets);

    /// <summary>Runs axe on the page as it is now and returns the violations of serious or critical impact.</summary>
    public static async Task<IReadOnlyList<Violation>> SeriousViolationsAsync(IPage page, params string[] disabledRules)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            // Evaluated, not added as a <script>: the app's Content-Security-Policy allows no inline script.
            await page.EvaluateAsync(Source.Value);
        }

        var found = await page.EvaluateAsync<JsonElement>(
            """
            async (disabled) => {
              const rules = Object.fromEntries(disabled.map(id => [id, { enabled: false }]));
              const results = await axe.run(document, { resultTypes: ['violations'], rules });
              return results.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({
                  id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                  targets: v.nodes.map(n => [].concat(...n.target).join(' '))
                }));
            }
            """,
            disabledRules);
        return found.Deserialize<List<Violation>>(JsonOptions) ?? [];
    }

    /// <summary>Fails with a readable list when the page has serious or critical violations.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, params string[] disabledRules)
    {
        var violations = await SeriousViolationsAsync(page, disabledRules);
        Assert.True(violations.Count == 0, $"{page.Url} has accessibility violations:\n{Describe(violations)}");
    }

    public static string Describe(IEnumerable<Violation> violations) =>
        string.Join('\n', violations.Select(v => $"- {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Targets)}"));

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static string LoadSource()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate))
            {
                return File.ReadAllText(candidate);
            }
        }

        throw new InvalidOperationException(
            "node_modules/axe-core/axe.min.js not found above " + AppContext.BaseDirectory +
            ". Run `npm ci` in tests/Masthead.BrowserTests (./test.sh does).");
    }
}
