using Masthead.Newsletters;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsletters;

/// <summary>What a refusing mail server does to the queue: 5xx fails and suppresses the address, 4xx waits and retries; one connection per batch.</summary>
public abstract class RefusedDeliveryTests(MastheadFactory factory)
{
    [Fact]
    public async Task A_permanent_refusal_fails_and_suppresses_the_address_and_a_temporary_one_is_retried_later()
    {
        await using var smtp = new RefusingSmtpServer();
        await using var own = factory.Fresh();
        own.Settings["Masthead:Email:Smtp:Host"] = "127.0.0.1";
        own.Settings["Masthead:Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        own.Settings["Masthead:Email:Smtp:UseStartTls"] = "false";
        own.Settings["Masthead:Newsletters:SuppressAfterFailures"] = "1";
        var (list, _) = await NewsletterDesk.ListsAsync(own);
        using var reader = own.CreateBrowserClient();
        var readers = new[] { "fine@example.org", "gone@example.org", "busy@example.org" };
        foreach (var email in readers)
        {
            (await NewsletterDesk.SubscribeAsync(own, reader, email, list)).Dispose();
            (await own.PostFormAsync(reader, NewsletterPaths.Confirm(await NewsletterDesk.TokenOfAsync(own, email)), [])).Dispose();
        }

        await own.SendMailAsync();
        var before = smtp.Taken;
        await NewsletterDesk.IssueAsync(own, list);
        Assert.Equal(1, await RunAsync(own));

        // Only the message to the one reader the server accepts is taken (the mail job may open connections of its own meanwhile).
        Assert.Equal(before + 1, smtp.Taken);
        var states = await own.WithDbAsync(db => db.NewsletterDeliveries.OrderBy(d => d.SubscriberId).Select(d => new { d.Status, d.Attempts, d.NextAttemptAt, d.Error }).ToListAsync());
        Assert.Equal([DeliveryStatus.Sent, DeliveryStatus.Failed, DeliveryStatus.Queued], states.Select(s => s.Status));
        Assert.Contains("550", states[1].Error, StringComparison.Ordinal);
        Assert.True(states[2].NextAttemptAt > own.Clock.GetUtcNow());

        // Not before its back-off; then tried again.
        Assert.Equal(0, await RunAsync(own));
        own.Clock.Advance(TimeSpan.FromMinutes(3));
        await RunAsync(own);
        // At least once more: the newsletters job, running beside the test, may have tried it as well once it was due.
        Assert.True(await own.WithDbAsync(db => db.NewsletterDeliveries.Where(d => d.Status == DeliveryStatus.Queued).Select(d => d.Attempts).SingleAsync()) >= 2);

        // The next issue does not go to the address refused for good.
        var next = await NewsletterDesk.IssueAsync(own, list);
        await RunAsync(own);
        Assert.Equal(DeliveryStatus.Suppressed, await own.WithDbAsync(db => db.NewsletterDeliveries.Where(d => d.IssueId == next)
            .OrderBy(d => d.SubscriberId).Select(d => d.Status).Skip(1).FirstAsync()));
    }

    private static async Task<int> RunAsync(MastheadFactory own)
    {
        await using var scope = own.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IssueSending>().RunOnceAsync(CancellationToken.None);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RefusedDeliveryTestsOnSqlite(SqliteFactory factory) : RefusedDeliveryTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class RefusedDeliveryTestsOnPostgres(PostgresFactory factory) : RefusedDeliveryTests(factory);
