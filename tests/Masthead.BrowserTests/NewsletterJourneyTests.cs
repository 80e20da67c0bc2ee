using System.Text.RegularExpressions;
using Masthead.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

/// <summary>An editor writes an issue of the demo's weekly newsletter from the site's articles and looks at it as a phone and a computer would show it.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class NewsletterJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_editor_writes_an_issue_from_the_site_s_articles_and_previews_it_at_phone_and_desktop_width()
    {
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var editor = await context.NewPageAsync();
        await browser.SignInAsync(editor);
        await editor.GetByRole(AriaRole.Link, new() { Name = "Newsletters", Exact = true }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Newsletters");
        await Assertions.Expect(editor.GetByRole(AriaRole.Link, new() { Name = "Weekly", Exact = true })).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(editor);
        await editor.ScreenshotAsync(new() { Path = Screenshots.PathFor("admin-newsletters.png"), FullPage = true });

        await editor.GetByRole(AriaRole.Link, new() { Name = "New issue" }).First.ClickAsync();
        await editor.GetByLabel("List").SelectOptionAsync(new SelectOptionValue { Label = "Weekly (English)" });
        await editor.GetByLabel("Subject").FillAsync("The week at the Meridian");
        await editor.GetByRole(AriaRole.Textbox, new() { Name = "Introduction" }).FillAsync("Three stories **you** should not miss.");
        var english = editor.Locator("fieldset.article-picks label.check", new() { HasText = "English ·" });
        var first = (await english.First.InnerTextAsync()).Split("English ·")[0].Trim();
        await english.Nth(0).Locator("input").CheckAsync();
        await english.Nth(1).Locator("input").CheckAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save and preview" }).ClickAsync();

        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await Assertions.Expect(editor).ToHaveURLAsync(IssuePage());
        foreach (var frame in new[] { "On a phone", "On a computer" })
        {
            var inside = editor.FrameLocator($"iframe[title='{frame}']");
            await Assertions.Expect(inside.GetByText("you", new() { Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(inside.GetByRole(AriaRole.Link, new() { Name = first })).ToBeVisibleAsync();
            await Assertions.Expect(inside.GetByRole(AriaRole.Link, new() { Name = "Every current address" })).ToBeVisibleAsync();
        }

        Assert.Equal(375, await editor.Locator("iframe[title='On a phone']").EvaluateAsync<int>("frame => frame.getBoundingClientRect().width"));
        await Assertions.Expect(editor.Locator("pre.issue-preview-text")).ToContainTextAsync(first);
        await Axe.AssertNoSeriousViolationsAsync(editor);
        await editor.ScreenshotAsync(new() { Path = Screenshots.PathFor("admin-newsletter-issue.png"), FullPage = true });
        await editor.Locator(".issue-preview-frames").ScrollIntoViewIfNeededAsync();
        await editor.Locator(".issue-preview-frames").ScreenshotAsync(new() { Path = Screenshots.PathFor("admin-newsletter-preview.png") });

        await editor.GetByRole(AriaRole.Button, new() { Name = "Send a test" }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("Test sent to");

        await editor.GetByRole(AriaRole.Button, new() { Name = "Send now" }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToHaveTextAsync("Sending has started.");
        await Assertions.Expect(editor.GetByRole(AriaRole.Heading, new() { Name = "Where the send stands" })).ToBeVisibleAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Button, new() { Name = "Send now" })).ToHaveCountAsync(0);
    }

    [GeneratedRegex(@"/admin/newsletters/issues/\d+$")]
    private static partial Regex IssuePage();
}
