using Masthead.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

/// <summary>
/// What the browser keeps for the appeals, seen and switched off from the privacy policy's page about it; and, where the
/// newsroom asks first, nothing counted or drawn until the reader allows it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadingSwitchJourneyTests(BrowserFixture browser)
{
    private static async Task<List<string>> ArticlesAsync(IPage page, int count)
    {
        await page.GotoAsync("/");
        var links = page.Locator(".article-list h2 a");
        var paths = new List<string>();
        for (var i = 0; i < count; i++)
        {
            paths.Add((await links.Nth(i).GetAttributeAsync("href"))!);
        }

        return paths;
    }

    private static Task<string?> KeptAsync(IPage page, string name) => page.EvaluateAsync<string?>("name => localStorage.getItem(name)", name);

    [Fact]
    public async Task A_reader_finds_what_the_browser_keeps_from_the_privacy_policy_switches_it_off_and_nothing_more_is_counted()
    {
        await using var context = await browser.NewContextAsync(draw: 0.9);
        var page = await context.NewPageAsync();
        var articles = await ArticlesAsync(page, 3);
        await page.GotoAsync(articles[0]);
        await page.GotoAsync(articles[1]);
        Assert.NotNull(await KeptAsync(page, "mh_tests"));

        await page.GotoAsync("/privacy");
        await page.GetByRole(AriaRole.Link, new() { Name = "What this browser keeps" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("What this browser keeps for us");
        await Assertions.Expect(page.Locator(".counting-state")).ToHaveTextAsync("Counting is on in this browser.");
        await Assertions.Expect(page.Locator(".kept-four")).ToHaveTextAsync("2");
        await Axe.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Stop counting and forget what was counted" }).ClickAsync();
        await Assertions.Expect(page.Locator(".counting-state")).ToHaveTextAsync("Counting is off in this browser: nothing is counted, drawn or sent.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Count again" })).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Stop counting and forget what was counted" })).ToBeHiddenAsync();
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("privacy-this-browser.png"), FullPage = true });
        Assert.Equal((null, null, null), (await KeptAsync(page, "mh_reads"), await KeptAsync(page, "mh_topics"), await KeptAsync(page, "mh_tests")));

        // Switched off, a reader is not counted, draws no version (the control, as without script) and sends nothing.
        var sent = 0;
        page.Request += (_, request) => { if (request.Url.EndsWith("/appeal/events", StringComparison.Ordinal)) { Interlocked.Increment(ref sent); } };
        await page.GotoAsync(articles[2]);
        await Assertions.Expect(page.Locator("#appeal .appeal-continue")).ToHaveTextAsync("Continue");
        await page.GotoAsync("/privacy/this-browser");
        Assert.Equal((null, null, 0), (await KeptAsync(page, "mh_reads"), await KeptAsync(page, "mh_tests"), sent));

        await page.GetByRole(AriaRole.Button, new() { Name = "Count again" }).ClickAsync();
        await Assertions.Expect(page.Locator(".counting-state")).ToHaveTextAsync("Counting is on in this browser.");
        await page.GotoAsync(articles[2]);
        Assert.Contains(articles[2].Split('/')[^1], await KeptAsync(page, "mh_reads") ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Where_the_newsroom_asks_first_nothing_is_counted_or_drawn_until_the_reader_says_yes_on_the_appeal()
    {
        await using var app = new BrowserAppFactory { Settings = { ["Masthead:Newsroom:CountOnlyWithConsent"] = "true" } };
        await using var context = await browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() }, draw: 0.9);
        var page = await context.NewPageAsync();
        var articles = await ArticlesAsync(page, 2);

        await page.GotoAsync(articles[0]);
        var appeal = page.Locator("#appeal");
        await Assertions.Expect(appeal.Locator(".appeal-consent")).ToBeVisibleAsync();
        await Assertions.Expect(appeal.Locator(".appeal-continue")).ToHaveTextAsync("Continue");
        Assert.Equal((null, null), (await KeptAsync(page, "mh_reads"), await KeptAsync(page, "mh_tests")));
        await appeal.ScreenshotAsync(new() { Path = Screenshots.PathFor("appeal-asks-consent.png") });

        await appeal.GetByRole(AriaRole.Button, new() { Name = "Yes, count" }).ClickAsync();
        await Assertions.Expect(appeal.Locator(".appeal-consent")).ToBeHiddenAsync();
        Assert.Equal("1", await KeptAsync(page, "mh_consent"));
        Assert.NotNull(await KeptAsync(page, "mh_reads"));

        // Allowed now: the next page draws this browser's version of the running test and keeps it.
        await page.GotoAsync(articles[1]);
        await Assertions.Expect(appeal.Locator(".appeal-continue")).ToHaveTextAsync("Give $2 a month");
        await Assertions.Expect(appeal.Locator(".appeal-consent")).ToBeHiddenAsync();
        await page.GotoAsync("/privacy/this-browser");
        await Assertions.Expect(page.Locator(".counting-state")).ToHaveTextAsync("Counting is on in this browser.");
        await Assertions.Expect(page.Locator(".kept-four")).ToHaveTextAsync("2");

        // A reader who says no is not asked again, and nothing is kept.
        await using var other = await browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        var no = await other.NewPageAsync();
        await no.GotoAsync(articles[0]);
        await no.Locator("#appeal").GetByRole(AriaRole.Button, new() { Name = "No", Exact = true }).ClickAsync();
        await no.GotoAsync(articles[1]);
        await Assertions.Expect(no.Locator("#appeal .appeal-consent")).ToBeHiddenAsync();
        Assert.Null(await KeptAsync(no, "mh_reads"));
        await no.GotoAsync("/privacy/this-browser");
        await Assertions.Expect(no.Locator(".counting-state")).ToHaveTextAsync("Counting is off in this browser: nothing is counted, drawn or sent.");
        await Assertions.Expect(no.GetByRole(AriaRole.Button, new() { Name = "Allow counting in this browser" })).ToBeVisibleAsync();
    }
}
