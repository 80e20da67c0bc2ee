using Masthead.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

/// <summary>A reader whose browser asks for Russian is offered the Russian edition on the front page: a link, never a redirect.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EditionSuggestionJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_russian_browser_is_offered_the_russian_edition_with_a_link_it_can_dismiss_and_stays_where_it_is()
    {
        await using var context = await browser.NewContextAsync(new() { Locale = "ru-RU" });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        var offer = page.Locator(".edition-suggestion");
        await Assertions.Expect(offer.GetByRole(AriaRole.Link)).ToHaveTextAsync("Читать по-русски");
        Assert.EndsWith("/ru/", await offer.GetByRole(AriaRole.Link).GetAttributeAsync("href"), StringComparison.Ordinal);
        Assert.Equal(new Uri(browser.BaseAddress, "/").ToString(), page.Url);

        await offer.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await Assertions.Expect(offer).ToBeHiddenAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".edition-suggestion")).ToHaveCountAsync(0);

        // The Russian front page offers nothing to a Russian browser.
        await using var again = await browser.NewContextAsync(new() { Locale = "ru-RU" });
        var russian = await again.NewPageAsync();
        await russian.GotoAsync("/ru/");
        await Assertions.Expect(russian.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await Assertions.Expect(russian.Locator(".edition-suggestion")).ToHaveCountAsync(0);
    }
}
