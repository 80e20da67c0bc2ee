using System.Text.RegularExpressions;
using Masthead.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

/// <summary>An editor writes a standalone page and puts it in the navigation; a reader follows the link to it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SitePageJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_editor_puts_a_new_page_in_the_navigation_and_a_reader_follows_the_link_to_it()
    {
        const string Title = "Send us a tip";
        await using (var editorContext = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } }))
        {
            var editor = await editorContext.NewPageAsync();
            await browser.SignInAsync(editor);
            await editor.GetByRole(AriaRole.Link, new() { Name = "Pages", Exact = true }).ClickAsync();
            await editor.GetByRole(AriaRole.Link, new() { Name = "New page" }).ClickAsync();
            await editor.GetByLabel("Title", new() { Exact = true }).FillAsync(Title);
            await editor.GetByRole(AriaRole.Textbox, new() { Name = "Text" }).FillAsync("Write to our editors.\n\nWe **protect** our sources.");
            await editor.GetByLabel("Place in the navigation").FillAsync("2");
            await editor.GetByRole(AriaRole.Checkbox, new() { Name = "Published" }).CheckAsync();
            await editor.GetByRole(AriaRole.Button, new() { Name = "Save page" }).ClickAsync();
            await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
            await Assertions.Expect(editor.GetByLabel("Web address")).ToHaveValueAsync("send-us-a-tip");
            await Axe.AssertNoSeriousViolationsAsync(editor);
            await editor.ScreenshotAsync(new() { Path = Screenshots.PathFor("admin-page-editor.png"), FullPage = true });
        }

        foreach (var (name, width, height) in new[] { ("desktop", 1280, 900), ("phone", 390, 844) })
        {
            await using var readerContext = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
            var reader = await readerContext.NewPageAsync();
            await reader.GotoAsync("/");
            var navigation = reader.GetByRole(AriaRole.Navigation, new() { Name = "About the newsroom" });
            await navigation.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
            await Assertions.Expect(reader).ToHaveURLAsync(new Regex("/send-us-a-tip$"));
            await Assertions.Expect(reader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
            await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = Title })).ToHaveAttributeAsync("aria-current", "page");
            await Assertions.Expect(reader.GetByText("protect")).ToBeVisibleAsync();
            await Axe.AssertNoSeriousViolationsAsync(reader);
            await reader.ScreenshotAsync(new() { Path = Screenshots.PathFor($"site-page-{name}.png"), FullPage = true });
        }
    }
}
