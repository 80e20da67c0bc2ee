using Masthead.Contributions;
using Masthead.BrowserTests.Infrastructure;
using Masthead.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

/// <summary>An admin reads two years of readers' money on the revenue dashboard, at desktop width and on a phone in dark mode.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RevenueJourneyTests(BrowserFixture browser)
{
    private const string Prefix = "rev_journey_";

    [Fact]
    public async Task An_admin_opens_revenue_from_the_navigation_and_reads_each_chart_and_its_figures()
    {
        await SeedAsync(browser);
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var admin = await context.NewPageAsync();
        await browser.SignInAsync(admin);

        await admin.GetByRole(AriaRole.Link, new() { Name = "Revenue", Exact = true }).ClickAsync();

        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Revenue" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Img, new() { Name = "Monthly recurring revenue in USD" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Img, new() { Name = "Churn" })).ToBeVisibleAsync();
        await admin.GetByText("Figures: Churn").ClickAsync();
        await Assertions.Expect(admin.Locator("#chart-churn-table")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(admin);
        await admin.ScreenshotAsync(new() { Path = Screenshots.PathFor("admin-revenue-desktop.png"), FullPage = true });

        await using var phoneContext = await browser.NewContextAsync(new() { ColorScheme = ColorScheme.Dark, ViewportSize = new() { Width = 390, Height = 844 } });
        var phone = await phoneContext.NewPageAsync();
        await browser.SignInAsync(phone);
        await phone.GotoAsync("/admin/revenue");
        await Assertions.Expect(phone.GetByRole(AriaRole.Img, new() { Name = "New and ended recurring supporters" })).ToBeVisibleAsync();
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The dashboard scrolls sideways at 390 px.");
        await Axe.AssertNoSeriousViolationsAsync(phone);
        await phone.ScreenshotAsync(new() { Path = Screenshots.PathFor("admin-revenue-phone-dark.png") });
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

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
