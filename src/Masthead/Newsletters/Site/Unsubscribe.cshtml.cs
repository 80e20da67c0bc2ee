using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Masthead.Newsletters.Site;

/// <summary>
/// The address in every issue's List-Unsubscribe header (RFC 8058). A mail program's one-click POST carries the body
/// <c>List-Unsubscribe=One-Click</c>, no cookie and no antiforgery token, and must work so; the token in the address is
/// what authorises it, and a forgery could only unsubscribe the forger's own victim from our mail. A GET (a person, or
/// a mail scanner following the link) only shows the button.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(Subscribers subscribers, IStringLocalizer<NewslettersText> text) : PublicPage
{
    public const string Field = "List-Unsubscribe";
    public const string OneClick = "One-Click";

    public Subscriber? Subscriber { get; private set; }

    public bool Left { get; private set; }

    public async Task OnGetAsync(string? token, CancellationToken cancellationToken)
    {
        Meta = new PageMeta(text["UnsubscribeTitle"], text["SubscribeDescription"], NewsletterPaths.Subscribe);
        Subscriber = await subscribers.FindAsync(token, cancellationToken);
        if (Subscriber is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        Left = Subscriber?.HasLeft == true;
    }

    public async Task<IActionResult> OnPostAsync(string? token, CancellationToken cancellationToken)
    {
        await OnGetAsync(token, cancellationToken);
        if (Subscriber is null)
        {
            return Page();
        }

        if (!Request.HasFormContentType || (await Request.ReadFormAsync(cancellationToken))[Field] != OneClick)
        {
            ModelState.AddModelError("", text["NotOneClick"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // Answered with the page itself, never a redirect (RFC 8058 asks the sender not to redirect).
        await subscribers.LeaveAllAsync(Subscriber, cancellationToken);
        Left = true;
        return Page();
    }
}
