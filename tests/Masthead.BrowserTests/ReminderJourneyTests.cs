using System.Globalization;
using Masthead.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

/// <summary>"Email me one reminder" on a day the reader chooses: a month from the list, or a day from the calendar, with script and without.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReminderJourneyTests(BrowserFixture browser)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public async Task Picking_a_month_from_the_list_ticks_its_option_and_the_reminder_is_for_its_first()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/appeal/remind");
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Next month" })).ToBeCheckedAsync();
        await Axe.AssertNoSeriousViolationsAsync(page);

        var picked = (await page.GetByLabel("Month", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 2 })).Single();
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "On the 1st of a month I choose" })).ToBeCheckedAsync();
        await page.GetByLabel("Email address").FillAsync("month.reader@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remind me", Exact = true }).ClickAsync();

        var first = DateOnly.ParseExact(picked + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"on {first.ToString("d MMM yyyy", English)}");
    }

    [Fact]
    public async Task Without_script_the_ticked_option_decides_and_a_day_from_the_calendar_is_kept()
    {
        await using var context = await browser.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/appeal/remind");
        var day = page.GetByLabel("Day", new() { Exact = true });
        var last = await day.GetAttributeAsync("max");

        await page.GetByLabel("Email address").FillAsync("day.reader@example.org");
        await page.GetByRole(AriaRole.Radio, new() { Name = "On a day I choose" }).CheckAsync();
        await day.FillAsync(last!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Remind me", Exact = true }).ClickAsync();

        var chosen = DateOnly.ParseExact(last!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"on {chosen.ToString("d MMM yyyy", English)}");
    }
}
