using System.Globalization;
using Masthead.BrowserTests.Infrastructure;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

/// <summary>The demo's appeal rules in a real Chromium: each reader gets the ask their own browser's state calls for.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AppealEngineJourneyTests(BrowserFixture browser)
{
    private static async Task<string> ArticleAsync(IPage page, int nth)
    {
        await page.GotoAsync("/");
        return (await page.Locator(".article-list h2 a").Nth(nth).GetAttributeAsync("href"))!;
    }

    /// <summary>What reader.js keeps after <paramref name="count"/> articles read this ISO week.</summary>
    private static string ReadsThisWeek(int count)
    {
        var now = DateTime.UtcNow;
        var week = $"{ISOWeek.GetYear(now)}-{ISOWeek.GetWeekOfYear(now)}";
        return $"{{\"{week}\":[{string.Join(',', Enumerable.Range(0, count).Select(i => $"\"read-{i}\""))}]}}";
    }

    [Fact]
    public async Task A_fresh_reader_gets_the_first_ask_and_two_fresh_browsers_can_land_in_different_variants_each_keeping_its_own()
    {
        await using var control = await browser.NewContextAsync(draw: 0.1);
        await using var variant = await browser.NewContextAsync(draw: 0.9);
        var first = await control.NewPageAsync();
        var article = await ArticleAsync(first, 1);
        await first.GotoAsync(article);
        await Assertions.Expect(first.Locator("#appeal")).ToContainTextAsync("We are blocked at home");
        await Assertions.Expect(first.Locator("#appeal .appeal-continue")).ToHaveTextAsync("Continue");
        Assert.Equal(0, await first.Locator("#appeal-banner").CountAsync());

        var second = await variant.NewPageAsync();
        await second.GotoAsync(article);
        await Assertions.Expect(second.Locator("#appeal .appeal-continue")).ToHaveTextAsync("Give $2 a month");
        Assert.Equal("1", await second.Locator("#appeal").GetAttributeAsync("data-variant"));

        // Kept, not drawn again: even a browser whose next draw would land in the control stays where it was.
        await variant.AddInitScriptAsync("Math.random = function () { return 0.1; };");
        await second.ReloadAsync();
        await Assertions.Expect(second.Locator("#appeal .appeal-continue")).ToHaveTextAsync("Give $2 a month");
        await first.ReloadAsync();
        await Assertions.Expect(first.Locator("#appeal .appeal-continue")).ToHaveTextAsync("Continue");
        Assert.Contains("campaign=", await second.Locator("#appeal .appeal-continue").GetAttributeAsync("href"));
    }

    [Fact]
    public async Task A_reader_of_twelve_articles_gets_the_stronger_ask_and_the_banner_once_within_its_cap()
    {
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var article = await ArticleAsync(page, 2);
        await page.EvaluateAsync("reads => localStorage.setItem('mh_reads', reads)", ReadsThisWeek(12));

        await page.GotoAsync(article);

        var appeal = page.Locator("#appeal");
        await Assertions.Expect(appeal).ToContainTextAsync("five or more of our stories");
        await Assertions.Expect(appeal.Locator(".appeal-continue")).ToHaveTextAsync("Become a supporter");
        await Assertions.Expect(appeal.Locator(".appeal-count")).ToContainTextAsync("13");
        var banner = page.Locator("#appeal-banner");
        await Assertions.Expect(banner).ToContainTextAsync("year-end drive");
        await Axe.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("appeal-loyal-reader-with-banner.png"), FullPage = true });

        // At most two showings in 30 days, three days apart: not again on the next page.
        await banner.GetByRole(AriaRole.Button, new() { Name = "Close this message" }).ClickAsync();
        await Assertions.Expect(banner).ToBeHiddenAsync();
        await page.ReloadAsync();
        await Assertions.Expect(appeal).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#appeal-banner").CountAsync());
    }

    /// <summary>The admin's preview decides on the server as reader.js does in the browser: the same appeal for the same reader.</summary>
    [Theory]
    [InlineData("NeverGave", 12)]
    [InlineData("NeverGave", 0)]
    [InlineData("FormerSupporter", 0)]
    public async Task The_admin_s_preview_for_a_described_reader_names_the_appeals_that_reader_s_browser_shows(string state, int readBefore)
    {
        await using var admin = await browser.NewContextAsync();
        var desk = await admin.NewPageAsync();
        await browser.SignInAsync(desk);
        await desk.GotoAsync("/admin/appeals");
        await desk.GetByRole(AriaRole.Link, new() { Name = "Which appeal would a reader see?" }).ClickAsync();
        await desk.GetByLabel("What the reader's browser holds").SelectOptionAsync(state);
        // The article being read counts too, as the script counts it before choosing.
        await desk.GetByLabel("Articles read").FillAsync((readBefore + 1).ToString(CultureInfo.InvariantCulture));
        await desk.GetByRole(AriaRole.Button, new() { Name = "Show what they see" }).ClickAsync();
        var end = await desk.Locator("section[aria-labelledby='seen-end-title'] .chosen").GetAttributeAsync("data-appeal");
        var banner = await desk.Locator("section[aria-labelledby='seen-banner-title'] .chosen").GetAttributeAsync("data-appeal");
        Assert.NotNull(end);
        if (readBefore == 12)
        {
            await Axe.AssertNoSeriousViolationsAsync(desk);
            await desk.ScreenshotAsync(new() { Path = Screenshots.PathFor("admin-appeal-preview.png"), FullPage = true });
        }

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var article = await ArticleAsync(page, 4);
        await page.EvaluateAsync("reads => localStorage.setItem('mh_reads', reads)", ReadsThisWeek(readBefore));
        if (state == "FormerSupporter")
        {
            var past = DateTimeOffset.UtcNow.AddDays(-40).ToUnixTimeSeconds();
            await context.AddCookiesAsync([new Cookie { Name = "mh_supporter", Value = $"{past}.{past}.ended", Url = browser.BaseAddress.ToString() }]);
        }

        await page.GotoAsync(article);
        await Assertions.Expect(page.Locator("#appeal")).ToHaveAttributeAsync("data-appeal", end);
        if (banner is null)
        {
            Assert.Equal(0, await page.Locator("#appeal-banner").CountAsync());
        }
        else
        {
            await Assertions.Expect(page.Locator("#appeal-banner")).ToHaveAttributeAsync("data-appeal", banner);
        }
    }

    [Fact]
    public async Task A_former_supporter_is_asked_to_come_back()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var article = await ArticleAsync(page, 3);

        // A pass whose paid-through date has passed, as the browser keeps it after the support ended (the clear parts
        // are all the script reads; the server reads no pass in it and serves the shared copy).
        var past = DateTimeOffset.UtcNow.AddDays(-40).ToUnixTimeSeconds();
        await context.AddCookiesAsync([new Cookie { Name = "mh_supporter", Value = $"{past}.{past}.ended", Url = browser.BaseAddress.ToString() }]);
        await page.GotoAsync(article);

        await Assertions.Expect(page.Locator("#appeal")).ToContainTextAsync("You supported us before");
        await Assertions.Expect(page.Locator("#appeal .appeal-continue")).ToHaveTextAsync("Support us again");
    }

    [Fact]
    public async Task What_a_reader_saw_and_pressed_reaches_the_counters_and_the_test_s_results_page()
    {
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var article = await ArticleAsync(page, 4);
        await page.GotoAsync(article);
        var appeal = page.Locator("#appeal");
        await appeal.ScrollIntoViewIfNeededAsync();
        var id = int.Parse((await appeal.GetAttributeAsync("data-appeal"))!, CultureInfo.InvariantCulture);
        await page.WaitForTimeoutAsync(1500);
        await appeal.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($@"/support\?campaign={id}\.0\.e$"));

        var counts = browser.App.Services.GetRequiredService<Masthead.Appeals.AppealCounts>();
        long shown = 0, continued = 0;
        for (var attempt = 0; attempt < 20 && (shown == 0 || continued == 0); attempt++)
        {
            await using var scope = browser.App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
            await counts.FlushAsync(db, CancellationToken.None);
            (shown, continued) = (await db.AppealTallies.Where(t => t.AppealId == id && t.Variant == 0).SumAsync(t => t.Shown),
                await db.AppealTallies.Where(t => t.AppealId == id && t.Variant == 0).SumAsync(t => t.Continued));
            await Task.Delay(250);
        }

        Assert.True(shown >= 1 && continued >= 1, $"shown {shown}, continued {continued}");

        var admin = await context.NewPageAsync();
        await browser.SignInAsync(admin);
        await admin.GotoAsync($"/admin/appeals/{id}/test");
        await Assertions.Expect(admin.Locator(".test-results tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator(".verdict")).ToContainTextAsync("Too early to tell");
        await Axe.AssertNoSeriousViolationsAsync(admin);
        await admin.ScreenshotAsync(new() { Path = Screenshots.PathFor("admin-appeal-test-results.png"), FullPage = true });
    }
}
