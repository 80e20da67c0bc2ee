using Masthead.Data;
using Masthead.Editions;
using Masthead.Email;
using Masthead.Newsroom;
using Masthead.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Contributions;

/// <summary>Stores <see cref="LinkRequest"/>s and answers them: a link for a supporter, nothing for anyone else.</summary>
public sealed class LinkRequests(MastheadDb db, PersonalData personalData, MagicLinks links, IEmailTransport email, IOptions<NewsroomOptions> newsroom, TimeProvider clock,
    PublicAddress address, SiteEditions editions) : IOutgoingMail
{
    /// <summary>A request still unsent this long after it was made (the mail server was down) is dropped: its link would have expired.</summary>
    public static readonly TimeSpan Lifetime = MagicLinks.RequestedLifetime;

    public async Task AddAsync(string address, CancellationToken cancellationToken)
    {
        db.LinkRequests.Add(new LinkRequest { EmailProtected = personalData.Protect(EmailAddresses.Normalize(address)), CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.LinkRequests.Where(r => r.CreatedAt < now - Lifetime).ExecuteDeleteAsync(cancellationToken);
        var pending = await db.LinkRequests.AsNoTracking().Unclaimed(r => r.SendingSince, now)
            .OrderBy(r => r.Id).Take(100).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var request in pending)
        {
            // Deleted only once the transport took the email: a crash before this sends it again, never loses it.
            var answered = 0;
            await MailClaims.SendOnceAsync(db.LinkRequests.Where(r => r.Id == request.Id), r => r.SendingSince, now,
                async () => answered = await AnswerAsync(personalData.Unprotect(request.EmailProtected), editions.Get(request.Edition), cancellationToken),
                done => done.ExecuteDeleteAsync(cancellationToken), cancellationToken);
            sent += answered;
        }

        return sent;
    }

    private async Task<int> AnswerAsync(string to, Edition edition, CancellationToken cancellationToken)
    {
        // Under every key in the ring: during a key rotation a row may still carry the hash of the key before.
        var hashes = personalData.LookupHashes(to);
        var hash = await db.Supporters.Where(s => hashes.Contains(s.EmailHash!)).Select(s => s.EmailHash).FirstOrDefaultAsync(cancellationToken);
        if (hash is null)
        {
            return 0;
        }

        var link = address.ForEmail(await links.IssueAsync(hash, MagicLinks.RequestedLifetime, cancellationToken), edition);
        var name = newsroom.Value.Name;
        await email.SendAsync(new EmailMessage(to, $"Your link to manage your support for {name}", $"""
            Here is your link to manage your support for {name} and to stop seeing our appeals in your browser.
            It works once, within 2 hours:

            {link}

            If you did not ask for it, ignore this message: nothing changes.

            {name}
            """), cancellationToken);
        return 1;
    }
}
