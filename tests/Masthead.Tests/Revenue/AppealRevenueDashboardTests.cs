using System.Globalization;
using System.Net;
using System.Text;
using Masthead.Appeals;
using Masthead.Contributions;
using Masthead.Payments.Sandbox;
using Masthead.Staff;
using Masthead.Tests.Admin;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Revenue;

/// <summary>
/// /admin/revenue/appeals (editors and admins) and /admin/revenue/sources (admins) through the real host, on tallies
/// and a ledger of known history in a newsroom on Riga time. The clock stands at 2 November 2026, so the default
/// twelve months are December 2025 to November 2026.
/// </summary>
public abstract class AppealRevenueDashboardTests(MastheadFactory factory)
{
    [Fact]
    public async Task Editors_see_the_funnel_per_month_with_its_rates_and_chart()
    {
        var (page, _) = await SeededPageAsync(StaffRole.Editor, "/admin/revenue/appeals");

        Assert.Equal("What the appeals raised", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("The appeals' funnel", page.GetElementById("chart-funnel-title")!.TextContent);
        var funnel = Table(page, "chart-funnel-table");
        Assert.Equal(12, funnel.Count);
        Assert.Equal(["Dec 2025", "0", "0 (–)", "0 (–)"], funnel[0]);
        Assert.Equal(["Sep 2026", "200", "20 (10.0%)", "2 (10.0%)"], funnel[9]);
        Assert.Equal(["Oct 2026", "1,000", "40 (4.0%)", "3 (7.5%)"], funnel[10]);
        Assert.Equal(["Nov 2026 (so far)", "1,000", "10 (1.0%)", "1 (10.0%)"], funnel[11]);
        Assert.Empty(page.QuerySelectorAll("[style], style, script:not([src])"));
    }

    [Fact]
    public async Task Editors_see_what_each_appeal_raised_per_currency_never_added_across()
    {
        var (page, ids) = await SeededPageAsync(StaffRole.Editor, "/admin/revenue/appeals");

        Assert.Equal(
        [
            ["Year-end (Main edition)", "2,000 → 50 (2.5%)", "4 (0.2%), 1 recurring", "€25 · $80"],
            ["Весна (ru)", "200 → 20 (10.0%)", "2 (1.0%), 2 recurring", "€240"],
        ], Table(page, "by-appeal"));
        Assert.Equal(["/admin/revenue/appeals/funnel.csv?months=12", "/admin/revenue/appeals/appeals.csv?months=12"], page.QuerySelectorAll("p.csv a").Select(a => a.GetAttribute("href")));
        Assert.DoesNotContain(ids.Year.ToString(CultureInfo.InvariantCulture) + ".0.e", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_longer_period_takes_in_older_tallies()
    {
        var (page, _) = await SeededPageAsync(StaffRole.Admin, "/admin/revenue/appeals?months=24");

        Assert.Equal(24, Table(page, "chart-funnel-table").Count);
        Assert.Equal(["Year-end (Main edition)", "3,000 → 150 (5.0%)", "13 (0.4%), 1 recurring", "€25 · $1,079"], Table(page, "by-appeal")[0]);
        Assert.Equal("24", page.QuerySelector("#months option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Admins_see_gifts_by_placement_campaign_code_and_edition_and_the_ledger_beside_them()
    {
        var (page, ids) = await SeededPageAsync(StaffRole.Admin, "/admin/revenue/sources");

        Assert.Equal(
        [
            ["After the article", "1,700 → 60 (3.5%)", "5 (0.3%), 3 recurring", "€240 · $80"],
            ["Banner at the top", "500 → 10 (2.0%)", "1 (0.2%), 0 recurring", "€25"],
        ], Table(page, "by-placements"));
        Assert.Equal(
        [
            [$"{ids.Year}.0.e", "1,500 → 40 (2.7%)", "3 (0.2%), 1 recurring", "$80"],
            [$"{ids.Year}.1.t", "500 → 10 (2.0%)", "1 (0.2%), 0 recurring", "€25"],
            [$"{ids.Spring}.0.e", "200 → 20 (10.0%)", "2 (1.0%), 2 recurring", "€240"],
        ], Table(page, "by-campaign-codes"));
        Assert.Equal(
        [
            ["Main edition", "2,000 → 50 (2.5%)", "4 (0.2%), 1 recurring", "€25 · $80"],
            ["ru", "200 → 20 (10.0%)", "2 (1.0%), 2 recurring", "€240"],
        ], Table(page, "by-editions"));
        Assert.Equal(
        [
            ["EUR", "3 · €265", "3 · €265", "0 · €0"],
            ["USD", "4 · $110", "3 · $80", "1 · $30"],
        ], Table(page, "outside-appeals"));
    }

    [Fact]
    public async Task Each_csv_holds_exactly_the_tables_figures_for_the_period_in_the_address()
    {
        var (own, ids) = await SeededAsync();
        await using var _own = own;
        using var admin = await own.SignedInAdminAsync();

        var funnel = await CsvAsync(admin, "/admin/revenue/appeals/funnel.csv", "appeals-revenue-funnel-12m-2026-11-02.csv");
        var appeals = await CsvAsync(admin, "/admin/revenue/appeals/appeals.csv?months=24", "appeals-revenue-appeals-24m-2026-11-02.csv");
        var codes = await CsvAsync(admin, "/admin/revenue/sources/campaign-codes.csv?months=12", "appeals-revenue-campaign-codes-12m-2026-11-02.csv");
        var outside = await CsvAsync(admin, "/admin/revenue/sources/outside-appeals.csv", "appeals-revenue-outside-appeals-12m-2026-11-02.csv");

        var months = Enumerable.Range(0, 12).Select(i => new DateTime(2025, 12, 1).AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture));
        Assert.Equal(Expected("month,shown,continued,gifts,continue_rate,paid_rate,gift_rate", months.Select(m => m switch
        {
            "2026-09" => "2026-09,200,20,2,0.1000,0.1000,0.0100",
            "2026-10" => "2026-10,1000,40,3,0.0400,0.0750,0.0030",
            "2026-11" => "2026-11,1000,10,1,0.0100,0.1000,0.0010",
            _ => $"{m},0,0,0,,,",
        })), funnel);
        const string Sources = "source,edition,shown,continued,currency,gifts,new_recurring,first_year_value";
        Assert.Equal(Expected(Sources, ["Year-end,,3000,150,EUR,1,0,25.00", "Year-end,,3000,150,USD,12,1,1079.00", "Весна,ru,200,20,EUR,2,2,240.00"]), appeals);
        Assert.Equal(Expected(Sources, [$"{ids.Year}.0.e,,1500,40,USD,3,1,80.00", $"{ids.Year}.1.t,,500,10,EUR,1,0,25.00", $"{ids.Spring}.0.e,,200,20,EUR,2,2,240.00"]), codes);
        Assert.Equal(Expected("currency,ledger_gifts,ledger_first_year_value,appeal_gifts,appeal_first_year_value,other_gifts,other_first_year_value",
            ["EUR,3,265.00,3,265.00,0,0.00", "USD,4,110.00,3,80.00,1,30.00"]), outside);
    }

    [Theory]
    [InlineData("/admin/revenue/appeals?months=7", HttpStatusCode.BadRequest, "must be one of")]
    [InlineData("/admin/revenue/appeals?months=twelve", HttpStatusCode.BadRequest, "must be one of")]
    [InlineData("/admin/revenue/sources?months=99999999999999999999", HttpStatusCode.BadRequest, "must be one of")]
    [InlineData("/admin/revenue/appeals/funnel.csv?months=-1", HttpStatusCode.BadRequest, "must be one of these numbers of months: 1, 3, 6, 12, 24")]
    [InlineData("/admin/revenue/appeals/everything.csv", HttpStatusCode.NotFound, "There is no series “everything”; the series are: funnel, appeals.")]
    [InlineData("/admin/revenue/sources/appeals.csv", HttpStatusCode.NotFound, "the series are: placements, campaign-codes, editions, outside-appeals")]
    public async Task Bad_input_is_refused_with_a_reason_and_never_a_server_error(string url, HttpStatusCode status, string reason)
    {
        using var admin = await factory.SignedInAdminAsync();

        using var response = await admin.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_editor_opens_the_appeals_page_but_neither_the_dashboard_nor_the_sources_and_a_writer_none()
    {
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        using var writer = await EditorDesk.SignedInAsAsync(factory, StaffRole.Writer);

        using var appeals = await editor.GetAsync(new Uri("/admin/revenue/appeals", UriKind.Relative));
        using var csv = await editor.GetAsync(new Uri("/admin/revenue/appeals/funnel.csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, appeals.StatusCode);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        foreach (var (client, url) in new[] { (editor, "/admin/revenue"), (editor, "/admin/revenue/sources"), (editor, "/admin/revenue/sources/editions.csv"), (writer, "/admin/revenue/appeals"), (writer, "/admin/revenue/appeals/funnel.csv") })
        {
            using var refused = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/admin/denied", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        var links = (await factory.GetPageAsync(editor, "/admin")).QuerySelectorAll(".admin-bar nav a").Select(a => a.GetAttribute("href"));
        Assert.Contains("/admin/revenue/appeals", links);
        Assert.DoesNotContain("/admin/revenue/sources", (await factory.GetPageAsync(editor, "/admin/revenue/appeals")).QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task The_dashboard_links_to_both_pages()
    {
        using var admin = await factory.SignedInAdminAsync();

        var links = (await factory.GetPageAsync(admin, "/admin/revenue")).QuerySelectorAll(".admin-heading a").Select(a => a.GetAttribute("href"));

        Assert.Contains("/admin/revenue/appeals", links);
        Assert.Contains("/admin/revenue/sources", links);
    }

    [Fact]
    public async Task A_gift_through_an_appeal_shows_on_the_editors_page_without_the_supporters_name_or_address()
    {
        await using var own = factory.Fresh();
        var id = await own.WithDbAsync(async db =>
        {
            var appeal = db.Appeals.Add(NewAppeal("Autumn", "")).Entity;
            await db.SaveChangesAsync();
            return appeal.Id;
        });
        using var reader = own.CreateBrowserClient();
        const string Email = "named.giver@example.org", Name = "Ottilie Quackenbush";
        using var submitted = await own.PostFormAsync(reader, "/support", new Dictionary<string, string>
        {
            ["Form.Frequency"] = "Monthly", ["Form.Currency"] = "USD", ["Form.Amount"] = "other", ["Form.OtherAmount"] = "5",
            ["Form.Email"] = Email, ["Form.Name"] = Name, ["Form.Anonymous"] = "false", ["Form.Campaign"] = $"{id}.0.e",
        });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var paymentPage = submitted.Headers.Location!.PathAndQuery;
        using (var paid = await own.PostFormAsync(reader, paymentPage, [], paymentPage + "?handler=Pay"))
        {
            Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        }

        using var editor = await EditorDesk.SignedInAsAsync(own, StaffRole.Editor);
        using var response = await editor.GetAsync(new Uri("/admin/revenue/appeals", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var page = await own.GetPageAsync(editor, "/admin/revenue/appeals");

        Assert.Equal(["Autumn (Main edition)", "0 → 0 (–)", "1 (–), 1 recurring", "$60"], Table(page, "by-appeal")[0]);
        Assert.DoesNotContain(Email, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("named.giver", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Name, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Quackenbush", await (await editor.GetAsync(new Uri("/admin/revenue/appeals/appeals.csv", UriKind.Relative))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_tallies_get_a_sentence_instead_of_empty_charts()
    {
        await using var own = factory.Fresh();
        using var editor = await EditorDesk.SignedInAsAsync(own, StaffRole.Editor);

        var page = await own.GetPageAsync(editor, "/admin/revenue/appeals");

        Assert.Empty(page.QuerySelectorAll("svg"));
        Assert.Equal("The appeals counted nothing in this period.", page.QuerySelector("p.empty")!.TextContent);
    }

    [Fact]
    public async Task An_editor_who_chose_Russian_reads_the_page_in_Russian()
    {
        var (own, _) = await SeededAsync();
        await using var _own = own;
        using var editor = await EditorDesk.SignedInAsAsync(own, StaffRole.Editor);
        using var chosen = await own.PostFormAsync(editor, "/admin/account/sessions", new Dictionary<string, string> { ["language"] = StaffLanguages.Russian }, "/admin/account/sessions/Language");
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);

        var page = await own.GetPageAsync(editor, "/admin/revenue/appeals");

        Assert.Equal("Что принесли призывы", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Year-end (Основная версия)", Table(page, "by-appeal")[0][0]);
        Assert.StartsWith("окт", Table(page, "chart-funnel-table")[10][0], StringComparison.Ordinal);
    }

    private async Task<(AngleSharp.Html.Dom.IHtmlDocument Page, (int Year, int Spring) Ids)> SeededPageAsync(StaffRole role, string url)
    {
        var (own, ids) = await SeededAsync();
        await using (own)
        {
            using var client = await EditorDesk.SignedInAsAsync(own, role);
            return (await own.GetPageAsync(client, url), ids);
        }
    }

    private static Appeal NewAppeal(string name, string edition) =>
        new() { Name = name, Edition = edition, BodyMarkdown = name, BodyHtml = $"<p>{name}</p>", UpdatedAt = DateTimeOffset.UnixEpoch };

    private static List<string[]> Table(AngleSharp.Dom.IParentNode page, string id) =>
        [.. page.QuerySelectorAll($"#{id} tbody tr").Select(tr => tr.Children.Select(cell => cell.TextContent.Trim()).ToArray())];

    private static async Task<string> CsvAsync(HttpClient client, string url, string fileName)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition!.FileName);
        return (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
    }

    private static string Expected(string header, IEnumerable<string> rows) => new StringBuilder(header + "\r\n").AppendJoin("", rows.Select(r => r + "\r\n")).ToString();

    /// <summary>
    /// "Year-end" (main edition) after the article and, as its test's version 1, in the top banner; "Весна" (ru) after
    /// the article. The hour starting 22:00 UTC on 31 October is midnight in Riga, so it counts in November. A year-old
    /// tally falls outside the default twelve months. The ledger holds the gifts the tallies counted, a $30 gift that
    /// came through no appeal, renewals (not new gifts) and an older gift outside the period.
    /// </summary>
    private async Task<(MastheadFactory Own, (int Year, int Spring) Ids)> SeededAsync()
    {
        var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:TimeZone"] = "Europe/Riga";
        var ids = await own.WithDbAsync(async db =>
        {
            var year = db.Appeals.Add(NewAppeal("Year-end", "")).Entity;
            var spring = db.Appeals.Add(NewAppeal("Весна", "ru")).Entity;
            await db.SaveChangesAsync();
            void Tally(int appeal, int variant, AppealPlacement placement, string hour, string currency = "", long shown = 0, long continued = 0, long gifts = 0, long recurring = 0, long annualised = 0) =>
                db.AppealTallies.Add(new AppealTally
                {
                    AppealId = appeal, Variant = variant, Placement = placement, Hour = DateTimeOffset.Parse(hour, CultureInfo.InvariantCulture), Currency = currency,
                    Shown = shown, Continued = continued, Conversions = gifts, Recurring = recurring, Annualised = annualised,
                });
            Tally(year.Id, 0, AppealPlacement.EndOfArticle, "2026-10-10T10:00:00Z", shown: 1000, continued: 40, currency: "");
            Tally(year.Id, 0, AppealPlacement.EndOfArticle, "2026-10-10T10:00:00Z", "USD", gifts: 3, recurring: 1, annualised: 8000);
            Tally(year.Id, 0, AppealPlacement.EndOfArticle, "2026-10-31T22:00:00Z", shown: 500);
            Tally(year.Id, 1, AppealPlacement.BannerTop, "2026-11-01T10:00:00Z", shown: 500, continued: 10);
            Tally(year.Id, 1, AppealPlacement.BannerTop, "2026-11-01T10:00:00Z", "EUR", gifts: 1, annualised: 2500);
            Tally(spring.Id, 0, AppealPlacement.EndOfArticle, "2026-09-15T10:00:00Z", shown: 200, continued: 20);
            Tally(spring.Id, 0, AppealPlacement.EndOfArticle, "2026-09-15T10:00:00Z", "EUR", gifts: 2, recurring: 2, annualised: 24_000);
            Tally(year.Id, 0, AppealPlacement.EndOfArticle, "2025-10-15T10:00:00Z", shown: 1000, continued: 100);
            Tally(year.Id, 0, AppealPlacement.EndOfArticle, "2025-10-15T10:00:00Z", "USD", gifts: 9, annualised: 99_900);

            var n = 0;
            var who = db.Supporters.Add(new Supporter { Provider = SandboxProvider.ProviderName, CustomerRef = "cus_appeal_revenue", CreatedAt = own.Clock.GetUtcNow() }).Entity;
            void Pay(string? subscription, Frequency frequency, long amount, string currency, string at, ContributionKind kind = ContributionKind.Payment) =>
                who.Contributions.Add(new Contribution
                {
                    Provider = SandboxProvider.ProviderName, ProviderRef = $"pay_appeal_{++n}", SubscriptionRef = subscription, Kind = kind, Frequency = frequency,
                    Amount = amount, Currency = currency, OccurredAt = DateTimeOffset.Parse(at, CultureInfo.InvariantCulture), RecordedAt = own.Clock.GetUtcNow(),
                });
            Pay("sub_monthly", Frequency.Monthly, 500, "USD", "2026-10-10T10:10:00Z");
            Pay("sub_monthly", Frequency.Monthly, 500, "USD", "2026-11-01T10:10:00Z");
            Pay(null, Frequency.OneTime, 1000, "USD", "2026-10-10T10:20:00Z");
            Pay(null, Frequency.OneTime, 1000, "USD", "2026-10-10T10:30:00Z");
            Pay(null, Frequency.OneTime, -1000, "USD", "2026-10-11T10:30:00Z", ContributionKind.Refund);
            Pay(null, Frequency.OneTime, 3000, "USD", "2026-08-01T10:00:00Z");
            Pay(null, Frequency.OneTime, 4000, "USD", "2025-10-01T10:00:00Z");
            Pay("sub_annual_1", Frequency.Annual, 12_000, "EUR", "2026-09-15T10:10:00Z");
            Pay("sub_annual_2", Frequency.Annual, 12_000, "EUR", "2026-09-15T10:20:00Z");
            Pay(null, Frequency.OneTime, 2500, "EUR", "2026-11-01T10:10:00Z");
            Pay("sub_annual_old", Frequency.Annual, 5000, "EUR", "2025-06-01T10:00:00Z");
            Pay("sub_annual_old", Frequency.Annual, 5000, "EUR", "2026-06-01T10:00:00Z");
            await db.SaveChangesAsync();
            return (year.Id, spring.Id);
        });
        return (own, ids);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AppealRevenueDashboardTestsOnSqlite(SqliteFactory factory) : AppealRevenueDashboardTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class AppealRevenueDashboardTestsOnPostgres(PostgresFactory factory) : AppealRevenueDashboardTests(factory);
