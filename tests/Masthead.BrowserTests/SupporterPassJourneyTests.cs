using Masthead.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

/// <summary>The reader script renews the supporter pass in a real Chromium: once a week, never on every page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SupporterPassJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_reader_script_renews_the_pass_once_a_week_however_many_pages_are_read()
    {
        // An app of its own: the weeks this test moves its clock on would leave the shared app's other journeys behind.
        await using var app = new BrowserAppFactory();
        await using var context = await browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        var page = await context.NewPageAsync();
        async Task MoveClocksAsync(TimeSpan by)
        {
            app.Clock.Advance(by);
            await page.Clock.SetSystemTimeAsync(app.Clock.GetUtcNow().UtcDateTime);
        }

        await MoveClocksAsync(TimeSpan.Zero);
        await page.GotoAsync("/support?frequency=monthly");
        await page.GetByRole(AriaRole.Radio, new() { Name = "$2 a month" }).CheckAsync();
        await page.GetByLabel("Email").FillAsync("weekly.reader@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay $2" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you");

        await page.GotoAsync("/");
        var articles = page.Locator(".article-list h2 a");
        var paths = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            paths.Add((await articles.Nth(i).GetAttributeAsync("href"))!);
        }

        var renewals = new List<int>();
        page.Response += (_, response) =>
        {
            if (response.Url.EndsWith("/support/pass/renew", StringComparison.Ordinal))
            {
                lock (renewals)
                {
                    renewals.Add(response.Status);
                }
            }
        };
        async Task<string> PassAsync() => (await context.CookiesAsync()).Single(c => c.Name == "mh_supporter").Value;
        async Task ReadAllAsync()
        {
            foreach (var path in paths)
            {
                await page.GotoAsync(path);
                Assert.Equal(0, await page.Locator(".appeal-continue").CountAsync());
            }
        }

        var given = await PassAsync();
        await ReadAllAsync();
        Assert.Empty(renewals);

        for (var week = 1; week <= 2; week++)
        {
            var before = await PassAsync();
            await MoveClocksAsync(TimeSpan.FromDays(7) + TimeSpan.FromHours(1));
            var renewed = page.WaitForResponseAsync(r => r.Url.EndsWith("/support/pass/renew", StringComparison.Ordinal));
            await page.GotoAsync(paths[0]);
            Assert.Equal(204, (await renewed).Status);
            await Assertions.Expect(page.Locator(".appeal-continue")).ToHaveCountAsync(0);
            await ReadAllAsync();
            Assert.NotEqual(before, await PassAsync());
            lock (renewals)
            {
                Assert.Equal(Enumerable.Repeat(204, week), renewals);
            }
        }

        Assert.NotEqual(given, await PassAsync());
    }
}
