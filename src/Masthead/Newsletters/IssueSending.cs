using MailKit.Net.Smtp;
using Masthead.Articles;
using Masthead.Data;
using Masthead.Email;
using Masthead.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Newsletters;

/// <summary>
/// The <c>newsletters</c> job: puts due issues in the send queue (one <see cref="NewsletterDelivery"/> per confirmed
/// reader) and sends the queue in batches of one receiving domain, at that domain's rate, over one connection each. A
/// 4xx answer is retried with a growing back-off, a 5xx is final and counts against the address, which is suppressed
/// after <see cref="NewsletterOptions.SuppressAfterFailures"/>.
/// </summary>
public sealed class IssueSending(
    MastheadDb db, IssueMessages messages, IssueContents issueContents, PersonalData personalData, IOptions<NewsletterOptions> options,
    IOptions<EmailOptions> email, IConfiguration configuration, TimeProvider clock)
{
    public const string JobName = "newsletters";
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    public const int BatchSize = 50;
    private const int QueuePage = 1000;

    /// <summary>Temporary refusals tried this many times in all (2, 4, 8, 16 minutes apart) before the delivery fails.</summary>
    public const int MaxAttempts = 5;

    /// <summary>Queues what is due and sends the queue; returns how many messages went out.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await QueueDueIssuesAsync(cancellationToken);
        var claims = new DeliveryClaims(db, personalData, options.Value);
        var sent = 0;
        for (var domain = await claims.NextDomainAsync(clock.GetUtcNow(), cancellationToken); domain is not null;
            domain = await claims.NextDomainAsync(clock.GetUtcNow(), cancellationToken))
        {
            // Nothing claimed: the domain is at its rate (and now waits), or another node took these rows first.
            if (await claims.ClaimAsync(domain, BatchSize, clock.GetUtcNow(), cancellationToken) is { Count: > 0 } claimed)
            {
                sent += await SendBatchAsync(claimed, cancellationToken);
            }
        }

        await FinishIssuesAsync(cancellationToken);
        return sent;
    }

    private async Task QueueDueIssuesAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await db.NewsletterIssues.Where(i => i.Status == IssueStatus.Scheduled && i.SendAt <= now)
            .Select(i => new { i.Id, i.ListId, i.ArticleIds, i.IntroMarkdown }).ToListAsync(cancellationToken);
        var suppressAt = options.Value.SuppressAfterFailures;
        foreach (var issue in due)
        {
            // Every article it carried was unpublished meanwhile and it has no words of its own: nothing to send, so
            // back to the drafts, where an editor sees it, rather than an empty message to every reader.
            var ids = NewsletterIssue.IdsOf(issue.ArticleIds);
            if (ids.Count > 0 && issue.IntroMarkdown.Length == 0 && !await db.Articles.Where(ArticleQueries.VisibleAt(now)).AnyAsync(a => ids.Contains(a.Id), cancellationToken))
            {
                await db.NewsletterIssues.Where(i => i.Id == issue.Id && i.Status == IssueStatus.Scheduled)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, IssueStatus.Draft), cancellationToken);
                continue;
            }

            // The status change and the rows in one transaction: of two nodes one queues, and a crash queues nobody half.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await db.NewsletterIssues.Where(i => i.Id == issue.Id && i.Status == IssueStatus.Scheduled)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, IssueStatus.Sending), cancellationToken) == 0)
            {
                continue;
            }

            // A page of readers at a time, so a list of any length costs the memory of one page.
            for (var after = 0; ;)
            {
                var readers = await db.NewsletterSubscriptions.Where(s => s.ListId == issue.ListId && s.Status == SubscriptionState.Confirmed && s.SubscriberId > after)
                    .Join(db.Subscribers, s => s.SubscriberId, r => r.Id, (_, r) => new { r.Id, r.PermanentFailures, r.EmailProtected })
                    .OrderBy(r => r.Id).Take(QueuePage).ToListAsync(cancellationToken);
                if (readers.Count == 0)
                {
                    break;
                }

                db.NewsletterDeliveries.AddRange(readers.Select(r => new NewsletterDelivery
                {
                    IssueId = issue.Id, SubscriberId = r.Id, NextAttemptAt = now,
                    DomainHash = DeliveryClaims.DomainHashOf(personalData, personalData.TryUnprotect(r.EmailProtected)),
                    Status = r.PermanentFailures >= suppressAt ? DeliveryStatus.Suppressed : DeliveryStatus.Queued,
                }));
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                after = readers[^1].Id;
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Sends <paramref name="claimed"/> deliveries (one domain's) over one connection: how many were sent.</summary>
    private async Task<int> SendBatchAsync(List<long> claimed, CancellationToken cancellationToken)
    {
        var rows = await db.NewsletterDeliveries.Where(d => claimed.Contains(d.Id))
            .Join(db.Subscribers, d => d.SubscriberId, r => r.Id, (d, r) => new { d.Id, d.IssueId, d.Attempts, r.EmailProtected, r.TokenProtected, SubscriberId = r.Id })
            .OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var contents = new Dictionary<int, IssueMessages.Contents>();
        var sent = 0;
        var left = new Queue<long>(rows.Select(r => r.Id));
        try
        {
            await using var post = await IssuePost.OpenAsync(email.Value, configuration, clock, cancellationToken);
            foreach (var row in rows)
            {
                if (!contents.TryGetValue(row.IssueId, out var issue))
                {
                    issue = contents[row.IssueId] = await issueContents.ReadAsync(
                        await db.NewsletterIssues.AsNoTracking().SingleAsync(i => i.Id == row.IssueId, cancellationToken), cancellationToken);
                }

                var delivery = db.NewsletterDeliveries.Where(d => d.Id == row.Id);
                if (!await db.NewsletterSubscriptions.AnyAsync(s => s.SubscriberId == row.SubscriberId && s.ListId == issue.Issue.ListId
                    && s.Status == SubscriptionState.Confirmed, cancellationToken) || personalData.TryUnprotect(row.EmailProtected) is not { Length: > 0 } to)
                {
                    await delivery.ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Unsubscribed).SetProperty(d => d.SendingSince, (DateTimeOffset?)null), cancellationToken);
                    left.Dequeue();
                    continue;
                }

                try
                {
                    using var message = messages.Compose(issue, to, personalData.Unprotect(row.TokenProtected));
                    await post.SendAsync(message, cancellationToken);
                    await delivery.ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Sent).SetProperty(d => d.SentAt, clock.GetUtcNow())
                        .SetProperty(d => d.Attempts, row.Attempts + 1).SetProperty(d => d.SendingSince, (DateTimeOffset?)null), cancellationToken);
                    sent++;
                }
                catch (SmtpCommandException refused) when ((int)refused.StatusCode >= 500)
                {
                    await delivery.ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Failed).SetProperty(d => d.Attempts, row.Attempts + 1)
                        .SetProperty(d => d.Error, Said(refused)).SetProperty(d => d.SendingSince, (DateTimeOffset?)null), cancellationToken);
                    await db.Subscribers.Where(r => r.Id == row.SubscriberId).ExecuteUpdateAsync(s => s.SetProperty(r => r.PermanentFailures, r => r.PermanentFailures + 1), cancellationToken);
                }
                catch (SmtpCommandException refused)
                {
                    var attempts = row.Attempts + 1;
                    await delivery.ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, attempts >= MaxAttempts ? DeliveryStatus.Failed : DeliveryStatus.Queued)
                        .SetProperty(d => d.Attempts, attempts).SetProperty(d => d.NextAttemptAt, clock.GetUtcNow() + BackOff(attempts))
                        .SetProperty(d => d.Error, Said(refused)).SetProperty(d => d.SendingSince, (DateTimeOffset?)null), cancellationToken);
                }

                left.Dequeue();
            }
        }
        finally
        {
            // The connection broke (or the job stopped): what this batch did not reach is free for the next run at once.
            if (left.Count > 0)
            {
                var unsent = left.ToList();
                await db.NewsletterDeliveries.Where(d => unsent.Contains(d.Id) && d.Status == DeliveryStatus.Queued)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.SendingSince, (DateTimeOffset?)null), CancellationToken.None);
            }
        }

        return sent;
    }

    /// <summary>An issue whose deliveries are all settled is sent.</summary>
    private Task<int> FinishIssuesAsync(CancellationToken cancellationToken) =>
        db.NewsletterIssues.Where(i => i.Status == IssueStatus.Sending && !db.NewsletterDeliveries.Any(d => d.IssueId == i.Id && d.Status == DeliveryStatus.Queued))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, IssueStatus.Sent), cancellationToken);

    private static TimeSpan BackOff(int attempts) => TimeSpan.FromMinutes(Math.Pow(2, attempts));

    private static string Said(SmtpCommandException refused)
    {
        var said = $"{(int)refused.StatusCode} {refused.Message}";
        return said.Length <= NewsletterDelivery.ErrorLength ? said : said[..NewsletterDelivery.ErrorLength];
    }
}
