using System.Text.RegularExpressions;
using Masthead.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

/// <summary>The foundation journey in a real Chromium: an editor publishes, readers read with and without JavaScript.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PublishingJourneyTests(BrowserFixture browser)
{
    private static readonly (string Name, int Width, int Height)[] Screens = [("desktop", 1280, 900), ("phone", 390, 844)];

    [Fact]
    public async Task An_editor_publishes_a_Cyrillic_article_that_readers_find_on_the_front_page_in_the_feed_and_with_JavaScript_off()
    {
        const string Headline = "Делегация прибыла в Дамаск: две базы под вопросом";
        const string Slug = "delegatsiia-pribyla-v-damask-dve-bazy-pod-voprosom";

        await using (var editorContext = await browser.NewContextAsync())
        {
            var editor = await editorContext.NewPageAsync();
            await browser.SignInAsync(editor);
            await editor.GetByRole(AriaRole.Link, new() { Name = "New article" }).First.ClickAsync();
            await editor.GetByLabel("Headline", new() { Exact = true }).FillAsync(Headline);
            await editor.GetByLabel("Standfirst").FillAsync("Официальная делегация провела переговоры о будущем двух военных баз.");
            await editor.GetByLabel("Body").FillAsync("Делегация прибыла в Дамаск в понедельник.\n\n## Что известно\n\nПредставитель заявил, что «переговоры продолжатся».");
            await editor.GetByLabel("Dateline").FillAsync("DAMASCUS");
            await editor.GetByLabel("Daria Lebedeva").CheckAsync();
            await editor.GetByLabel("Tags").FillAsync("Politics");
            await editor.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
            await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToHaveTextAsync("Published.");
            await Assertions.Expect(editor.GetByLabel("Web address")).ToHaveValueAsync(Slug);
        }

        await using (var readerContext = await browser.NewContextAsync())
        {
            var reader = await readerContext.NewPageAsync();
            var requested = new List<string>();
            reader.Request += (_, request) => requested.Add(request.Url);

            await reader.GotoAsync("/");
            await reader.GetByRole(AriaRole.Link, new() { Name = Headline }).ClickAsync();
            await Assertions.Expect(reader).ToHaveURLAsync(new Regex($"/articles/{Slug}$"));
            await Assertions.Expect(reader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Headline);
            await Assertions.Expect(reader.GetByText("«переговоры продолжатся»")).ToBeVisibleAsync();

            var feed = await reader.APIRequest.GetAsync("/feed.xml");
            Assert.Contains(Headline, await feed.TextAsync());

            Assert.NotEmpty(requested);
            var origin = browser.BaseAddress.GetLeftPart(UriPartial.Authority);
            Assert.All(requested, url => Assert.StartsWith(origin + "/", url));
        }

        await using var noScript = await browser.NewContextAsync(new() { JavaScriptEnabled = false });
        var plain = await noScript.NewPageAsync();
        await plain.GotoAsync($"/articles/{Slug}");
        await Assertions.Expect(plain.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Headline);
        await Assertions.Expect(plain.GetByText("Делегация прибыла в Дамаск в понедельник.")).ToBeVisibleAsync();
        await Assertions.Expect(plain.GetByRole(AriaRole.Link, new() { Name = "Daria Lebedeva" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_front_page_and_an_article_have_no_serious_accessibility_violations_at_desktop_and_phone_width()
    {
        var article = await FirstArticleAddressAsync();
        foreach (var (name, width, height) in Screens)
        {
            await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
            var page = await context.NewPageAsync();

            await page.GotoAsync("/");
            await Axe.AssertNoSeriousViolationsAsync(page);
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"front-{name}.png") });

            await page.GotoAsync(article);
            await Axe.AssertNoSeriousViolationsAsync(page);
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"article-{name}.png") });
        }
    }

    [Fact]
    public async Task The_dark_colour_scheme_keeps_the_article_readable()
    {
        var article = await FirstArticleAddressAsync();
        await using var context = await browser.NewContextAsync(new() { ColorScheme = ColorScheme.Dark, ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(article);
        await Axe.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("article-phone-dark.png") });
    }

    [Fact]
    public async Task The_article_editor_is_usable_and_accessible()
    {
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await browser.SignInAsync(page);
        await Axe.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "New article" }).First.ClickAsync();
        await page.GetByLabel("Headline", new() { Exact = true }).FillAsync("Embargoed: the budget leak");
        await page.GetByLabel("Body").FillAsync("Text that must survive the refusal.");
        await page.GetByLabel("Jonathan Hale").CheckAsync();
        await page.GetByLabel("Publish at").FillAsync("2020-01-01T08:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That time has passed");
        await Assertions.Expect(page.GetByLabel("Body")).ToHaveValueAsync("Text that must survive the refusal.");
        await Axe.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("editor-validation.png") });
    }

    private async Task<string> FirstArticleAddressAsync()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        return (await page.Locator(".article-list h2 a").First.GetAttributeAsync("href"))!;
    }
}
