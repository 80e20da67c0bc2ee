using Masthead.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

/// <summary>
/// The Content-Security-Policy in a real Chromium: walking the reader's and the editor's journeys, the browser reports
/// no violation (every script the pages need is allowed), while a script injected into a page is refused.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyJourneyTests(BrowserFixture browser)
{
    // Installed by Playwright before any page script, outside the page's policy; keeps every report the page receives.
    private const string Recorder =
        """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
          window.__cspViolations.push(`${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`));
        """;

    [Fact]
    public async Task Reading_snoozing_and_giving_with_JavaScript_on_reports_no_violation()
    {
        await using var context = await browser.NewContextAsync();
        var page = await WatchedPageAsync(context, out var violations);

        await page.GotoAsync("/");
        var article = (await page.Locator(".article-list h2 a").First.GetAttributeAsync("href"))!;
        await Collect(page, violations);
        await page.GotoAsync(article);
        await page.Locator("#appeal").GetByRole(AriaRole.Button, new() { Name = "Remind me later" }).ClickAsync();
        await Assertions.Expect(page.Locator("#appeal")).ToBeHiddenAsync();
        await Collect(page, violations);

        await page.GotoAsync("/support");
        await page.GetByRole(AriaRole.Radio, new() { Name = "$2 a month" }).CheckAsync();
        await page.GetByLabel("Email").FillAsync("csp.reader@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        await Collect(page, violations);
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay $2" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you");
        await Collect(page, violations);
        await page.GotoAsync("/articles/no-such-article");
        await Collect(page, violations);

        Assert.True(violations.Count == 0, "CSP violations:\n" + string.Join('\n', violations));
    }

    [Fact]
    public async Task The_editor_s_journey_with_the_live_appeal_preview_reports_no_violation()
    {
        await using var context = await browser.NewContextAsync();
        var page = await WatchedPageAsync(context, out var violations);

        await browser.SignInAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "New article" }).First.ClickAsync();
        await page.GetByLabel("Headline", new() { Exact = true }).FillAsync("Policy check");
        await page.GetByLabel("Daria Lebedeva").CheckAsync();
        await page.GetByLabel("Body").FillAsync("A body with <script>alert(1)</script> in it.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await Collect(page, violations);

        await page.GotoAsync("/admin/appeals/new");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("We need **you**.");
        await Assertions.Expect(page.Locator("#appeal-preview .appeal-body strong")).ToHaveTextAsync("you");
        await Collect(page, violations);
        await page.GotoAsync("/admin/supporters");
        await Collect(page, violations);
        await RevenueJourneyTests.SeedAsync(browser);
        await page.GotoAsync("/admin/revenue");
        await Collect(page, violations);

        Assert.True(violations.Count == 0, "CSP violations:\n" + string.Join('\n', violations));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/support")]
    public async Task A_script_injected_into_a_page_is_refused_and_reported(string url)
    {
        await using var context = await browser.NewContextAsync();
        var page = await WatchedPageAsync(context, out var violations);
        await page.GotoAsync(url);

        await page.EvaluateAsync(
            """
            () => {
              const s = document.createElement('script');
              s.textContent = 'window.__injectedRan = true';
              document.body.append(s);
            }
            """);

        Assert.False(await page.EvaluateAsync<bool>("() => window.__injectedRan === true"));
        await Collect(page, violations);
        Assert.Contains(violations, v => v.Contains("script-src", StringComparison.Ordinal));
    }

    private static Task<IPage> WatchedPageAsync(IBrowserContext context, out List<string> violations)
    {
        var found = violations = [];
        return OpenAsync();

        async Task<IPage> OpenAsync()
        {
            await context.AddInitScriptAsync(Recorder);
            var page = await context.NewPageAsync();

            // Chromium also writes each refusal to the console, including ones the event cannot see (e.g. during load).
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                {
                    lock (found)
                    {
                        found.Add($"console at {page.Url} ({message.Location}): {message.Text}");
                    }
                }
            };
            return page;
        }
    }

    private static async Task Collect(IPage page, List<string> violations)
    {
        var reported = await page.EvaluateAsync<string[]>("() => window.__cspViolations ?? []");
        lock (violations)
        {
            violations.AddRange(reported.Where(v => !violations.Contains(v)));
        }
    }
}
