using Masthead.Data;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masthead.Contributions.Site;

/// <summary>
/// Where an emailed link lands. Opening it changes nothing — mail scanners open links too — so a button confirms;
/// only then is the single-use link spent.
/// </summary>
public sealed class LinkModel(MagicLinks links, ManageSession session, SupporterPasses passes, MastheadDb db, IStringLocalizer<ContributionsText> text) : PublicPage
{
    public bool Usable { get; private set; }

    public async Task OnGetAsync(string? token, CancellationToken cancellationToken)
    {
        Meta = new PageMeta(text["ManageYourSupport"], text["LinkMetaDescription"], "/support/restore");
        // Null when the address holds only spaces or line breaks (model binding makes those null).
        Usable = token is { Length: 64 } && await links.IsUsableAsync(token, cancellationToken);
        if (!Usable)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
        }
    }

    public async Task<IActionResult> OnPostAsync(string? token, CancellationToken cancellationToken)
    {
        var emailHash = token is { Length: 64 } ? await links.RedeemAsync(token, cancellationToken) : null;
        if (emailHash is null)
        {
            await OnGetAsync(token, cancellationToken);
            return Page();
        }

        session.Start(Response, emailHash);

        // A pass only while the support is paid for: the link also opens the history of someone who gave long ago.
        var supporter = await db.Supporters.Where(s => s.EmailHash == emailHash || s.PreviousEmailHash == emailHash)
            .OrderByDescending(s => s.Id).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);
        if (supporter is { } id)
        {
            await passes.GiveAsync(Response, id, null, cancellationToken);
        }

        return Redirect(Request.PathBase + "/support/manage");
    }
}
