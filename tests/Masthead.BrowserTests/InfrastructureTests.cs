using Masthead.BrowserTests.Infrastructure;

namespace Masthead.BrowserTests;

/// <summary>Checks the plumbing itself: Kestrel, Chromium and axe-core work together here.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InfrastructureTests(BrowserFixture browser)
{
    [Fact]
    public async Task Chromium_reaches_the_app_on_its_kestrel_port()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/robots.txt");

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Equal("127.0.0.1", browser.BaseAddress.Host);
    }

    [Fact]
    public async Task Axe_reports_a_serious_violation_on_a_page_that_has_one()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/robots.txt");
        await page.SetContentAsync("<!doctype html><html lang=en><title>t</title><main><img src=x.png></main></html>");

        var violations = await Axe.SeriousViolationsAsync(page);

        Assert.Contains(violations, v => v.Id == "image-alt");
    }
}
