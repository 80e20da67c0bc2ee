using Masthead.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

/// <summary>An editor writes an appeal and watches it take shape, as readers will see it, while typing.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AppealEditorJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_preview_follows_the_editor_s_typing_and_strips_script_without_saving()
    {
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var editor = await context.NewPageAsync();
        var dialogs = 0;
        editor.Dialog += (_, dialog) => dialogs++;
        await browser.SignInAsync(editor);
        await editor.GetByRole(AriaRole.Link, new() { Name = "Appeals", Exact = true }).ClickAsync();
        await editor.GetByRole(AriaRole.Link, new() { Name = "New appeal" }).ClickAsync();
        var preview = editor.Locator("#appeal-preview");

        await editor.GetByRole(AriaRole.Textbox, new() { Name = "Name" }).FillAsync("Winter appeal");
        await editor.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("We report from exile, and **only you** keep us going.\n\n<script>alert('x')</script>");
        await editor.GetByRole(AriaRole.Textbox, new() { Name = "Continue button" }).FillAsync("Support our reporting");

        await Assertions.Expect(preview.Locator(".appeal-body strong")).ToHaveTextAsync("only you");
        await Assertions.Expect(preview.Locator("a.appeal-continue")).ToHaveTextAsync("Support our reporting");
        Assert.Equal(0, await preview.Locator("script").CountAsync());
        Assert.Equal(0, dialogs);
        await Axe.AssertNoSeriousViolationsAsync(editor);
        await editor.ScreenshotAsync(new() { Path = Screenshots.PathFor("admin-appeal-editor.png"), FullPage = true });

        await editor.GotoAsync("/admin/appeals");
        await Assertions.Expect(editor.GetByText("Winter appeal")).ToHaveCountAsync(0);
    }
}
