using Masthead.Data;
using Masthead.Editions;
using Masthead.Email;
using Masthead.Newsroom;
using Masthead.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Contributions;

/// <summary>
/// Sends a receipt for every completed checkout, once (<see cref="MailClaims"/>: claimed before sending, marked sent
/// only when the transport took it; after a crash in between, at most one duplicate, never a receipt lost).
/// </summary>
public sealed class Receipts(MastheadDb db, IEmailTransport email, PersonalData personalData, MagicLinks links, IOptions<NewsroomOptions> newsroom, TimeProvider clock,
    PublicAddress address, SiteEditions editions) : IOutgoingMail
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
                    var manage = address.ForEmail(await links.IssueAsync(checkout.EmailHash, MagicLinks.ReceiptLifetime, cancellationToken), editions.Get(checkout.Edition));
                    await email.SendAsync(Compose(checkout, personalData.Unprotect(checkout.EmailProtected), manage), cancellationToken);
                },
                done => done.ExecuteUpdateAsync(c => c.SetProperty(x => x.ReceiptSentAt, clock.GetUtcNow()).SetProperty(x => x.ReceiptSendingSince, (DateTimeOffset?)null), CancellationToken.None),
                cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    private EmailMessage Compose(Checkout checkout, string to, string manage)
    {
        var name = newsroom.Value.Name;
        var what = $"{checkout.Money}{ContributionForm.Per(checkout.Frequency)}";
        var renewal = checkout.Frequency == Frequency.OneTime ? "" : "\nIt renews automatically; you can change or cancel it at any time.\n";
        return new EmailMessage(to, $"Thank you for supporting {name}", $"""
            Thank you for supporting {name}.

            Contribution: {what}
            Date: {checkout.CompletedAt:yyyy-MM-dd}
            Reference: {checkout.Id[..12]}
            {renewal}
            To see your contributions, change the amount or cancel, use this link (it works once, within 7 days):
            {manage}

            Later, ask for a new link at any time at the bottom of the contribution page ("Already a supporter?").

            {name}
            """);
    }
}
