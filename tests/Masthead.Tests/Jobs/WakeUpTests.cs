using System.Net;
using Masthead.Contributions;
using Masthead.Email;
using Masthead.Jobs;
using Masthead.Payments.Stripe;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Jobs;

/// <summary>
/// Work that should start at once does, through the whole app: the clock never moves here, so no job's interval comes
/// round, and only the wake-ups can apply a Stripe webhook's event and send the receipt it calls for.
/// </summary>
public abstract class WakeUpTests(MastheadFactory factory)
{
    [Fact]
    public async Task A_Stripe_webhook_is_applied_and_its_receipt_sent_at_once_by_the_jobs_it_wakes()
    {
        await using var stripe = await FakeStripe.StartAsync();
        await using var own = stripe.Configure(factory.Fresh());
        var jobs = own.Services.GetRequiredService<JobHost>();
        using var reader = own.CreateBrowserClient();
        var email = $"woken-{Guid.NewGuid():N}@example.org";
        using (var form = await SupportDesk.SubmitAsync(own, reader, email, "12", "OneTime"))
        {
            Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
            var sessionId = form.Headers.Location!.AbsolutePath.Split('/')[^1];
            using var webhook = own.CreateClient();
            foreach (var payload in stripe.Pay(sessionId, own.Clock.GetUtcNow()))
            {
                using var delivered = await FakeStripe.DeliverAsync(webhook, payload, own.Clock.GetUtcNow());
                Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
            }
        }

        // The receipt goes to the outbox, as no SMTP server is set; the file is complete once it names its reference line.
        var outbox = Path.Combine(own.DataDirectory, "outbox");
        await JobNode.UntilAsync(
            () => Directory.Exists(outbox) && Directory.GetFiles(outbox, "*.eml") is [var receipt] && File.ReadAllText(receipt) is var text
                && text.Contains(email, StringComparison.Ordinal) && text.Contains("Reference:", StringComparison.Ordinal),
            () => $"no receipt sent; payment events: {jobs.State(PaymentInbox.JobName)}, mail: {jobs.State(MailJob.Name)}");
        var hash = SupportDesk.HashOf(own, email);

        // Marked sent once the transport took it: a moment after the file is written.
        await JobNode.UntilAsync(
            () => own.WithDb(db => db.Checkouts.Any(c => c.EmailHash == hash && c.Status == CheckoutStatus.Completed && c.ReceiptSentAt != null)),
            () => $"receipt never marked sent; mail: {jobs.State(MailJob.Name)}");
        Assert.Equal(MastheadFactory.StartTime, own.Clock.GetUtcNow());
        Assert.Equal(0, await own.WithDbAsync(db => db.PaymentEvents.CountAsync(e => e.ProcessedAt == null)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WakeUpTestsOnSqlite(SqliteFactory factory) : WakeUpTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class WakeUpTestsOnPostgres(PostgresFactory factory) : WakeUpTests(factory);
