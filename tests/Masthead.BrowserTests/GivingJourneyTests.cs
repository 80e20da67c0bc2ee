using System.Text.RegularExpressions;
using Masthead.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

/// <summary>The page that defines the product, in a real Chromium: the appeal, "Remind me later", and $2 a month.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GivingJourneyTests(BrowserFixture browser)
{
    private static async Task<(string First, string Second)> TwoArticlesAsync(IPage page)
    {
        await page.GotoAsync("/");
        var links = page.Locator(".article-list h2 a");
        return ((await links.Nth(2).GetAttributeAsync("href"))!, (await links.Nth(3).GetAttributeAsync("href"))!);
    }

    [Fact]
    public async Task A_reader_snoozes_the_appeal_without_a_request_sees_it_again_a_week_later_then_gives_2_dollars_a_month_and_sees_no_more_appeals()
    {
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var (first, second) = await TwoArticlesAsync(page);
        var appeal = page.Locator("#appeal");

        await page.GotoAsync(first);
        await Assertions.Expect(appeal).ToBeVisibleAsync();
        await Assertions.Expect(appeal.GetByRole(AriaRole.Heading)).ToHaveTextAsync("A message from The Meridian");
        await Assertions.Expect(appeal).ToContainTextAsync("Support us monthly, from $2.");
        await appeal.ScreenshotAsync(new() { Path = Screenshots.PathFor("appeal-desktop.png") });

        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await appeal.GetByRole(AriaRole.Button, new() { Name = "Remind me later" }).ClickAsync();
        await Assertions.Expect(appeal).ToBeHiddenAsync();
        Assert.Empty(requests);

        await page.GotoAsync(second);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(appeal).ToBeHiddenAsync();

        // A week on, in the app and in the page alike: the appeal is back. "A week" is read from the cookie the script
        // set, since the page's clock ran on while the app's stood still.
        var snoozedUntil = long.Parse((await context.CookiesAsync()).Single(c => c.Name == "mh_snooze").Value, System.Globalization.CultureInfo.InvariantCulture);
        var later = DateTimeOffset.FromUnixTimeSeconds(snoozedUntil).AddMinutes(1);
        browser.App.Clock.SetUtcNow(later);
        await page.Clock.SetSystemTimeAsync(later.UtcDateTime);
        await page.GotoAsync(second);
        await Assertions.Expect(appeal).ToBeVisibleAsync();

        await appeal.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/support\?campaign=\d+\.0\.e$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "$5 a month" })).ToBeCheckedAsync();
        await Axe.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("support-desktop.png"), FullPage = true });

        await page.GetByRole(AriaRole.Radio, new() { Name = "Other" }).CheckAsync();
        await page.GetByLabel("Other amount in USD").FillAsync("1.50");
        await page.GetByLabel("Email").FillAsync("reader@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The smallest monthly contribution is $2.");
        await Assertions.Expect(page.GetByLabel("Email")).ToHaveValueAsync("reader@example.org");

        await page.GetByLabel("Other amount in USD").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        await Assertions.Expect(page.GetByText("TEST MODE")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pay $2 a month");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("sandbox-checkout-desktop.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay $2" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you");
        await Assertions.Expect(page.GetByText("with $2 a month")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("thanks-desktop.png") });

        foreach (var article in new[] { first, second })
        {
            await page.GotoAsync(article);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

            // No more asks: the demo's thank-you note stands where the appeal was.
            await Assertions.Expect(page.Locator("#appeal.appeal-thanks")).ToBeVisibleAsync();
            Assert.Equal(0, await page.Locator(".appeal-continue").CountAsync());
        }
    }

    [Fact]
    public async Task The_same_journey_works_with_JavaScript_off()
    {
        await using var context = await browser.NewContextAsync(new() { JavaScriptEnabled = false, ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        var (first, second) = await TwoArticlesAsync(page);
        var appeal = page.Locator("#appeal");

        await page.GotoAsync(first);
        await Assertions.Expect(appeal).ToBeVisibleAsync();
        await appeal.ScreenshotAsync(new() { Path = Screenshots.PathFor("appeal-phone.png") });
        await appeal.GetByRole(AriaRole.Button, new() { Name = "Remind me later" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(first) + "$"));
        Assert.Equal(0, await appeal.CountAsync());
        await page.GotoAsync(second);
        Assert.Equal(0, await appeal.CountAsync());

        await page.GotoAsync("/support?frequency=monthly");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("support-phone.png"), FullPage = true });
        await page.GetByRole(AriaRole.Radio, new() { Name = "$2 a month" }).CheckAsync();
        await page.GetByLabel("Email").FillAsync("quiet.reader@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay $2" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you");
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("thanks-phone.png") });

        await page.Context.ClearCookiesAsync(new() { Name = "mh_snooze" });
        await page.GotoAsync(first);
        Assert.Equal(0, await appeal.CountAsync());
    }
}
