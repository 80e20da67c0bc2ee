using Masthead.Contributions;
using Masthead.Data;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Payments.Sandbox;

/// <summary>The sandbox provider's payment page, plainly marked TEST MODE: pay, be declined, or cancel. No card, no money.</summary>
public sealed class CheckoutModel(MastheadDb db, PaymentInbox inbox, TimeProvider clock) : PublicPage
{
    public Checkout Checkout { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? session, CancellationToken cancellationToken) =>
        await LoadAsync(session, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostPayAsync(string? session, CancellationToken cancellationToken)
    {
        if (await LoadAsync(session, cancellationToken) is { } result)
        {
            return result;
        }

        // References derived from the checkout: pressing Pay twice reports the same payment twice, which the inbox drops.
        var reference = Checkout.Id[..16];
        var completed = new SandboxEvent("checkout.completed", "cus_sb_" + reference, clock.GetUtcNow(), Checkout: Checkout.Id,
            Subscription: Checkout.Frequency == Frequency.OneTime ? null : "sub_sb_" + reference, Payment: "pay_sb_" + reference,
            Amount: Checkout.Amount, Currency: Checkout.Currency, Frequency: Checkout.Frequency);
        await inbox.RecordAsync(SandboxProvider.ProviderName, "evt_sb_" + Checkout.Id, completed.Type, SandboxProvider.Payload(completed), cancellationToken);
        await inbox.ProcessPendingAsync(cancellationToken);
        return Redirect($"{Request.PathBase}/support/thanks/{Checkout.Id}");
    }

    public Task<IActionResult> OnPostDeclineAsync(string? session, CancellationToken cancellationToken) => EndAsync(session, CheckoutStatus.Declined, cancellationToken);

    public Task<IActionResult> OnPostCancelAsync(string? session, CancellationToken cancellationToken) => EndAsync(session, CheckoutStatus.Canceled, cancellationToken);

    private async Task<IActionResult> EndAsync(string? session, CheckoutStatus status, CancellationToken cancellationToken)
    {
        if (await LoadAsync(session, cancellationToken) is { } result)
        {
            return result;
        }

        await db.Checkouts.Where(c => c.Id == Checkout.Id && c.Status == CheckoutStatus.Open)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Status, status), cancellationToken);
        return Redirect($"{Request.PathBase}/support?retry={Checkout.Id}");
    }

    /// <summary>Finds the open sandbox checkout; a finished one sends the reader to its outcome instead.</summary>
    private async Task<IActionResult?> LoadAsync(string? session, CancellationToken cancellationToken)
    {
        // Null when the address holds only spaces or line breaks; it must not match a checkout that has no session yet.
        if (session is null)
        {
            return NotFound();
        }

        var checkout = await db.Checkouts.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Provider == SandboxProvider.ProviderName && c.ProviderSessionId == session, cancellationToken);
        if (checkout is null)
        {
            return NotFound();
        }

        Checkout = checkout;
        return checkout.Status == CheckoutStatus.Open ? null : Redirect($"{Request.PathBase}/support/thanks/{checkout.Id}");
    }
}
