using System.Net;
using Masthead.Tests.Appeals;
using Masthead.Contributions;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Contributions;

/// <summary>
/// A pass that ends: it hides appeals through the paid period and a week's grace, the reader script renews it weekly
/// while the support continues, and cancelling, erasure or a lapse stop every copy of it at the end of its period.
/// </summary>
public abstract class SupporterPassTests(MastheadFactory factory)
{
    [Fact]
    public async Task A_one_time_gift_s_pass_hides_appeals_for_a_year_and_a_week_and_not_after()
    {
        await using var own = factory.Fresh();
        var article = await AppealTests.PublishAsync(own, sensitive: false);
        using var supporter = own.CreateBrowserClient(out var cookies);
        await SupportDesk.GiveAsync(own, supporter, "once@example.org", "10", "OneTime");
        var ends = PassDesk.EndsOf(cookies);
        Assert.Equal(MastheadFactory.StartTime.AddYears(1) + SupporterPass.Grace, ends);
        Assert.False(await PassDesk.AppealShownAsync(own, supporter, article));

        own.Clock.SetUtcNow(ends.AddMinutes(-1));
        Assert.False(await PassDesk.AppealShownAsync(own, supporter, article));
        own.Clock.SetUtcNow(ends.AddMinutes(1));
        Assert.True(await PassDesk.AppealShownAsync(own, supporter, article));

        // Nothing paid for now: the renewal is refused and the token forgotten.
        await PassDesk.RenewExpectingAsync(supporter, HttpStatusCode.Gone);
        Assert.Equal(0, await own.WithDbAsync(db => db.SupporterPassTokens.CountAsync()));
    }

    [Fact]
    public async Task Weekly_renewals_carry_the_pass_on_for_months_while_the_subscription_runs_each_with_a_fresh_token()
    {
        await using var own = factory.Fresh();
        var article = await AppealTests.PublishAsync(own, sensitive: false);
        using var supporter = own.CreateBrowserClient(out var cookies);
        await SupportDesk.GiveAsync(own, supporter, "monthly@example.org", "2");
        Assert.Equal(MastheadFactory.StartTime.AddMonths(1) + SupporterPass.Grace, PassDesk.EndsOf(cookies));

        // The server's own rule, whatever a script does: not again within the week.
        var first = cookies[SupporterPass.CookieName];
        await PassDesk.RenewExpectingAsync(supporter, HttpStatusCode.TooManyRequests);
        Assert.Equal(first, cookies[SupporterPass.CookieName]);

        var tokens = new HashSet<string>(StringComparer.Ordinal) { PassDesk.TokenOf(own, first!) };
        for (var week = 1; week <= 20; week++)
        {
            own.Clock.Advance(SupporterPass.RenewalInterval);
            await PassDesk.RunRenewalsAsync(own);
            await PassDesk.RenewExpectingAsync(supporter, HttpStatusCode.NoContent);
            Assert.True(tokens.Add(PassDesk.TokenOf(own, cookies[SupporterPass.CookieName]!)), $"week {week}: the token was not rotated");
            Assert.True(PassDesk.EndsOf(cookies) > own.Clock.GetUtcNow() + SupporterPass.Grace, $"week {week}: the pass ends at {PassDesk.EndsOf(cookies)}");
            await PassDesk.RenewExpectingAsync(supporter, HttpStatusCode.TooManyRequests);
        }

        Assert.False(await PassDesk.AppealShownAsync(own, supporter, article));
        var lastPayment = await own.WithDbAsync(db => db.Contributions.MaxAsync(c => c.OccurredAt));
        Assert.Equal(lastPayment.AddMonths(1) + SupporterPass.Grace, PassDesk.EndsOf(cookies));
        Assert.True(lastPayment >= MastheadFactory.StartTime.AddMonths(4));
        Assert.Equal(1, await own.WithDbAsync(db => db.SupporterPassTokens.CountAsync()));
    }

    [Fact]
    public async Task After_cancel_no_copy_of_the_pass_is_renewed_and_a_stolen_one_stops_hiding_appeals_when_the_period_ends()
    {
        await using var own = factory.Fresh();
        var article = await AppealTests.PublishAsync(own, sensitive: false);
        using var supporter = own.CreateBrowserClient(out var cookies);
        await SupportDesk.GiveAsync(own, supporter, "cancels@example.org", "2");
        using var thief = own.CreateBrowserClient(out var stolen);
        PassDesk.Copy(cookies, stolen);
        Assert.False(await PassDesk.AppealShownAsync(own, thief, article));

        own.Clock.Advance(TimeSpan.FromDays(8));
        await PassDesk.OpenManagePageAsync(own, supporter, "cancels@example.org");
        await PassDesk.CancelAsync(own, supporter);
        Assert.Equal(0, await own.WithDbAsync(db => db.SupporterPassTokens.CountAsync()));

        await PassDesk.RenewExpectingAsync(thief, HttpStatusCode.Gone);
        var paidThrough = MastheadFactory.StartTime.AddMonths(1);
        var ends = paidThrough + SupporterPass.Grace;
        Assert.Equal(ends, PassDesk.EndsOf(stolen));
        foreach (var client in new[] { supporter, thief })
        {
            Assert.False(await PassDesk.AppealShownAsync(own, client, article));
        }

        // The browser that cancelled got a pass that ends with what was paid for, no grace: no payment is coming.
        Assert.Equal(paidThrough, PassDesk.EndsOf(cookies));
        Assert.Equal(0, await own.WithDbAsync(db => db.SupporterPassTokens.CountAsync()));
        own.Clock.SetUtcNow(paidThrough.AddMinutes(1));
        Assert.True(await PassDesk.AppealShownAsync(own, supporter, article));
        Assert.False(await PassDesk.AppealShownAsync(own, thief, article));

        own.Clock.SetUtcNow(ends.AddMinutes(1));
        foreach (var client in new[] { supporter, thief })
        {
            await PassDesk.RenewExpectingAsync(client, HttpStatusCode.Gone);
            Assert.True(await PassDesk.AppealShownAsync(own, client, article));
        }
    }

    [Fact]
    public async Task After_erasure_a_pass_that_renewed_before_is_refused()
    {
        await using var own = factory.Fresh();
        using var supporter = own.CreateBrowserClient();
        await SupportDesk.GiveAsync(own, supporter, "erases@example.org", "10", "OneTime");
        using var other = own.CreateBrowserClient(out var otherCookies);
        await PassDesk.OpenManagePageAsync(own, other, "erases@example.org");
        own.Clock.Advance(TimeSpan.FromDays(8));
        await PassDesk.RenewExpectingAsync(other, HttpStatusCode.NoContent);

        await PassDesk.OpenManagePageAsync(own, supporter, "erases@example.org");
        using (var erased = await own.PostFormAsync(supporter, "/support/manage", [new("confirm", "true")], "/support/manage?handler=Erase"))
        {
            Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        }

        Assert.Equal(0, await own.WithDbAsync(db => db.SupporterPassTokens.CountAsync()));
        own.Clock.Advance(TimeSpan.FromDays(8));
        await PassDesk.RenewExpectingAsync(other, HttpStatusCode.Gone);
        await PassDesk.RenewExpectingAsync(supporter, HttpStatusCode.Gone);
        Assert.NotNull(otherCookies[SupporterPass.CookieName]);
    }

    [Fact]
    public async Task A_payment_failing_past_the_paid_period_revokes_the_pass_but_a_failure_within_it_does_not()
    {
        await using var own = factory.Fresh();
        var article = await AppealTests.PublishAsync(own, sensitive: false);
        using var supporter = own.CreateBrowserClient(out var cookies);
        await SupportDesk.GiveAsync(own, supporter, "lapses@example.org", "2");

        // A failure on the day before the renewal (the card expired): past due, but paid through the month.
        own.Clock.Advance(TimeSpan.FromDays(29));
        await PassDesk.ReportAsync(own, "invoice.payment_failed");
        await PassDesk.RenewExpectingAsync(supporter, HttpStatusCode.NoContent);
        Assert.Equal(1, await own.WithDbAsync(db => db.SupporterPassTokens.CountAsync()));

        // The provider's last retry fails after the month and its grace: lapsed.
        own.Clock.SetUtcNow(PassDesk.EndsOf(cookies).AddDays(1));
        await PassDesk.ReportAsync(own, "invoice.payment_failed");
        Assert.Equal(0, await own.WithDbAsync(db => db.SupporterPassTokens.CountAsync()));
        await PassDesk.RenewExpectingAsync(supporter, HttpStatusCode.Gone);
        Assert.True(await PassDesk.AppealShownAsync(own, supporter, article));
    }

    [Fact]
    public async Task A_subscription_the_provider_ends_revokes_the_pass_which_still_hides_appeals_until_its_period_ends()
    {
        await using var own = factory.Fresh();
        var article = await AppealTests.PublishAsync(own, sensitive: false);
        using var supporter = own.CreateBrowserClient(out var cookies);
        await SupportDesk.GiveAsync(own, supporter, "ended@example.org", "2");

        own.Clock.Advance(TimeSpan.FromDays(10));
        await PassDesk.ReportAsync(own, "subscription.updated", SubscriptionStatus.Canceled);
        await PassDesk.RenewExpectingAsync(supporter, HttpStatusCode.Gone);
        Assert.False(await PassDesk.AppealShownAsync(own, supporter, article));
        own.Clock.SetUtcNow(PassDesk.EndsOf(cookies).AddMinutes(1));
        Assert.True(await PassDesk.AppealShownAsync(own, supporter, article));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SupporterPassTestsOnSqlite(SqliteFactory factory) : SupporterPassTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class SupporterPassTestsOnPostgres(PostgresFactory factory) : SupporterPassTests(factory);
