using System.Security.Cryptography;
using Masthead.Articles;
using Masthead.Newsletters;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Cryptography;

namespace Masthead.Tests.Newsletters;

/// <summary>
/// An issue through real SMTP: one message per confirmed reader (none for a pending one) with the articles, the appeal
/// link and the postal line, RFC 8058's List-Unsubscribe headers with the configured mailbox, and a DKIM signature that
/// MimeKit's verifier accepts against the public half of a key made for the test.
/// </summary>
public abstract class IssueSendingTests(MastheadFactory factory) : IDisposable
{
    private const string BaseUrl = "https://news.example";
    private readonly SmtpInbox _inbox = new();
    private readonly RSA _key = RSA.Create(2048);
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"dkim-{Guid.NewGuid():N}.pem");

    public void Dispose()
    {
        _inbox.Dispose();
        _key.Dispose();
        File.Delete(_keyFile);
        GC.SuppressFinalize(this);
    }

    private MastheadFactory Sending()
    {
        File.WriteAllText(_keyFile, _key.ExportRSAPrivateKeyPem());
        var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:BaseUrl"] = BaseUrl;
        own.Settings["Masthead:Newsletters:UnsubscribeMailbox"] = "leave@news.example";
        own.Settings["Masthead:Newsletters:PostalAddress"] = "The Meridian, 1 Example Street, Riga";
        own.Settings["Masthead:Newsletters:Dkim:Domain"] = "news.example";
        own.Settings["Masthead:Newsletters:Dkim:Selector"] = "mail";
        own.Settings["Masthead:Newsletters:Dkim:PrivateKeyFile"] = _keyFile;
        foreach (var (key, value) in _inbox.Settings())
        {
            own.Settings[key] = value;
        }

        return own;
    }

    [Fact]
    public async Task An_issue_reaches_each_confirmed_reader_signed_with_one_click_unsubscribe_headers()
    {
        await using var own = Sending();
        var (list, _) = await NewsletterDesk.ListsAsync(own);
        using var reader = own.CreateBrowserClient();
        var confirmed = SmtpInbox.UniqueAddress("confirmed");
        var pending = SmtpInbox.UniqueAddress("pending");
        (await NewsletterDesk.SubscribeAsync(own, reader, confirmed, list)).Dispose();
        (await NewsletterDesk.SubscribeAsync(own, reader, pending, list)).Dispose();
        var token = await NewsletterDesk.TokenOfAsync(own, confirmed);
        (await own.PostFormAsync(reader, NewsletterPaths.Confirm(token), [])).Dispose();
        var issue = await own.WithDbAsync(async db =>
        {
            var now = own.Clock.GetUtcNow();
            var article = new Article
            {
                Slug = "bases-at-stake", Headline = "Two bases at stake", Standfirst = "A delegation in Damascus.", Status = ArticleStatus.Published,
                Edition = db.NewsletterLists.Single(l => l.Id == list).Edition, PublishAt = now, CreatedAt = now, UpdatedAt = now,
            };
            db.Articles.Add(article);
            await db.SaveChangesAsync();
            var issue = new NewsletterIssue
            {
                ListId = list, Subject = "This week", IntroMarkdown = "What *mattered* this week.", ArticleIds = $"{article.Id}",
                Status = IssueStatus.Scheduled, SendAt = now, CreatedAt = now,
            };
            db.NewsletterIssues.Add(issue);
            await db.SaveChangesAsync();
            return issue.Id;
        });

        await using (var scope = own.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<IssueSending>().RunOnceAsync(CancellationToken.None));
        }

        var message = await _inbox.WaitForMessageToAsync(confirmed);
        Assert.Equal("This week", message.Subject);
        Assert.Equal($"<{BaseUrl}/newsletter/unsubscribe/{token}>, <mailto:leave@news.example?subject=unsubscribe-{token}>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Contains($"{BaseUrl}/articles/bases-at-stake", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{BaseUrl}/support?campaign=newsletter", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("The Meridian, 1 Example Street, Riga", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<em>mattered</em>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{BaseUrl}/articles/bases-at-stake\"", message.HtmlBody, StringComparison.Ordinal);

        var signature = message.Headers.IndexOf(HeaderId.DkimSignature);
        Assert.True(signature >= 0, "No DKIM-Signature header.");
        Assert.Contains("d=news.example", message.Headers[signature].Value, StringComparison.Ordinal);
        var verifier = new DkimVerifier(new TestKeyLocator(_key));
        Assert.True(await verifier.VerifyAsync(message, message.Headers[signature]), "The DKIM signature does not verify.");

        Assert.Equal(0, await IssuesToAsync(pending));
        Assert.Equal(IssueStatus.Sent, await own.WithDbAsync(db => db.NewsletterIssues.Where(i => i.Id == issue).Select(i => i.Status).SingleAsync()));
        Assert.Equal([DeliveryStatus.Sent], await own.WithDbAsync(db => db.NewsletterDeliveries.Select(d => d.Status).ToListAsync()));

        // Run again (a second node, a restart): nobody gets it twice.
        await using (var again = own.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await again.ServiceProvider.GetRequiredService<IssueSending>().RunOnceAsync(CancellationToken.None));
        }

        Assert.Equal(1, await IssuesToAsync(confirmed));
    }

    /// <summary>How many copies of the issue (not confirmation emails) reached <paramref name="address"/>.</summary>
    private async Task<int> IssuesToAsync(string address)
    {
        var count = 0;
        foreach (var id in await _inbox.MessageIdsToAsync(address))
        {
            count += (await _inbox.ReadAsync(id)).Subject == "This week" ? 1 : 0;
        }

        return count;
    }

    /// <summary>The DNS record a newsroom would publish at mail._domainkey.news.example, for the test's key.</summary>
    private sealed class TestKeyLocator(RSA key) : DkimPublicKeyLocatorBase
    {
        private string Record => $"v=DKIM1; k=rsa; p={Convert.ToBase64String(key.ExportSubjectPublicKeyInfo())}";

        public override Org.BouncyCastle.Crypto.AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            GetPublicKey(Record);

        public override Task<Org.BouncyCastle.Crypto.AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(GetPublicKey(Record));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class IssueSendingTestsOnSqlite(SqliteFactory factory) : IssueSendingTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class IssueSendingTestsOnPostgres(PostgresFactory factory) : IssueSendingTests(factory);
