using System.Net;
using Masthead.Audit;
using Masthead.Contributions;
using Masthead.Privacy;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Privacy;

/// <summary>
/// Rows that outlive their use are deleted by the hourly retention job: unfinished checkouts, used and expired magic
/// links, ended staff sessions, and audit entries past their period.
/// </summary>
public abstract class StoredDataRetentionTests(MastheadFactory factory)
{
    [Fact]
    public async Task Abandoned_and_declined_checkouts_are_deleted_a_day_after_they_were_started_and_paid_ones_are_kept()
    {
        await using var own = factory.Fresh();
        using var reader = own.CreateBrowserClient();
        var email = $"unfinished.{EditorDesk.Unique()}@example.org";
        using (var abandoned = await SupportDesk.SubmitAsync(own, reader, email, "4"))
        {
            Assert.Equal(HttpStatusCode.Redirect, abandoned.StatusCode);
        }

        using var declining = await SupportDesk.SubmitAsync(own, reader, email, "6");
        var paymentPage = declining.Headers.Location!.PathAndQuery;
        using var declined = await own.PostFormAsync(reader, paymentPage, [], $"{paymentPage}?handler=Decline");
        var retry = declined.Headers.Location!.OriginalString;
        await SupportDesk.GiveAsync(own, reader, $"paid.{EditorDesk.Unique()}@example.org", "8");

        own.Clock.Advance(TimeSpan.FromHours(23));
        await RunRetentionAsync(own);
        Assert.Equal(3, await own.WithDbAsync(db => db.Checkouts.CountAsync()));

        own.Clock.Advance(TimeSpan.FromHours(2));
        await RunRetentionAsync(own);
        Assert.Equal([CheckoutStatus.Completed], await own.WithDbAsync(db => db.Checkouts.Select(c => c.Status).ToListAsync()));

        // The retry link in the browser's history now opens an empty form.
        var page = await own.GetPageAsync(reader, retry);
        Assert.Null(page.QuerySelector(".notice-problem"));
        Assert.DoesNotContain(email.Split('@')[0], page.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Used_and_expired_magic_links_are_deleted_and_a_usable_one_is_kept()
    {
        await using var own = factory.Fresh();
        var hash = SupportDesk.HashOf(own, $"links.{EditorDesk.Unique()}@example.org");
        var usable = await own.WithDbAsync(async db =>
        {
            var links = new MagicLinks(db, own.Clock);
            var tokens = new List<string>();
            foreach (var lifetime in new[] { MagicLinks.ReceiptLifetime, MagicLinks.RequestedLifetime, MagicLinks.ReceiptLifetime })
            {
                tokens.Add((await links.IssueAsync(hash, lifetime, CancellationToken.None)).Split('/')[^1]);
            }

            Assert.Equal(hash, await links.RedeemAsync(tokens[0], CancellationToken.None));
            return tokens[2];
        });

        await RunRetentionAsync(own);
        Assert.Equal(2, await own.WithDbAsync(db => db.MagicLinks.CountAsync()));
        Assert.False(await own.WithDbAsync(db => db.MagicLinks.AnyAsync(l => l.UsedAt != null)));

        own.Clock.Advance(MagicLinks.RequestedLifetime + TimeSpan.FromMinutes(1));
        await RunRetentionAsync(own);
        Assert.Equal(1, await own.WithDbAsync(db => db.MagicLinks.CountAsync()));
        Assert.True(await own.WithDbAsync(db => new MagicLinks(db, own.Clock).IsUsableAsync(usable, CancellationToken.None)));
    }

    [Fact]
    public async Task A_staff_session_past_the_cookie_s_lifetime_is_deleted_and_the_live_one_keeps_working()
    {
        await using var own = factory.Fresh();
        using var admin = await own.SignedInAdminAsync();
        var now = own.Clock.GetUtcNow();
        var live = await own.WithDbAsync(db => db.StaffSessions.Select(s => s.Id).ToListAsync());
        var stale = await own.WithDbAsync(async db =>
        {
            var session = new StaffSession
            {
                StaffMemberId = await db.Staff.Select(s => s.Id).SingleAsync(), CreatedAt = now.AddDays(-2),
                LastSeenAt = now - StaffSession.CookieLifetime - StaffSession.LastSeenPrecision - TimeSpan.FromMinutes(1),
            };
            db.StaffSessions.Add(session);
            await db.SaveChangesAsync();
            return session.Id;
        });

        await RunRetentionAsync(own);

        var left = await own.WithDbAsync(db => db.StaffSessions.Select(s => s.Id).ToListAsync());
        Assert.NotEmpty(live);
        Assert.Equal(live.Order(), left.Order());
        Assert.DoesNotContain(stale, left);
        Assert.NotNull((await own.GetPageAsync(admin, "/admin")).QuerySelector("h1"));
    }

    [Fact]
    public async Task Audit_entries_are_kept_for_two_years_and_deleted_after()
    {
        await using var own = factory.Fresh();
        var now = own.Clock.GetUtcNow();
        await own.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry { At = now.AddDays(-730).AddHours(-1), Action = AuditActions.SignIn, Target = "older" });
            db.AuditEntries.Add(new AuditEntry { At = now.AddDays(-730).AddHours(1), Action = AuditActions.SignIn, Target = "younger" });
            await db.SaveChangesAsync();
        });

        await RunRetentionAsync(own);
        Assert.Equal(["younger"], await own.WithDbAsync(db => db.AuditEntries.Where(e => e.Target == "younger" || e.Target == "older").Select(e => e.Target).ToListAsync()));

        own.Clock.Advance(TimeSpan.FromHours(2));
        await RunRetentionAsync(own);
        Assert.Equal(0, await own.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Target == "younger")));
    }

    private static Task<Retention.Result> RunRetentionAsync(MastheadFactory own) => DataCareDesk.RunRetentionAsync(own);
}

[Collection(SqliteCollection.Name)]
public sealed class StoredDataRetentionTestsOnSqlite(SqliteFactory factory) : StoredDataRetentionTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class StoredDataRetentionTestsOnPostgres(PostgresFactory factory) : StoredDataRetentionTests(factory);
