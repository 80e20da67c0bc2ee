using Masthead.Data;
using Masthead.Email;
using Masthead.Jobs;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masthead.Contributions.Site;

/// <summary>Where the provider sends the reader back: thanks, and the pass that stops appeals in this browser.</summary>
[CanonicalQuery]
public sealed class ThanksModel(MastheadDb db, PaymentInbox inbox, SupporterPasses passes, JobHost jobs, IStringLocalizer<ContributionsText> text) : PublicPage
{
    public Checkout Checkout { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        // The provider's confirmation may have arrived a moment ago: apply it before deciding what to say.
        await inbox.ProcessPendingAsync(cancellationToken);
        var checkout = await db.Checkouts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (checkout is null)
        {
            return NotFound();
        }

        if (checkout.Status is CheckoutStatus.Declined or CheckoutStatus.Canceled)
        {
            return Redirect($"{Request.PathBase}/support?retry={checkout.Id}");
        }

        Checkout = checkout;
        if (checkout.Status == CheckoutStatus.Completed)
        {
            if (checkout.SupporterId is { } supporter)
            {
                // The payment itself may still be on its way from the provider; the completed checkout already says it was made.
                await passes.GiveAsync(Response, supporter, checkout.CompletedAt is { } at ? SupporterPasses.PeriodEnd(at, checkout.Frequency) : null, cancellationToken);
            }

            // The receipt is the mail job's, at once: its links come from the newsroom's address, not this request's.
            // A reload of the page once it is sent has nothing to wake the job (and, on PostgreSQL, another node) for.
            if (checkout.ReceiptSentAt is null)
            {
                await jobs.WakeAsync(MailJob.Name, cancellationToken);
            }
        }

        Meta = new PageMeta(text["ThankYou"], text["ThanksMetaDescription"], $"/support/thanks/{id}");
        return Page();
    }
}
