using Masthead.Data;
using Masthead.Editions;
using Masthead.Email;
using Masthead.Newsroom;
using Masthead.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masthead.Contributions;

/// <summary>Stores <see cref="LinkRequest"/>s and answers them: a link for a supporter, nothing for anyone else.</summary>
public sealed class LinkRequests(MastheadDb db, PersonalData personalData, MagicLinks links, IEmailTransport email, TimeProvider clock,
    PublicAddress address, SiteEditions editions, IStringLocalizer<ContributionsText> text) : IOutgoingMail
{
    /// <summary>A request still unsent this long after it was made (the mail server was down) is dropped: its link would have expired.</summary>
    public static readonly TimeSpan Lifetime = MagicLinks.RequestedLifetime;

    /// <summary>Stores a request made in <paramref name="edition"/>, whose language the email will be written in.</summary>
    public async Task AddAsync(string address, Edition edition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edition);
        db.LinkRequests.Add(new LinkRequest { EmailProtected = personalData.Protect(EmailAddresses.Normalize(address)), CreatedAt = clock.GetUtcNow(), Edition = edition.Code });
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

        // The job has no request: the email is written in the language of the edition the reader asked in.
        using var language = edition.UseCulture();
        var name = edition.NewsroomName;
        await email.SendAsync(new EmailMessage(to, text["LinkSubject", name],
            text["LinkBody", name, LinkLifetime.Describe(MagicLinks.RequestedLifetime, text), link]), cancellationToken);
        return 1;
    }
}
