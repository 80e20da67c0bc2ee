using System.Globalization;
using Masthead.Newsletters;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Newsletters;

/// <summary>
/// The send queue at volume, through a real SMTP server on loopback: each receiving domain at its own rate on the
/// injected clock, one connection per domain batch, and five thousand readers each sent the issue exactly once.
/// </summary>
public abstract class SendingAtVolumeTests(MastheadFactory factory)
{
    [Fact]
    public async Task A_domain_at_its_rate_waits_for_the_next_minute_while_the_other_domains_are_all_sent()
    {
        await using var smtp = new RefusingSmtpServer();
        await using var own = Sending(factory, smtp);
        own.Settings["Masthead:Newsletters:DomainRates:Domains:slow.test"] = "3";
        var (list, _) = await NewsletterDesk.ListsAsync(own);
        var readers = Enumerable.Range(0, 5).SelectMany(i => new[] { $"r{i}@slow.test", $"r{i}@quick.test", $"r{i}@other.test" })
            .Where(a => !a.StartsWith("r4@", StringComparison.Ordinal) || a.EndsWith("@slow.test", StringComparison.Ordinal)).ToList();
        await NewsletterDesk.ReadersAsync(own, list, readers);
        var issue = await NewsletterDesk.IssueAsync(own, list);

        await NewsletterDesk.SendQueueAsync(own);

        Assert.Equal(3, Received(smtp, "slow.test"));
        Assert.Equal(4, Received(smtp, "quick.test"));
        Assert.Equal(4, Received(smtp, "other.test"));
        Assert.All(smtp.Received.Values, count => Assert.Equal(1, count));
        var waiting = await own.WithDbAsync(db => db.NewsletterDeliveries.Where(d => d.Status == DeliveryStatus.Queued).Select(d => d.NextAttemptAt).ToListAsync());
        Assert.Equal([MastheadFactory.StartTime + DeliveryClaims.Window, MastheadFactory.StartTime + DeliveryClaims.Window], waiting);

        // Still within the minute: nothing more for the slow domain.
        own.Clock.Advance(TimeSpan.FromSeconds(59));
        await NewsletterDesk.SendQueueAsync(own);
        Assert.Equal(3, Received(smtp, "slow.test"));

        own.Clock.Advance(TimeSpan.FromSeconds(1));
        await NewsletterDesk.SendQueueAsync(own);

        Assert.Equal(readers.Order(StringComparer.Ordinal), smtp.Received.Keys.Order(StringComparer.Ordinal));
        Assert.All(smtp.Received.Values, count => Assert.Equal(1, count));
        Assert.All(smtp.DomainsByConnection, domains => Assert.Single(domains));
        Assert.Equal(IssueStatus.Sent, await own.WithDbAsync(db => db.NewsletterIssues.Where(i => i.Id == issue).Select(i => i.Status).SingleAsync()));
    }

    [Fact]
    public async Task Five_thousand_readers_each_receive_the_issue_exactly_once()
    {
        const int Readers = 5_000;
        await using var smtp = new RefusingSmtpServer();
        await using var own = Sending(factory, smtp);
        var (list, _) = await NewsletterDesk.ListsAsync(own);
        var readers = Enumerable.Range(0, Readers).Select(i => string.Create(CultureInfo.InvariantCulture, $"reader{i}@domain{i % 7}.test")).ToList();
        await NewsletterDesk.ReadersAsync(own, list, readers);
        var issue = await NewsletterDesk.IssueAsync(own, list);

        await NewsletterDesk.SendQueueAsync(own);

        Assert.Equal(Readers, smtp.Taken);
        Assert.Equal(Readers, smtp.Received.Count);
        Assert.Equal(readers.Order(StringComparer.Ordinal), smtp.Received.Keys.Order(StringComparer.Ordinal));
        Assert.All(smtp.Received.Values, count => Assert.Equal(1, count));
        Assert.All(smtp.DomainsByConnection, domains => Assert.Single(domains));
        Assert.Equal(Readers, await own.WithDbAsync(db => db.NewsletterDeliveries.CountAsync(d => d.IssueId == issue && d.Status == DeliveryStatus.Sent)));
        Assert.Equal(IssueStatus.Sent, await own.WithDbAsync(db => db.NewsletterIssues.Where(i => i.Id == issue).Select(i => i.Status).SingleAsync()));
    }

    /// <summary>A factory of its own (its clock is moved) sending to <paramref name="smtp"/>.</summary>
    internal static MastheadFactory Sending(MastheadFactory factory, RefusingSmtpServer smtp)
    {
        var own = factory.Fresh();
        own.Settings["Masthead:Email:Smtp:Host"] = "127.0.0.1";
        own.Settings["Masthead:Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture);
        own.Settings["Masthead:Email:Smtp:UseStartTls"] = "false";
        return own;
    }

    private static int Received(RefusingSmtpServer smtp, string domain) =>
        smtp.Received.Where(r => r.Key.EndsWith("@" + domain, StringComparison.OrdinalIgnoreCase)).Sum(r => r.Value);
}

[Collection(SqliteCollection.Name)]
public sealed class SendingAtVolumeTestsOnSqlite(SqliteFactory factory) : SendingAtVolumeTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class SendingAtVolumeTestsOnPostgres(PostgresFactory factory) : SendingAtVolumeTests(factory);
