using System.Net;
using System.Text.RegularExpressions;
using Masthead.Contributions;
using Masthead.Email;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Contributions;

/// <summary>After giving: the receipt, the magic link, and managing or cancelling — with real email through a real SMTP server.</summary>
public abstract partial class SupporterAccountTests(MastheadFactory factory) : IAsyncLifetime, IDisposable
{
    private readonly SmtpInbox _inbox = new();
    private MastheadFactory _own = null!;

    public Task InitializeAsync()
    {
        _own = factory.Fresh();
        foreach (var (key, value) in _inbox.Settings())
        {
            _own.Settings[key] = value;
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _own.DisposeAsync();

    public void Dispose()
    {
        _inbox.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<string> LinkInLatestMessageToAsync(string address)
    {
        var message = await _inbox.WaitForMessageToAsync(address);
        return LinkPattern().Match(message.TextBody ?? "").Value;
    }

    private async Task<(string Email, string Link)> GiveAndReadReceiptAsync(HttpClient reader, string amount = "2")
    {
        var email = SmtpInbox.UniqueAddress();
        await SupportDesk.GiveAsync(_own, reader, email, amount);
        var message = await _inbox.WaitForMessageToAsync(email);
        Assert.Equal("Thank you for supporting The Meridian", message.Subject);
        Assert.Contains($"${amount} a month", message.TextBody ?? "");
        return (email, LinkPattern().Match(message.TextBody ?? "").Value);
    }

    [Fact]
    public async Task The_receipt_s_link_opens_the_history_once_and_cancelling_there_ends_the_subscription()
    {
        using var reader = _own.CreateBrowserClient();
        var (_, link) = await GiveAndReadReceiptAsync(reader);
        using var fresh = _own.CreateBrowserClient(out var cookies);

        var confirm = await _own.GetPageAsync(fresh, new Uri(link).PathAndQuery);
        Assert.Equal("Manage your support", confirm.QuerySelector("h1")!.TextContent);
        using (var opened = await _own.PostFormAsync(fresh, new Uri(link).PathAndQuery, []))
        {
            Assert.Equal("/support/manage", opened.Headers.Location!.OriginalString);
        }

        Assert.NotNull(cookies[SupporterPass.CookieName]);
        var manage = await _own.GetPageAsync(fresh, "/support/manage");
        Assert.Equal("$2 a month", manage.QuerySelector(".subscription h2")!.TextContent);
        Assert.Equal("$2", manage.QuerySelector(".admin-table tbody td:nth-child(2)")!.TextContent);

        using (var cancelled = await _own.PostFormAsync(fresh, "/support/manage", [new("subscription", manage.QuerySelector("input[name=subscription]")!.GetAttribute("value")!)], "/support/manage?handler=Cancel"))
        {
            Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        }

        var after = await _own.GetPageAsync(fresh, "/support/manage");
        Assert.Contains("is cancelled", after.QuerySelector(".notice")!.TextContent);
        Assert.Equal("Cancelled", after.QuerySelector(".subscription .status")!.TextContent);
        Assert.Equal(SubscriptionStatus.Canceled, await _own.WithDbAsync(db => db.Subscriptions.Select(s => s.Status).SingleAsync()));

        using var again = await fresh.GetAsync(new Uri(new Uri(link).PathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
    }

    [Fact]
    public async Task Changing_the_amount_keeps_the_minimum()
    {
        using var reader = _own.CreateBrowserClient();
        var (_, link) = await GiveAndReadReceiptAsync(reader, "5");
        using var fresh = _own.CreateBrowserClient();
        using (await _own.PostFormAsync(fresh, new Uri(link).PathAndQuery, []))
        {
        }

        var manage = await _own.GetPageAsync(fresh, "/support/manage");
        var id = manage.QuerySelector("input[name=subscription]")!.GetAttribute("value")!;
        using (var tooSmall = await _own.PostFormAsync(fresh, "/support/manage", [new("subscription", id), new("NewAmount", "1")], "/support/manage?handler=Change"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooSmall.StatusCode);
            Assert.Contains("The smallest monthly contribution is $2.", await tooSmall.Content.ReadAsStringAsync());
        }

        using (var changed = await _own.PostFormAsync(fresh, "/support/manage", [new("subscription", id), new("NewAmount", "12")], "/support/manage?handler=Change"))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        Assert.Equal(new Money(1200, "USD"), await _own.WithDbAsync(db => db.Subscriptions.Select(s => new Money(s.Amount, s.Currency)).SingleAsync()));
    }

    [Fact]
    public async Task The_manage_page_offers_a_change_and_a_cancellation_but_no_portal_when_the_provider_has_none()
    {
        using var reader = _own.CreateBrowserClient();
        var (_, link) = await GiveAndReadReceiptAsync(reader);
        using var fresh = _own.CreateBrowserClient();
        using (await _own.PostFormAsync(fresh, new Uri(link).PathAndQuery, []))
        {
        }

        // The sandbox can change and cancel a gift but has no portal of its own (Stripe's is shown in StripeTests).
        var manage = await _own.GetPageAsync(fresh, "/support/manage");
        Assert.NotNull(manage.QuerySelector("button[formaction$='handler=Change']"));
        Assert.NotNull(manage.QuerySelector("button[formaction$='handler=Cancel']"));
        Assert.Null(manage.QuerySelector(".manage-portal"));
        using var portal = await _own.PostFormAsync(fresh, "/support/manage", [], "/support/manage?handler=Portal");
        Assert.Equal(HttpStatusCode.NotFound, portal.StatusCode);
    }

    [Fact]
    public async Task Already_a_supporter_restores_the_pass_in_a_fresh_browser_and_reveals_nothing_about_other_addresses()
    {
        using var reader = _own.CreateBrowserClient();
        var (email, _) = await GiveAndReadReceiptAsync(reader);
        using var fresh = _own.CreateBrowserClient(out var cookies);

        using (var asked = await _own.PostFormAsync(fresh, "/support/restore", new Dictionary<string, string> { ["Input.Email"] = email.ToUpperInvariant() }))
        {
            Assert.Contains("a link is on its way", await asked.Content.ReadAsStringAsync());
        }

        var stranger = SmtpInbox.UniqueAddress("stranger");
        using (var unknown = await _own.PostFormAsync(fresh, "/support/restore", new Dictionary<string, string> { ["Input.Email"] = stranger }))
        {
            Assert.Contains("a link is on its way", await unknown.Content.ReadAsStringAsync());
        }

        await _own.SendMailAsync();
        var messages = await _inbox.MessageIdsToAsync(email);
        Assert.Equal(2, messages.Count);
        var link = await LinkInLatestMessageToAsync(email);
        using (await _own.PostFormAsync(fresh, new Uri(link).PathAndQuery, []))
        {
        }

        Assert.NotNull(cookies[SupporterPass.CookieName]);
        Assert.Empty(await _inbox.MessageIdsToAsync(stranger));
    }

    [Fact]
    public async Task An_expired_or_made_up_link_opens_nothing()
    {
        using var reader = _own.CreateBrowserClient();
        var (_, link) = await GiveAndReadReceiptAsync(reader);
        _own.Clock.Advance(MagicLinks.ReceiptLifetime + TimeSpan.FromMinutes(1));
        using var fresh = _own.CreateBrowserClient(out var cookies);

        using var expired = await fresh.GetAsync(new Uri(new Uri(link).PathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        using var madeUp = await fresh.GetAsync(new Uri("/support/link/" + new string('a', 64), UriKind.Relative));
        Assert.Equal(HttpStatusCode.Gone, madeUp.StatusCode);
        using var manage = await fresh.GetAsync(new Uri("/support/manage", UriKind.Relative));
        Assert.Equal("/support/restore", manage.Headers.Location!.OriginalString);
        Assert.Null(cookies[SupporterPass.CookieName]);
    }

    [Fact]
    public async Task A_reminder_is_sent_once_on_its_day_after_a_restart_and_its_address_is_then_deleted()
    {
        using var reader = _own.CreateBrowserClient(out var cookies);
        var email = SmtpInbox.UniqueAddress("later");
        using (var scheduled = await _own.PostFormAsync(reader, "/appeal/remind?return=%2F", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.When"] = "next-month",
        }))
        {
            Assert.Contains("We will email", await scheduled.Content.ReadAsStringAsync());
        }

        Assert.NotNull(cookies["mh_snooze"]);
        var stored = await _own.WithDbAsync(db => db.Reminders.Select(r => r.EmailProtected).SingleAsync());
        Assert.DoesNotContain(email, stored);

        // A restart: a new app on the same database and data directory still knows the reminder.
        await using var restarted = _own.Restarted();
        async Task RunMailJobAsync() => await restarted.Services.GetRequiredService<MailJob>().RunOnceAsync(CancellationToken.None);
        await RunMailJobAsync();
        Assert.Empty(await _inbox.MessageIdsToAsync(email));

        restarted.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await RunMailJobAsync();
        await RunMailJobAsync();
        var message = await _inbox.WaitForMessageToAsync(email);
        Assert.Equal("A reminder from The Meridian", message.Subject);
        Assert.Contains("/support", message.TextBody ?? "");
        Assert.Single(await _inbox.MessageIdsToAsync(email));

        // The address is deleted once the send returns, which may be a moment after the message reaches the inbox
        // (the app's own mail job can be the one that sent it).
        var left = await restarted.WithDbAsync(db => db.Reminders.CountAsync());
        for (var waited = 0; left > 0 && waited < 100; waited++)
        {
            await Task.Delay(50);
            left = await restarted.WithDbAsync(db => db.Reminders.CountAsync());
        }

        Assert.Equal(0, left);
    }

    [Theory]
    [InlineData("", "Enter the email address to remind.")]
    [InlineData("nope", "That does not look like an email address.")]
    public async Task A_reminder_without_a_usable_address_is_refused_with_a_message(string email, string message)
    {
        using var reader = _own.CreateBrowserClient();
        using var response = await _own.PostFormAsync(reader, "/appeal/remind", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.When"] = "next-month" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"https?://\S+/support/link/[0-9a-f]{64}")]
    private static partial Regex LinkPattern();
}

[Collection(SqliteCollection.Name)]
public sealed class SupporterAccountTestsOnSqlite(SqliteFactory factory) : SupporterAccountTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class SupporterAccountTestsOnPostgres(PostgresFactory factory) : SupporterAccountTests(factory);
