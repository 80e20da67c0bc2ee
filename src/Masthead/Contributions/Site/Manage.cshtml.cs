using Masthead.Payments;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Masthead.Contributions.Site;

/// <summary>A supporter's own page, reached by magic link: what they gave, and their recurring gifts to change or cancel.</summary>
public sealed class ManageModel(SupporterAccount account, SupporterPasses passes, IStringLocalizer<ContributionsText> text) : PublicPage
{
    public IReadOnlyList<Subscription> Subscriptions => Records?.Subscriptions ?? [];

    public IReadOnlyList<SupporterRecords.Line> History => Records?.History ?? [];

    /// <summary>The supporter's latest customer record at a provider with a portal: then the page offers that portal.</summary>
    public (string Provider, string CustomerRef)? PortalCustomer => Records?.PortalCustomer;

    [BindProperty]
    public string? NewAmount { get; set; }

    [TempData]
    public string? Notice { get; set; }

    /// <summary>The supporter asked to erase their data and must confirm.</summary>
    public bool ConfirmingErase { get; private set; }

    /// <summary>Their data was just erased: the page says what was kept and why, and nothing else.</summary>
    public bool Erased { get; private set; }

    private SupporterRecords? Records { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await OpenAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostCancelAsync(int subscription, CancellationToken cancellationToken)
    {
        if (await OpenAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var change = await account.CancelAsync(Records!, subscription, ModelState, cancellationToken);
        if (change.Outcome == AccountChange.Result.Done)
        {
            // This browser's pass now ends with what was paid for, so it turns to a former supporter's appeal then.
            await passes.EndAsync(Response, Records!.SupporterIds[0], subscription, cancellationToken);
        }

        return Show(change);
    }

    public async Task<IActionResult> OnPostChangeAsync(int subscription, CancellationToken cancellationToken) =>
        await OpenAsync(cancellationToken) ?? Show(await account.ChangeAmountAsync(Records!, subscription, NewAmount, ModelState, cancellationToken));

    public async Task<IActionResult> OnPostPortalAsync(CancellationToken cancellationToken) =>
        await OpenAsync(cancellationToken)
        ?? Show(await account.PortalAsync(Records!, new Uri(SiteUrls.Absolute(HttpContext, "/support/manage")), ModelState, cancellationToken));

    /// <summary>"Erase my data": first a confirmation, then recurring gifts are cancelled at the provider and the data erased.</summary>
    public async Task<IActionResult> OnPostEraseAsync(bool confirm, CancellationToken cancellationToken)
    {
        if (await OpenAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (!confirm)
        {
            ConfirmingErase = true;
            return Page();
        }

        var erased = await account.EraseAsync(Records!, Response, ModelState, cancellationToken);
        if (erased.Outcome != AccountChange.Result.Done)
        {
            return Show(erased);
        }

        Erased = true;
        Records = null;
        return Page();
    }

    public IActionResult OnPostSignOut()
    {
        SupporterAccount.SignOut(Response);
        return Redirect(Request.PathBase + "/");
    }

    /// <summary>Whether the provider that holds <paramref name="subscription"/> offers <paramref name="capability"/>, so the page shows it.</summary>
    public bool Offers(Subscription subscription, PaymentCapabilities capability) => account.Offers(subscription, capability);

    /// <summary>The page after a change: back to it with the notice when done, else this page with its message and status.</summary>
    private IActionResult Show(AccountChange change)
    {
        switch (change.Outcome)
        {
            case AccountChange.Result.NotFound:
                return NotFound();
            case AccountChange.Result.Done:
                Notice = change.Notice;
                return Redirect(change.Portal?.ToString() ?? Request.PathBase + "/support/manage");
            default:
                Response.StatusCode = change.Outcome == AccountChange.Result.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status503ServiceUnavailable;
                return Page();
        }
    }

    /// <summary>Reads the supporter's records; without a manage session, sends them to ask for a new link.</summary>
    private async Task<IActionResult?> OpenAsync(CancellationToken cancellationToken)
    {
        Meta = new PageMeta(text["YourSupport"], text["ManageMetaDescription"], "/support/manage");
        Records = await account.OpenAsync(Request, cancellationToken);
        return Records is null ? Redirect(Request.PathBase + "/support/restore") : null;
    }
}
