using Masthead.Appeals;
using Masthead.Contributions;
using Masthead.BrowserTests.Infrastructure;
using Masthead.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

/// <summary>
/// An admin reads two years of readers' money on the revenue dashboard, and what the appeals raised, at desktop width
/// and on a phone in dark mode.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RevenueJourneyTests(BrowserFixture browser)
{
    private const string Prefix = "rev_journey_";

    private static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new() { Width = 1280, Height = 900 } };
    private static readonly BrowserNewContextOptions DarkPhone = new() { ColorScheme = ColorScheme.Dark, ViewportSize = new() { Width = 390, Height = 844 } };

    [Fact]
    public async Task An_admin_opens_revenue_from_the_navigation_and_reads_each_chart_and_its_figures()
    {
        await SeedAsync(browser);
        await using var context = await browser.NewContextAsync(Desktop);
        var admin = await SignedInPageAsync(context);

        await admin.GetByRole(AriaRole.Link, new() { Name = "Revenue", Exact = true }).ClickAsync();

        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Revenue" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Img, new() { Name = "Monthly recurring revenue in USD" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Img, new() { Name = "Churn" })).ToBeVisibleAsync();
        await admin.GetByText("Figures: Churn").ClickAsync();
        await Assertions.Expect(admin.Locator("#chart-churn-table")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(admin);
        await admin.ScreenshotAsync(new() { Path = Screenshots.PathFor("admin-revenue-desktop.png"), FullPage = true });

        await using var phoneContext = await browser.NewContextAsync(DarkPhone);
        var phone = await SignedInPageAsync(phoneContext);
        await phone.GotoAsync("/admin/revenue");
        await Assertions.Expect(phone.GetByRole(AriaRole.Img, new() { Name = "New and ended recurring supporters" })).ToBeVisibleAsync();
        await AssertFitsAndPassesAxeAsync(phone);
        await phone.ScreenshotAsync(new() { Path = Screenshots.PathFor("admin-revenue-phone-dark.png") });
    }

    [Fact]
    public async Task An_admin_follows_the_dashboard_to_what_the_appeals_raised_and_reads_the_funnel()
    {
        await SeedAppealsAsync(browser);
        await using var context = await browser.NewContextAsync(Desktop);
        var admin = await SignedInPageAsync(context);
        await admin.GotoAsync("/admin/revenue");

        await admin.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "What the appeals raised" }).ClickAsync();

        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "What the appeals raised" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Img, new() { Name = "The appeals' funnel" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Table).Filter(new() { HasText = "Year-end drive" })).ToBeVisibleAsync();
        await admin.GetByText("Figures: The appeals' funnel").ClickAsync();
        await Assertions.Expect(admin.Locator("#chart-funnel-table")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(admin);
        await admin.ScreenshotAsync(new() { Path = Screenshots.PathFor("admin-revenue-appeals-desktop.png"), FullPage = true });

        await using var phoneContext = await browser.NewContextAsync(DarkPhone);
        var phone = await SignedInPageAsync(phoneContext);
        foreach (var path in new[] { "/admin/revenue/sources", "/admin/revenue/appeals" })
        {
            await phone.GotoAsync(path);
            await AssertFitsAndPassesAxeAsync(phone);
        }

        await phone.ScreenshotAsync(new() { Path = Screenshots.PathFor("admin-revenue-appeals-phone-dark.png"), FullPage = true });
    }

    /// <summary>Two appeals' tallies over the last twelve months: showings and Continue every month, and a few gifts in dollars and euros.</summary>
    private static async Task SeedAppealsAsync(BrowserFixture browser)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        if (db.Appeals.Any(a => a.Name == "Year-end drive"))
        {
            return;
        }

        // Switched off, so the other journeys' readers never see them.
        Appeal Appeal(string name, string edition) =>
            db.Appeals.Add(new Appeal { Name = name, Edition = edition, BodyMarkdown = name, BodyHtml = $"<p>{name}</p>", UpdatedAt = DateTimeOffset.UnixEpoch }).Entity;
        var yearEnd = Appeal("Year-end drive", "");
        var spring = Appeal("Весенний призыв", "ru");
        await db.SaveChangesAsync();
        var now = browser.App.Clock.GetUtcNow();
        for (var month = 0; month < 12; month++)
        {
            var hour = new DateTimeOffset(now.Year, now.Month, 1, 10, 0, 0, TimeSpan.Zero).AddMonths(-month);
            foreach (var (appeal, placement, scale) in new[] { (yearEnd, AppealPlacement.EndOfArticle, 3), (spring, AppealPlacement.BannerTop, 1) })
            {
                db.AppealTallies.Add(new AppealTally { Hour = hour, AppealId = appeal.Id, Placement = placement, Shown = scale * (900 + (month * 40)), Continued = scale * (20 + (month % 5 * 4)) });
                db.AppealTallies.Add(new AppealTally
                {
                    Hour = hour, AppealId = appeal.Id, Placement = placement, Currency = month % 2 == 0 ? "USD" : "EUR",
                    Conversions = scale * (2 + (month % 3)), Recurring = scale, Annualised = scale * (6_000 + (month * 500)),
                });
            }
        }

        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Two years of a small newsroom: monthly dollar supporters joining every month (some leaving after a while), an
    /// annual euro supporter every third month, and a few one-time gifts a month, one of them refunded.
    /// </summary>
    internal static async Task SeedAsync(BrowserFixture browser)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        if (db.Supporters.Any(s => s.CustomerRef == Prefix + "1"))
        {
            return;
        }

        var now = browser.App.Clock.GetUtcNow();
        var first = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-23);
        DateTimeOffset Day(int month, int day) => Min(first.AddMonths(month).AddDays(day - 1).AddHours(10), now.AddHours(-1));
        var n = 0;
        Supporter Supporter()
        {
            var supporter = new Supporter { Provider = "sandbox", CustomerRef = $"{Prefix}{++n}", CreatedAt = now };
            db.Supporters.Add(supporter);
            return supporter;
        }

        void Pay(Supporter who, string? subscription, Frequency frequency, long amount, string currency, DateTimeOffset at, ContributionKind kind = ContributionKind.Payment) =>
            who.Contributions.Add(new Contribution
            {
                Provider = "sandbox", ProviderRef = $"{Prefix}{++n}", SubscriptionRef = subscription, Kind = kind, Frequency = frequency,
                Amount = amount, Currency = currency, OccurredAt = at, RecordedAt = now,
            });

        long[] amounts = [300, 500, 500, 1_000];
        for (var month = 0; month < 24; month++)
        {
            for (var j = 0; j < 3 + ((month * 7) % 5); j++)
            {
                var who = Supporter();
                var reference = $"{Prefix}sub_{++n}";
                var months = (month + j) % 3 == 0 ? 24 : 4 + ((month + j) % 11);
                var last = Math.Min(23, month + months - 1);
                for (var paid = month; paid <= last; paid++)
                {
                    Pay(who, reference, Frequency.Monthly, amounts[j % 4], "USD", Day(paid, 5 + j));
                }

                var ended = last < 23;
                who.Subscriptions.Add(new Subscription
                {
                    Provider = "sandbox", ProviderRef = reference, Frequency = Frequency.Monthly, Amount = amounts[j % 4], Currency = "USD",
                    Status = ended ? SubscriptionStatus.Canceled : SubscriptionStatus.Active, StatusAt = ended ? Day(last, 20) : Day(month, 5 + j),
                });
            }

            if (month % 3 == 0)
            {
                var annual = Supporter();
                var reference = $"{Prefix}sub_{++n}";
                Pay(annual, reference, Frequency.Annual, 6_000, "EUR", Day(month, 12));
                annual.Subscriptions.Add(new Subscription
                {
                    Provider = "sandbox", ProviderRef = reference, Frequency = Frequency.Annual, Amount = 6_000, Currency = "EUR", Status = SubscriptionStatus.Active, StatusAt = Day(month, 12),
                });
            }

            var once = Supporter();
            for (var gift = 0; gift < 2 + (month % 4); gift++)
            {
                Pay(once, null, Frequency.OneTime, 1_000 + (gift * 1_500), "USD", Day(month, 3 + gift));
            }

            if (month == 17)
            {
                Pay(once, null, Frequency.OneTime, -2_500, "USD", Day(month, 9), ContributionKind.Refund);
            }
        }

        await db.SaveChangesAsync();
    }

    private async Task<IPage> SignedInPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await browser.SignInAsync(page);
        return page;
    }

    /// <summary>No sideways scrolling at the page's width (the message names what sticks out) and no serious axe violation.</summary>
    private static async Task AssertFitsAndPassesAxeAsync(IPage page)
    {
        var wide = await page.EvaluateAsync<string>("[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth).map(e => e.tagName + '#' + e.id).slice(0, 8).join(' ')");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{page.Url} scrolls sideways: {wide}");
        await Axe.AssertNoSeriousViolationsAsync(page);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
