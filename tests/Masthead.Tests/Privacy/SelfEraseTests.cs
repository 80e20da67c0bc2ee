using System.Net;
using Masthead.Contributions;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Privacy;

/// <summary>"Erase my data" on the supporter's own page: confirmed, recurring gifts cancelled first, the ledger kept.</summary>
public abstract class SelfEraseTests(MastheadFactory factory)
{
    [Fact]
    public async Task A_supporter_erases_their_data_after_confirming_and_is_then_neither_findable_nor_reachable_by_an_old_link()
    {
        await using var own = factory.Fresh();
        using var reader = own.CreateBrowserClient();
        var email = $"erase.me.{Guid.NewGuid():N}@example.org";
        await SupportDesk.GiveAsync(own, reader, email, "6", name: "Erase Me", anonymous: false);
        using var browser = own.CreateBrowserClient(out var cookies);
        var receiptLink = await DataCareDesk.NewLinkToAsync(own, email);
        await DataCareDesk.OpenManagePageAsync(own, browser, receiptLink);
        using (await own.PostFormAsync(reader, "/support/restore", new Dictionary<string, string> { ["Input.Email"] = email }))
        {
        }

        var unusedLink = await DataCareDesk.NewLinkToAsync(own, email, [receiptLink]);

        using (var asked = await own.PostFormAsync(browser, "/support/manage", [], "/support/manage?handler=Erase"))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            var page = await Html.ParseAsync(asked);
            Assert.Equal("Erase your data?", page.QuerySelector(".erase-confirm h2")!.TextContent);
        }

        Assert.Equal(SubscriptionStatus.Active, await own.WithDbAsync(db => db.Subscriptions.Select(s => s.Status).SingleAsync()));

        using (var erased = await own.PostFormAsync(browser, "/support/manage", [new("confirm", "true")], "/support/manage?handler=Erase"))
        {
            Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
            var page = await Html.ParseAsync(erased);
            Assert.Contains("Your data is erased", page.QuerySelector(".erased")!.TextContent);
            Assert.Contains("What we kept: the amount, currency and date of each payment", page.QuerySelector(".erased")!.TextContent);
        }

        Assert.Equal(SubscriptionStatus.Canceled, await own.WithDbAsync(db => db.Subscriptions.Select(s => s.Status).SingleAsync()));
        var supporter = await own.WithDbAsync(db => db.Supporters.SingleAsync());
        Assert.Null(supporter.EmailProtected);
        Assert.Null(supporter.EmailHash);
        Assert.Null(supporter.Name);
        Assert.Equal(600, await own.WithDbAsync(db => db.Contributions.SumAsync(c => c.Amount)));
        Assert.Equal(0, await own.WithDbAsync(db => db.Checkouts.CountAsync(c => c.EmailProtected != "" || c.Name != null)));
        Assert.Equal(0, await own.WithDbAsync(db => db.MagicLinks.CountAsync()));

        // The page is closed to this browser, the old link opens nothing, and the address is not known any more.
        Assert.Null(cookies[ManageSession.CookieName]);
        using (var manage = await browser.GetAsync(new Uri("/support/manage", UriKind.Relative)))
        {
            Assert.Equal("/support/restore", manage.Headers.Location!.OriginalString);
        }

        using (var old = await browser.GetAsync(new Uri(unusedLink, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
        }

        using (await own.PostFormAsync(reader, "/support/restore", new Dictionary<string, string> { ["Input.Email"] = email }))
        {
        }

        Assert.Equal(2, (await DataCareDesk.LinksToAsync(own, email)).Count);
        using var admin = await own.SignedInAdminAsync();
        var search = await own.GetPageAsync(admin, "/admin/supporters?email=" + Uri.EscapeDataString(email));
        Assert.DoesNotContain("Erase Me", search.Body!.TextContent);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SelfEraseTestsOnSqlite(SqliteFactory factory) : SelfEraseTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class SelfEraseTestsOnPostgres(PostgresFactory factory) : SelfEraseTests(factory);
