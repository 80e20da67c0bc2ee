using System.Text.RegularExpressions;
using Masthead.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using MimeKit;

namespace Masthead.BrowserTests;

/// <summary>A supporter on a new device: "Already a supporter?" by email link brings back the pass and the manage page.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SupporterLinkJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_supporter_in_a_fresh_browser_gets_a_link_by_email_that_restores_their_status_and_lets_them_cancel()
    {
        var email = $"returning-{Guid.NewGuid():N}@example.org";
        await using (var first = await browser.NewContextAsync())
        {
            var page = await first.NewPageAsync();
            await page.GotoAsync("/support?frequency=monthly");
            await page.GetByRole(AriaRole.Radio, new() { Name = "$2 a month" }).CheckAsync();
            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Pay $2" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you");
        }

        await using var fresh = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        var reader = await fresh.NewPageAsync();
        await reader.GotoAsync("/");
        await reader.Locator(".article-list h2 a").First.ClickAsync();
        var appeal = reader.Locator("#appeal");
        await Assertions.Expect(appeal).ToBeVisibleAsync();
        await appeal.GetByRole(AriaRole.Link, new() { Name = "Already a supporter?" }).ClickAsync();
        await reader.GetByLabel("Email address").FillAsync(email);
        await reader.GetByRole(AriaRole.Button, new() { Name = "Email me a link" }).ClickAsync();
        await Assertions.Expect(reader.GetByRole(AriaRole.Status)).ToContainTextAsync("a link is on its way");

        var link = await LatestLinkToAsync(email);
        await reader.GotoAsync(new Uri(link).PathAndQuery);
        await reader.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(reader).ToHaveURLAsync(new Regex("/support/manage$"));
        await Assertions.Expect(reader.Locator(".subscription h2")).ToHaveTextAsync("$2 a month");
        await Axe.AssertNoSeriousViolationsAsync(reader);
        await reader.ScreenshotAsync(new() { Path = Screenshots.PathFor("manage-phone.png"), FullPage = true });

        await reader.GotoAsync("/");
        await reader.Locator(".article-list h2 a").First.ClickAsync();
        await Assertions.Expect(reader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        // A supporter gets the demo's thank-you note where the ask was, and no ask anywhere.
        await Assertions.Expect(reader.Locator("#appeal.appeal-thanks")).ToBeVisibleAsync();
        Assert.Equal(0, await reader.Locator(".appeal-continue").CountAsync());

        await reader.GotoAsync(new Uri(link).PathAndQuery);
        await Assertions.Expect(reader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This link no longer works");
        await reader.GotoAsync("/support/manage");
        await reader.GetByRole(AriaRole.Button, new() { Name = "Cancel this contribution" }).ClickAsync();
        await Assertions.Expect(reader.GetByRole(AriaRole.Status)).ToContainTextAsync("is cancelled");
    }

    /// <summary>
    /// The newest manage link sent to the address; the browser app's mail job writes mail to its pickup folder a moment
    /// after the page answered, so this looks as a reader checks their inbox: again, for up to 15 s.
    /// </summary>
    private async Task<string> LatestLinkToAsync(string address)
    {
        var outbox = Path.Combine(browser.App.DataDirectory, "outbox");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(15))
        {
            var files = Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml").OrderByDescending(File.GetLastWriteTimeUtc) : Enumerable.Empty<string>();
            foreach (var file in files)
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(m => m.Address == address) && (message.Subject ?? "").StartsWith("Your link", StringComparison.Ordinal)
                    && LinkPattern().Match(message.TextBody ?? "") is { Success: true } link)
                {
                    return link.Value;
                }
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"No link to {address} in {outbox} after 15 s.");
    }

    [GeneratedRegex(@"https?://\S+/support/link/[0-9a-f]{64}")]
    private static partial Regex LinkPattern();
}
