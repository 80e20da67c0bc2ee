using Masthead.Data;
using Masthead.Editions;
using Masthead.Email;
using Masthead.Newsroom;
using Masthead.Privacy;
using Masthead.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masthead.Contributions;

/// <summary>
/// Sends a receipt for every completed checkout, once (<see cref="MailClaims"/>: claimed before sending, marked sent
/// only when the transport took it; after a crash in between, at most one duplicate, never a receipt lost).
/// </summary>
public sealed class Receipts(MastheadDb db, IEmailTransport email, PersonalData personalData, MagicLinks links, TimeProvider clock,
    PublicAddress address, SiteEditions editions, IOptions<NewsroomOptions> newsroom, IStringLocalizer<ContributionsText> text) : IOutgoingMail
{
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var pending = await db.Checkouts.AsNoTracking()
            .Where(c => c.Status == CheckoutStatus.Completed && c.ReceiptSentAt == null && c.EmailProtected != SupporterErasure.Erased)
            .Unclaimed(c => c.ReceiptSendingSince, now)
            .OrderBy(c => c.CompletedAt).Take(50).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var checkout in pending)
        {
            var receipt = db.Checkouts.Where(c => c.Id == checkout.Id && c.ReceiptSentAt == null);
            if (await MailClaims.SendOnceAsync(receipt, c => c.ReceiptSendingSince, now, async () =>
                {
                    var edition = editions.Get(checkout.Edition);
                    var manage = address.ForEmail(await links.IssueAsync(checkout.EmailHash, MagicLinks.ReceiptLifetime, cancellationToken), edition);
                    await email.SendAsync(Compose(checkout, personalData.Unprotect(checkout.EmailProtected), manage, edition), cancellationToken);
                },
                done => done.ExecuteUpdateAsync(c => c.SetProperty(x => x.ReceiptSentAt, clock.GetUtcNow()).SetProperty(x => x.ReceiptSendingSince, (DateTimeOffset?)null), CancellationToken.None),
                cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    private EmailMessage Compose(Checkout checkout, string to, string manage, Edition edition)
    {
        // The job has no request: the receipt is written in the language of the edition the reader gave in, its
        // date as that language writes one, on the newsroom's calendar.
        using var language = edition.UseCulture();
        var name = edition.NewsroomName;
        var renewal = checkout.Frequency == Frequency.OneTime ? "" : $"\n{text["ReceiptRenews"]}\n";
        return new EmailMessage(to, text["ReceiptSubject", name], text["ReceiptBody", name, ContributionForm.Per(text, checkout.Frequency, checkout.Money),
            checkout.CompletedAt is { } paid ? Dates.Day(paid, newsroom.Value) : "", checkout.Id[..12], renewal,
            LinkLifetime.Describe(MagicLinks.ReceiptLifetime, text), manage]);
    }
}
