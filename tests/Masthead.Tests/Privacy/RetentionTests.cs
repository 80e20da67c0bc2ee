using Masthead.Appeals;
using Masthead.Contributions;
using Masthead.Payments;
using Masthead.Privacy;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Privacy;

/// <summary>Personal data that is no longer needed is deleted on the app's clock, by the hourly retention job.</summary>
/// <remarks>
/// The fake clock runs every minute-timer's work once per minute it passes, so these tests move it by a day or less
/// (with short periods configured) or date the stored rows back, rather than moving it by months.
/// </remarks>
public abstract class RetentionTests(MastheadFactory factory)
{
    [Fact]
    public async Task A_reminder_never_sent_is_deleted_a_year_after_its_day()
    {
        await using var own = factory.Fresh();
        var now = own.Clock.GetUtcNow();
        await own.WithDbAsync(async db =>
        {
            // Past their day, as if the mail server had refused them all year: only the retention rule removes them.
            db.Reminders.Add(new Reminder { EmailProtected = "v1:stuck", DueAt = now.AddDays(-364), CreatedAt = now.AddDays(-400) });
            db.Reminders.Add(new Reminder { EmailProtected = "v1:stuck-longer", DueAt = now.AddDays(-366), CreatedAt = now.AddDays(-400) });
            await db.SaveChangesAsync();
        });

        await RunRetentionAsync(own);
        Assert.Equal(["v1:stuck"], await own.WithDbAsync(db => db.Reminders.Select(r => r.EmailProtected).ToListAsync()));

        own.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await RunRetentionAsync(own);
        Assert.Equal(0, await own.WithDbAsync(db => db.Reminders.CountAsync()));
    }

    [Fact]
    public async Task A_reminder_asked_for_months_ahead_is_kept_until_its_day_however_short_the_period()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:Privacy:DeleteUnsentRemindersAfterDays"] = "30";
        var now = own.Clock.GetUtcNow();
        await own.WithDbAsync(async db =>
        {
            // Asked for twelve months ago, for eleven months on: its day is next month. And one 31 days past its day.
            db.Reminders.Add(new Reminder { EmailProtected = "v1:waiting", DueAt = now.AddMonths(1), CreatedAt = now.AddMonths(-11) });
            db.Reminders.Add(new Reminder { EmailProtected = "v1:stuck", DueAt = now.AddDays(-31), CreatedAt = now.AddDays(-32) });
            await db.SaveChangesAsync();
        });

        await RunRetentionAsync(own);

        Assert.Equal(["v1:waiting"], await own.WithDbAsync(db => db.Reminders.Select(r => r.EmailProtected).ToListAsync()));
    }

    [Fact]
    public async Task A_cancelled_supporter_s_email_and_name_are_erased_after_the_period_and_the_ledger_stays()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:Privacy:EraseCanceledSupportersAfterDays"] = "1";
        using var reader = own.CreateBrowserClient();
        var leaving = $"leaving.{Guid.NewGuid():N}@example.org";
        var staying = $"staying.{Guid.NewGuid():N}@example.org";
        await SupportDesk.GiveAsync(own, reader, leaving, "7", name: "Leaving Reader", anonymous: false);
        await SupportDesk.GiveAsync(own, reader, staying, "5", name: "Staying Reader", anonymous: false);
        var leavingHash = SupportDesk.HashOf(own, leaving);
        await using (var scope = own.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Masthead.Data.MastheadDb>();
            var subscription = await db.Subscriptions.Where(s => db.Supporters.Any(p => p.Id == s.SupporterId && p.EmailHash == leavingHash)).Select(s => s.ProviderRef).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<PaymentProviders>().For("sandbox").CancelSubscriptionAsync(subscription, CancellationToken.None);
        }

        await own.ApplyPaymentEventsAsync();

        own.Clock.Advance(TimeSpan.FromHours(23));
        await RunRetentionAsync(own);
        Assert.Equal(2, await own.WithDbAsync(db => db.Supporters.CountAsync(s => s.EmailProtected != null && s.Name != null)));

        own.Clock.Advance(TimeSpan.FromHours(2));
        await RunRetentionAsync(own);
        var supporters = await own.WithDbAsync(db => db.Supporters.OrderBy(s => s.Id).ToListAsync());
        Assert.Equal(2, supporters.Count);
        var erased = supporters[0];
        Assert.Null(erased.EmailProtected);
        Assert.Null(erased.EmailHash);
        Assert.Null(erased.Name);
        Assert.True(erased.Anonymous);
        Assert.Equal("Staying Reader", own.Services.GetRequiredService<PersonalData>().Unprotect(supporters[1].Name!));
        Assert.Equal(staying, own.Services.GetRequiredService<PersonalData>().Unprotect(supporters[1].EmailProtected!));

        var checkout = await own.WithDbAsync(db => db.Checkouts.SingleAsync(c => c.SupporterId == erased.Id));
        Assert.Equal(SupporterErasure.Erased, checkout.EmailProtected);
        Assert.Equal(SupporterErasure.Erased, checkout.EmailHash);
        Assert.Null(checkout.Name);
        Assert.Equal(700, await own.WithDbAsync(db => db.Contributions.Where(c => c.SupporterId == erased.Id).SumAsync(c => c.Amount)));
        Assert.Equal(0, await own.WithDbAsync(db => db.Supporters.CountAsync(s => s.EmailHash == leavingHash)));
    }

    [Fact]
    public async Task Outbox_files_older_than_the_period_are_deleted_and_newer_ones_kept()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:Privacy:DeleteOutboxFilesAfterDays"] = "1";
        using var reader = own.CreateBrowserClient();
        await SupportDesk.GiveAsync(own, reader, $"old.{Guid.NewGuid():N}@example.org", "10", frequency: "OneTime");
        await own.SendMailAsync();
        var outbox = Path.Combine(own.DataDirectory, "outbox");
        var old = Assert.Single(Directory.GetFiles(outbox));

        own.Clock.Advance(TimeSpan.FromHours(23));
        await SupportDesk.GiveAsync(own, reader, $"new.{Guid.NewGuid():N}@example.org", "10", frequency: "OneTime");
        await own.SendMailAsync();
        own.Clock.Advance(TimeSpan.FromHours(2));
        await RunRetentionAsync(own);

        var left = Assert.Single(Directory.GetFiles(outbox));
        Assert.NotEqual(old, left);
    }

    [Fact]
    public async Task A_newsletter_sign_up_never_confirmed_is_deleted_after_the_period_and_a_confirmed_reader_is_kept()
    {
        await using var own = factory.Fresh();
        var (first, second) = await Newsletters.NewsletterDesk.ListsAsync(own);
        var now = own.Clock.GetUtcNow();
        await own.WithDbAsync(async db =>
        {
            Masthead.Newsletters.Subscriber Reader(string name, params (int List, Masthead.Newsletters.SubscriptionState State, int DaysAgo)[] lists) => new()
            {
                Edition = "en", EmailProtected = $"v1:{name}", EmailHash = name, TokenHash = name, TokenProtected = $"v1:{name}-token", CreatedAt = now.AddDays(-40),
                Subscriptions = [.. lists.Select(l => new Masthead.Newsletters.NewsletterSubscription { ListId = l.List, Status = l.State, CreatedAt = now.AddDays(-l.DaysAgo) })],
            };
            db.Subscribers.AddRange(
                Reader("never-confirmed", (first, Masthead.Newsletters.SubscriptionState.Pending, 31), (second, Masthead.Newsletters.SubscriptionState.Pending, 35)),
                Reader("asked-again-lately", (first, Masthead.Newsletters.SubscriptionState.Pending, 35), (second, Masthead.Newsletters.SubscriptionState.Pending, 29)),
                Reader("confirmed-one", (first, Masthead.Newsletters.SubscriptionState.Confirmed, 39), (second, Masthead.Newsletters.SubscriptionState.Pending, 38)));
            await db.SaveChangesAsync();
        });

        var result = await RunRetentionAsync(own);

        Assert.Equal(1, result.UnconfirmedReaders);
        Assert.Equal(["asked-again-lately", "confirmed-one"], await own.WithDbAsync(db => db.Subscribers.OrderBy(r => r.TokenHash).Select(r => r.TokenHash).ToListAsync()));
        Assert.Equal(4, await own.WithDbAsync(db => db.NewsletterSubscriptions.CountAsync()));
    }

    private static Task<Retention.Result> RunRetentionAsync(MastheadFactory own) => DataCareDesk.RunRetentionAsync(own);
}

[Collection(SqliteCollection.Name)]
public sealed class RetentionTestsOnSqlite(SqliteFactory factory) : RetentionTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class RetentionTestsOnPostgres(PostgresFactory factory) : RetentionTests(factory);
