using Masthead.Data;
using Masthead.Editions;
using Masthead.Email;
using Masthead.Newsroom;
using Masthead.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masthead.Newsletters;

/// <summary>
/// The double opt-in's email: "press the button to start", sent by the mail job after a sign-up, never inside the
/// request, so the sign-up page answers alike (in words and time) for a new address and a known one.
/// </summary>
public sealed class Confirmations(MastheadDb db, PersonalData personalData, IEmailTransport email, TimeProvider clock,
    PublicAddress address, SiteEditions editions, IStringLocalizer<NewslettersText> text) : IOutgoingMail
{
    /// <summary>A confirmation still unsent this long after the sign-up (the mail server was down) is not sent: the reader has moved on.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(2);

    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await db.Subscribers.AsNoTracking().Where(s => s.ConfirmationAskedAt != null && s.ConfirmationAskedAt > now - Lifetime)
            .Unclaimed(s => s.ConfirmationSendingSince, now).OrderBy(s => s.Id).Take(100)
            .Select(s => new { s.Id, s.Edition, s.EmailProtected, s.TokenProtected, s.ConfirmationAskedAt }).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var subscriber in due)
        {
            var lists = await db.NewsletterSubscriptions.Where(s => s.SubscriberId == subscriber.Id && s.Status == SubscriptionState.Pending)
                .Join(db.NewsletterLists, s => s.ListId, l => l.Id, (_, l) => l.Name).ToListAsync(cancellationToken);
            var row = db.Subscribers.Where(s => s.Id == subscriber.Id);
            if (await MailClaims.SendOnceAsync(row, s => s.ConfirmationSendingSince, now,
                () => email.SendAsync(Compose(personalData.Unprotect(subscriber.EmailProtected), personalData.Unprotect(subscriber.TokenProtected),
                    lists, editions.Get(subscriber.Edition)), cancellationToken),
                async done =>
                {
                    // A sign-up made while this one was sending asks again: its confirmation is still owed.
                    await done.Where(s => s.ConfirmationAskedAt <= subscriber.ConfirmationAskedAt)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfirmationAskedAt, (DateTimeOffset?)null), cancellationToken);
                    await done.ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfirmationSendingSince, (DateTimeOffset?)null), cancellationToken);
                }, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    private EmailMessage Compose(string to, string token, IReadOnlyList<string> lists, Edition edition)
    {
        // The job has no request: the email is written in the language of the edition the reader signed up in.
        using var language = edition.UseCulture();
        var name = edition.NewsroomName;
        var link = address.ForEmail(NewsletterPaths.Confirm(token), edition);
        return new EmailMessage(to, text["ConfirmSubject", name],
            text["ConfirmBody", name, string.Join(Environment.NewLine, lists.Select(l => "  • " + l)), link]);
    }
}
