using System.Text.RegularExpressions;
using System.Security.Cryptography;
using Masthead.Editions;
using Masthead.Email;
using Masthead.Jobs;
using Masthead.Newsletters;
using Masthead.Privacy;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsletters;

/// <summary>What the newsletter tests share: lists made for a test, a sign-up, and a reader's token read back as the mail job would.</summary>
public static partial class NewsletterDesk
{
    /// <summary>Two lists in the edition <paramref name="edition"/> (the default one when null): their ids.</summary>
    public static async Task<(int First, int Second)> ListsAsync(MastheadFactory own, string? edition = null)
    {
        var code = edition ?? own.Services.GetRequiredService<SiteEditions>().Default.Code;
        return await own.WithDbAsync(async db =>
        {
            var first = new NewsletterList { Edition = code, Name = "Every article", Kind = NewsletterKind.EveryArticle, Position = 1 };
            var second = new NewsletterList { Edition = code, Name = "Weekly", Description = "The week's best.", Kind = NewsletterKind.Weekly, Position = 2 };
            db.NewsletterLists.AddRange(first, second);
            await db.SaveChangesAsync();
            return (first.Id, second.Id);
        });
    }

    public static Task<HttpResponseMessage> SubscribeAsync(MastheadFactory own, HttpClient reader, string email, params int[] lists) =>
        SubscribeAsync(own, reader, email, lists.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());

    public static Task<HttpResponseMessage> SubscribeAsync(MastheadFactory own, HttpClient reader, string email, string[] lists, string page = "/newsletter") =>
        own.PostFormAsync(reader, page, [new("Input.Email", email), .. lists.Select(l => new KeyValuePair<string, string>("Input.Lists", l))]);

    /// <summary>The token in the links of the reader signed up with <paramref name="email"/>, unsealed as the mail job does.</summary>
    public static async Task<string> TokenOfAsync(MastheadFactory own, string email)
    {
        var data = own.Services.GetRequiredService<PersonalData>();
        var hash = data.LookupHash(email);
        var sealedToken = await own.WithDbAsync(db => db.Subscribers.Where(s => s.EmailHash == hash).Select(s => s.TokenProtected).SingleAsync());
        return data.Unprotect(sealedToken);
    }

    /// <summary>Each list's state for <paramref name="token"/>'s reader, by list id.</summary>
    public static Task<Dictionary<int, SubscriptionState>> StatesAsync(MastheadFactory own, string token)
    {
        var hash = Subscribers.Hash(token);
        return own.WithDbAsync(db => db.NewsletterSubscriptions
            .Where(s => db.Subscribers.Any(r => r.Id == s.SubscriberId && r.TokenHash == hash)).ToDictionaryAsync(s => s.ListId, s => s.Status));
    }

    /// <summary>
    /// Confirmed readers of <paramref name="list"/>, written straight into the database as a sign-up and its confirmation
    /// leave them (sealed address, keyed hash, token and its sealed copy), in thousands at a time.
    /// </summary>
    public static Task ReadersAsync(MastheadFactory own, int list, IEnumerable<string> emails)
    {
        var data = own.Services.GetRequiredService<PersonalData>();
        var now = own.Clock.GetUtcNow();
        return own.WithDbAsync(async db =>
        {
            var edition = await db.NewsletterLists.Where(l => l.Id == list).Select(l => l.Edition).SingleAsync();
            foreach (var chunk in emails.Chunk(1000))
            {
                db.Subscribers.AddRange(chunk.Select(email =>
                {
                    var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
                    return new Subscriber
                    {
                        Edition = edition, EmailProtected = data.Protect(EmailAddresses.Normalize(email)), EmailHash = data.LookupHash(email),
                        TokenHash = Subscribers.Hash(token), TokenProtected = data.Protect(token), CreatedAt = now,
                        Subscriptions = [new NewsletterSubscription { ListId = list, Status = SubscriptionState.Confirmed, CreatedAt = now, ConfirmedAt = now }],
                    };
                }));
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        });
    }

    /// <summary>An issue of <paramref name="list"/> due at <paramref name="sendAt"/> (by default the app's now): its id.</summary>
    public static Task<int> IssueAsync(MastheadFactory own, int list, DateTimeOffset? sendAt = null) => own.WithDbAsync(async db =>
    {
        var issue = new NewsletterIssue { ListId = list, Subject = "Issue", Status = IssueStatus.Scheduled, SendAt = sendAt ?? own.Clock.GetUtcNow(), CreatedAt = own.Clock.GetUtcNow() };
        db.NewsletterIssues.Add(issue);
        await db.SaveChangesAsync();
        return issue.Id;
    });

    /// <summary>
    /// Sends the queue as far as it goes at the clock's time: one run of the job here, and the <c>newsletters</c> job's own
    /// run, if the clock made it due, finished too (up to 60 s), so what a test reads next is settled.
    /// </summary>
    public static async Task SendQueueAsync(MastheadFactory own)
    {
        var jobs = own.Services.GetRequiredService<JobHost>();
        await UntilIdleAsync(own, jobs);
        await using (var scope = own.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IssueSending>().RunOnceAsync(CancellationToken.None);
        }

        await UntilIdleAsync(own, jobs);
    }

    private static async Task UntilIdleAsync(MastheadFactory own, JobHost jobs)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (jobs.State(IssueSending.JobName) is not { Waiting: true } state || state.NextRunAt <= own.Clock.GetUtcNow())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"The newsletters job is still running: {jobs.State(IssueSending.JobName)}");
            await Task.Delay(50);
        }
    }

    /// <summary>The confirmation link in an email's text, on the configured address.</summary>
    public static string ConfirmLink(string? text, string baseUrl)
    {
        var match = ConfirmPattern().Match(text ?? "");
        Assert.True(match.Success, $"No confirmation link in: {text}");
        Assert.StartsWith(baseUrl, match.Value, StringComparison.Ordinal);
        return match.Value;
    }

    [GeneratedRegex(@"https?://[^\s/]+(/[a-z]{2})?/newsletter/confirm/[0-9a-f]{64}")]
    private static partial Regex ConfirmPattern();
}
