using Masthead.Contributions;
using Masthead.Email;
using Masthead.Tests.Articles;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Email;

/// <summary>
/// Mail that forms and payments cause is sent by the mail job, never inside the request: with the mail server hung,
/// "Already a supporter?" answers at once and alike for a supporter and a stranger, and a receipt counts as sent only
/// once the server took it.
/// </summary>
public abstract class QueuedMailTests(MastheadFactory factory)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Asking_for_a_link_answers_while_the_mail_server_hangs_alike_for_a_supporter_and_a_stranger_and_only_the_supporter_gets_mail()
    {
        await using var smtp = new StalledSmtpServer();
        await using var own = SendingThrough(smtp);

        var supporter = $"known-{EditorDesk.Unique()}@example.org";
        var hash = SupportDesk.HashOf(own, supporter);
        await own.WithDbAsync(async db =>
        {
            db.Supporters.Add(new Supporter { Provider = "sandbox", CustomerRef = "cus_" + EditorDesk.Unique(), EmailHash = hash, CreatedAt = own.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        var stranger = $"stranger-{EditorDesk.Unique()}@example.org";
        using var reader = own.CreateBrowserClient();

        var answers = new List<string>();
        foreach (var address in new[] { supporter, stranger })
        {
            using var asked = await own.PostFormAsync(reader, "/support/restore", new Dictionary<string, string> { ["Input.Email"] = address });
            Assert.Equal(System.Net.HttpStatusCode.OK, asked.StatusCode);
            var page = await Html.ParseAsync(asked);
            answers.Add(page.QuerySelector("main")!.TextContent.Replace(address, "ADDRESS", StringComparison.Ordinal));
        }

        // Both answered while the mail job, woken by the first, is still waiting for the hung server's greeting.
        await Eventually(() => smtp.Connections > 0, "the mail job never reached the mail server");
        Assert.Empty(smtp.Messages);
        Assert.Equal(answers[0], answers[1]);

        smtp.Release();
        await Eventually(() => smtp.Messages.Count > 0 && own.WithDb(db => !db.LinkRequests.Any()), "no link was sent once the mail server answered");
        var message = Assert.Single(smtp.Messages);
        Assert.Contains(supporter, message, StringComparison.Ordinal);
        Assert.Contains("/support/link/", message, StringComparison.Ordinal);
        Assert.DoesNotContain(smtp.Messages, m => m.Contains(stranger, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_receipt_is_marked_sent_only_once_the_mail_server_took_it_and_a_crashed_send_goes_out_again_once()
    {
        await using var smtp = new StalledSmtpServer();
        await using var own = SendingThrough(smtp);

        using var reader = own.CreateBrowserClient();
        var email = $"receipt-{EditorDesk.Unique()}@example.org";
        await SupportDesk.GiveAsync(own, reader, email, "5");
        await Eventually(() => smtp.Connections > 0, "the receipt was never sent to the mail server");

        // The mail server holds the receipt: not yet sent, and so it must not be marked sent.
        Assert.Null(await own.WithDbAsync(db => db.Checkouts.Select(c => c.ReceiptSentAt).SingleAsync()));

        smtp.Release();
        await Eventually(() => own.WithDb(db => db.Checkouts.Single().ReceiptSentAt != null), "the receipt was never marked sent");
        Assert.Single(smtp.Messages);

        // A node that crashed mid-send leaves its claim and no mark: once the claim is old, the receipt goes out again, once.
        await own.WithDbAsync(db => db.Checkouts.ExecuteUpdateAsync(c => c
            .SetProperty(x => x.ReceiptSentAt, (DateTimeOffset?)null).SetProperty(x => x.ReceiptSendingSince, own.Clock.GetUtcNow())));
        await own.SendMailAsync();
        Assert.Single(smtp.Messages);

        own.Clock.Advance(MailClaims.Timeout + TimeSpan.FromMinutes(1));
        await own.SendMailAsync();
        Assert.Equal(2, smtp.Messages.Count);
        Assert.NotNull(await own.WithDbAsync(db => db.Checkouts.Select(c => c.ReceiptSentAt).SingleAsync()));
        await own.SendMailAsync();
        Assert.Equal(2, smtp.Messages.Count);
    }

    private MastheadFactory SendingThrough(StalledSmtpServer smtp)
    {
        var own = factory.Fresh();
        foreach (var (key, value) in smtp.Settings())
        {
            own.Settings[key] = value;
        }

        return own;
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Bound, what);
            await Task.Delay(50);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class QueuedMailTestsOnSqlite(SqliteFactory factory) : QueuedMailTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class QueuedMailTestsOnPostgres(PostgresFactory factory) : QueuedMailTests(factory);
