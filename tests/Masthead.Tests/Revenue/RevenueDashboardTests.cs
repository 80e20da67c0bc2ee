using System.Globalization;
using System.Net;
using System.Text;
using Masthead.Contributions;
using Masthead.Payments.Sandbox;
using Masthead.Staff;
using Masthead.Tests.Admin;
using Masthead.Tests.Articles;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Revenue;

/// <summary>
/// /admin/revenue through the real host, on a ledger of known history in a newsroom on Riga time (UTC+2, +3 in
/// summer). The clock stands at <see cref="MastheadFactory.StartTime"/>, 2 November 2026: the months are December
/// 2024 to November 2026.
/// </summary>
public abstract class RevenueDashboardTests(MastheadFactory factory)
{
    private const string Zone = "Europe/Riga";

    [Fact]
    public async Task An_admin_sees_a_chart_and_a_table_of_its_figures_for_each_series()
    {
        await using var own = await SeededAsync();
        using var admin = await own.SignedInAdminAsync();

        using var response = await admin.GetAsync(new Uri("/admin/revenue", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var charts = page.QuerySelectorAll("svg.chart");
        Assert.Equal(["chart-mrr-eur", "chart-mrr-usd", "chart-supporters", "chart-churn", "chart-one-time-eur", "chart-one-time-usd"],
            charts.Select(c => c.GetAttribute("aria-labelledby")![..^"-title".Length]));
        Assert.All(charts, chart => Assert.False(string.IsNullOrWhiteSpace(page.GetElementById(chart.GetAttribute("aria-labelledby")!)?.TextContent)));
        Assert.Equal("Monthly recurring revenue in USD", page.GetElementById("chart-mrr-usd-title")!.TextContent);

        var usd = Table(page, "chart-mrr-usd-table");
        Assert.Equal(24, usd.Count);
        Assert.Equal(["Dec 2024", "$0"], usd[0]);
        Assert.Equal(["Sep 2026", "$5"], usd[21]);
        Assert.Equal(["Oct 2026", "$8"], usd[22]);
        Assert.Equal(["Nov 2026 (so far)", "$3"], usd[23]);
        var eur = Table(page, "chart-mrr-eur-table");
        Assert.Equal(["Dec 2025", "€0"], eur[12]);
        Assert.All(eur.Skip(13), row => Assert.Equal("€10", row[1]));

        var supporters = Table(page, "chart-supporters-table");
        Assert.Equal(["Jan 2026", "1", "0", "0"], supporters[13]);
        Assert.Equal(["Sep 2026", "1", "0", "1"], supporters[21]);
        Assert.Equal(["Oct 2026", "1", "1", "2"], supporters[22]);
        Assert.Equal(["Nov 2026 (so far)", "0", "0", "2"], supporters[23]);
        var churn = Table(page, "chart-churn-table");
        Assert.Equal(["Dec 2024", "–"], churn[0]);
        Assert.Equal(["Feb 2026", "0.0%"], churn[14]);
        Assert.Equal(["Oct 2026", "50.0%"], churn[22]);

        Assert.Equal(["Oct 2026", "$25"], Table(page, "chart-one-time-usd-table")[22]);
        Assert.Equal(["Jun 2025", "€7"], Table(page, "chart-one-time-eur-table")[6]);
        Assert.Contains("a twelfth of every annual payment", page.QuerySelector("#mrr-heading + .hint")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["/admin/revenue/mrr.csv", "/admin/revenue/new-supporters.csv", "/admin/revenue/ended-supporters.csv", "/admin/revenue/churn.csv", "/admin/revenue/one-time.csv"],
            page.QuerySelectorAll("p.csv a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task The_page_carries_no_inline_style_or_script_and_the_policy_forbids_them()
    {
        await using var own = await SeededAsync();
        using var admin = await own.SignedInAdminAsync();

        using var response = await admin.GetAsync(new Uri("/admin/revenue", UriKind.Relative));

        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("style-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        var page = await Html.ParseAsync(response);
        Assert.NotEmpty(page.QuerySelectorAll("svg.chart"));
        Assert.Empty(page.QuerySelectorAll("[style], style, script:not([src])"));
    }

    [Fact]
    public async Task Each_csv_has_a_header_and_a_row_per_month_exactly()
    {
        await using var own = await SeededAsync();
        using var admin = await own.SignedInAdminAsync();
        var months = Enumerable.Range(0, 24).Select(i => new DateTime(2024, 12, 1).AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToList();

        var mrr = await CsvAsync(admin, "mrr");
        var churn = await CsvAsync(admin, "churn");
        var ended = await CsvAsync(admin, "ended-supporters");

        Assert.Equal(Expected(months.SelectMany(m => new[]
        {
            $"{m},EUR,{(string.CompareOrdinal(m, "2026-01") >= 0 ? "10.00" : "0.00")}",
            $"{m},USD,{m switch { "2026-09" => "5.00", "2026-10" => "8.00", "2026-11" => "3.00", _ => "0.00" }}",
        })), mrr);
        Assert.Equal(Expected(months.Select(m => $"{m},,{m switch { "2026-10" => "0.5000", _ when string.CompareOrdinal(m, "2026-02") >= 0 => "0.0000", _ => "" }}")), churn);
        Assert.Equal(Expected(months.Select(m => $"{m},,{(m == "2026-10" ? 1 : 0)}")), ended);
    }

    [Fact]
    public async Task A_csv_is_an_attachment_and_an_unknown_series_is_not_found()
    {
        await using var own = await SeededAsync();
        using var admin = await own.SignedInAdminAsync();

        using var response = await admin.GetAsync(new Uri("/admin/revenue/one-time.csv", UriKind.Relative));
        using var unknown = await admin.GetAsync(new Uri("/admin/revenue/everything.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("revenue-one-time-2026-11-02.csv", response.Content.Headers.ContentDisposition.FileName);
        var table = Csv.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["month", "currency", "value"], table[0]);
        Assert.Contains(["2026-10", "USD", "25.00"], table);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("There is no series “everything”; the series are: mrr, new-supporters, ended-supporters, churn, one-time.\n", await unknown.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/admin/revenue")]
    [InlineData("/admin/revenue/mrr.csv")]
    public async Task Editors_are_refused_and_nobody_signed_out_is_sent_to_sign_in(string url)
    {
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        using var anonymous = factory.CreateBrowserClient();

        using var refused = await editor.GetAsync(new Uri(url, UriKind.Relative));
        using var unknown = await anonymous.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/admin/denied", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        Assert.Contains("/admin/signin", unknown.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sees_the_revenue_link_beside_supporters_and_editors_do_not()
    {
        using var admin = await factory.SignedInAdminAsync();
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);

        var links = (await factory.GetPageAsync(admin, "/admin")).QuerySelectorAll(".admin-bar nav a").Select(a => a.GetAttribute("href")).ToList();
        var editorLinks = (await factory.GetPageAsync(editor, "/admin")).QuerySelectorAll(".admin-bar nav a").Select(a => a.GetAttribute("href"));

        Assert.Equal(links.IndexOf("/admin/supporters") + 1, links.IndexOf("/admin/revenue"));
        Assert.DoesNotContain("/admin/revenue", editorLinks);
    }

    [Fact]
    public async Task An_admin_who_chose_Russian_reads_the_dashboard_with_Russian_words_months_and_numbers()
    {
        await using var own = await SeededAsync();
        using var admin = await own.SignedInAdminAsync();
        using var chosen = await own.PostFormAsync(admin, "/admin/account/sessions", new Dictionary<string, string> { ["language"] = StaffLanguages.Russian }, "/admin/account/sessions/Language");
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);

        var page = await own.GetPageAsync(admin, "/admin/revenue");

        Assert.Equal("Выручка", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Ежемесячная регулярная выручка в USD", page.GetElementById("chart-mrr-usd-title")!.TextContent);
        var ru = CultureInfo.GetCultureInfo("ru");
        var october = Table(page, "chart-churn-table")[22];
        Assert.StartsWith("окт", october[0], StringComparison.Ordinal);
        Assert.Equal([new DateTime(2026, 10, 1).ToString("MMM yyyy", ru), 0.5m.ToString("0.0%", ru)], october);
    }

    [Fact]
    public async Task An_empty_ledger_gets_a_sentence_instead_of_empty_charts()
    {
        await using var own = factory.Fresh();
        using var admin = await own.SignedInAdminAsync();

        var page = await own.GetPageAsync(admin, "/admin/revenue");

        Assert.Empty(page.QuerySelectorAll("svg"));
        Assert.Contains("nothing to chart yet", page.QuerySelector("p.empty")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gifts_made_through_the_sandbox_show_in_the_current_month()
    {
        await using var own = factory.Fresh();
        using var reader = own.CreateBrowserClient();
        await SupportDesk.GiveAsync(own, reader, $"monthly-{EditorDesk.Unique()}@example.org", "5");
        await SupportDesk.GiveAsync(own, reader, $"once-{EditorDesk.Unique()}@example.org", "10", "OneTime");
        using var admin = await own.SignedInAdminAsync();

        var page = await own.GetPageAsync(admin, "/admin/revenue");

        Assert.Equal(["Nov 2026 (so far)", "$5"], Table(page, "chart-mrr-usd-table")[^1]);
        Assert.Equal(["Nov 2026 (so far)", "$10"], Table(page, "chart-one-time-usd-table")[^1]);
        Assert.Equal(["Nov 2026 (so far)", "1", "0", "0"], Table(page, "chart-supporters-table")[^1]);
        Assert.Equal(["Nov 2026 (so far)", "–"], Table(page, "chart-churn-table")[^1]);
    }

    private static List<string[]> Table(AngleSharp.Dom.IParentNode page, string id) =>
        [.. page.QuerySelectorAll($"#{id} tbody tr").Select(tr => tr.Children.Select(cell => cell.TextContent.Trim()).ToArray())];

    private static async Task<string> CsvAsync(HttpClient admin, string series)
    {
        using var response = await admin.GetAsync(new Uri($"/admin/revenue/{series}.csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
    }

    private static string Expected(IEnumerable<string> rows) => new StringBuilder("month,currency,value\r\n").AppendJoin("", rows.Select(r => r + "\r\n")).ToString();

    /// <summary>
    /// A monthly $5 supporter from September who cancelled on 20 October; a €120 annual one from January; a monthly $3
    /// one whose payments fall at 00:30 Riga time on 1 October and 1 November (still the month before in UTC);
    /// one-time gifts of $10 (refunded), $25 and €7.
    /// </summary>
    private async Task<MastheadFactory> SeededAsync()
    {
        var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:TimeZone"] = Zone;
        await own.WithDbAsync(async db =>
        {
            var n = 0;
            Supporter Supporter() => db.Supporters.Add(new Supporter { Provider = SandboxProvider.ProviderName, CustomerRef = $"cus_rev_{++n}", CreatedAt = own.Clock.GetUtcNow() }).Entity;
            void Subscribe(Supporter who, string reference, Frequency frequency, long amount, string currency, SubscriptionStatus status = SubscriptionStatus.Active, string? at = null) =>
                who.Subscriptions.Add(new Subscription
                {
                    Provider = SandboxProvider.ProviderName, ProviderRef = reference, Frequency = frequency, Amount = amount, Currency = currency,
                    Status = status, StatusAt = at is null ? own.Clock.GetUtcNow() : DateTimeOffset.Parse(at, CultureInfo.InvariantCulture),
                });
            void Pay(Supporter who, string? subscription, Frequency frequency, long amount, string currency, string at, ContributionKind kind = ContributionKind.Payment) =>
                who.Contributions.Add(new Contribution
                {
                    Provider = SandboxProvider.ProviderName, ProviderRef = $"pay_rev_{++n}", SubscriptionRef = subscription, Kind = kind, Frequency = frequency,
                    Amount = amount, Currency = currency, OccurredAt = DateTimeOffset.Parse(at, CultureInfo.InvariantCulture), RecordedAt = own.Clock.GetUtcNow(),
                });

            var cancelled = Supporter();
            Subscribe(cancelled, "sub_rev_a", Frequency.Monthly, 500, "USD", SubscriptionStatus.Canceled, "2026-10-20T10:00:00Z");
            Pay(cancelled, "sub_rev_a", Frequency.Monthly, 500, "USD", "2026-09-10T10:00:00Z");
            Pay(cancelled, "sub_rev_a", Frequency.Monthly, 500, "USD", "2026-10-10T10:00:00Z");
            var annual = Supporter();
            Subscribe(annual, "sub_rev_b", Frequency.Annual, 12_000, "EUR");
            Pay(annual, "sub_rev_b", Frequency.Annual, 12_000, "EUR", "2026-01-15T10:00:00Z");
            var midnight = Supporter();
            Subscribe(midnight, "sub_rev_c", Frequency.Monthly, 300, "USD");
            Pay(midnight, "sub_rev_c", Frequency.Monthly, 300, "USD", "2026-09-30T21:30:00Z");
            Pay(midnight, "sub_rev_c", Frequency.Monthly, 300, "USD", "2026-10-31T22:30:00Z");
            var once = Supporter();
            Pay(once, null, Frequency.OneTime, 1_000, "USD", "2026-10-05T10:00:00Z");
            Pay(once, null, Frequency.OneTime, -1_000, "USD", "2026-10-06T10:00:00Z", ContributionKind.Refund);
            Pay(once, null, Frequency.OneTime, 2_500, "USD", "2026-10-07T10:00:00Z");
            Pay(once, null, Frequency.OneTime, 700, "EUR", "2025-06-01T10:00:00Z");
            await db.SaveChangesAsync();
        });
        return own;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RevenueDashboardTestsOnSqlite(SqliteFactory factory) : RevenueDashboardTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class RevenueDashboardTestsOnPostgres(PostgresFactory factory) : RevenueDashboardTests(factory);
