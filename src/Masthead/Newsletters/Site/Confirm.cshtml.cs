using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Masthead.Newsletters.Site;

/// <summary>
/// Where the confirmation email's link lands. Opening it confirms nothing — mail scanners open links too — so a
/// button does (the POST).
/// </summary>
public sealed class ConfirmModel(Subscribers subscribers, IStringLocalizer<NewslettersText> text) : PublicPage
{
    /// <summary>Null for a token nobody holds.</summary>
    public Subscriber? Subscriber { get; private set; }

    public bool Confirmed { get; private set; }

    public string Token { get; private set; } = "";

    public async Task OnGetAsync(string? token, CancellationToken cancellationToken)
    {
        Meta = new PageMeta(text["ConfirmTitle"], text["SubscribeDescription"], NewsletterPaths.Subscribe);
        Token = token ?? "";
        Subscriber = await subscribers.FindAsync(token, cancellationToken) is { HasLeft: false } found ? found : null;
        if (Subscriber is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    public async Task<IActionResult> OnPostAsync(string? token, CancellationToken cancellationToken)
    {
        await OnGetAsync(token, cancellationToken);
        if (Subscriber is not null)
        {
            await subscribers.ConfirmAsync(Subscriber, cancellationToken);
            Confirmed = true;
        }

        return Page();
    }
}
