using System.Globalization;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Masthead.Newsletters.Site;

/// <summary>The reader's lists, opened by the token in every newsletter email: change them, or leave them all.</summary>
public sealed class ManageModel(Subscribers subscribers, IStringLocalizer<NewslettersText> text) : PublicPage
{
    public sealed class ManageInput
    {
        /// <summary>The ids of the lists ticked, as strings, so garbage is our message, not the binder's.</summary>
        public List<string?> Lists { get; set; } = [];
    }

    [BindProperty]
    public ManageInput Input { get; set; } = new();

    public Subscriber? Subscriber { get; private set; }

    public IReadOnlyList<ListChoice> Offered { get; private set; } = [];

    /// <summary>What was just done, for the status line: "saved" or "left".</summary>
    public string? Done { get; private set; }

    public async Task OnGetAsync(string? token, CancellationToken cancellationToken)
    {
        Meta = new PageMeta(text["ManageTitle"], text["SubscribeDescription"], NewsletterPaths.Subscribe);
        Subscriber = await subscribers.FindAsync(token, cancellationToken) is { HasLeft: false } found ? found : null;
        if (Subscriber is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Offered = await subscribers.OfferedAsync(Edition, cancellationToken);
        if (!HttpMethods.IsPost(Request.Method))
        {
            Input.Lists = [.. Subscriber.Subscriptions.Where(s => s.Status == SubscriptionState.Confirmed).Select(s => s.ListId.ToString(CultureInfo.InvariantCulture))];
        }
    }

    public async Task<IActionResult> OnPostAsync(string? token, CancellationToken cancellationToken)
    {
        await OnGetAsync(token, cancellationToken);
        if (Subscriber is null)
        {
            return Page();
        }

        var lists = ListPicks.Read(Input.Lists, Offered, ModelState, text["TickAListOrLeave"], text["UnknownList"]);
        if (lists is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await subscribers.ChangeAsync(Subscriber, lists, cancellationToken);
        Done = "saved";
        return Page();
    }

    public async Task<IActionResult> OnPostLeaveAsync(string? token, CancellationToken cancellationToken)
    {
        await OnGetAsync(token, cancellationToken);
        if (Subscriber is not null)
        {
            await subscribers.LeaveAllAsync(Subscriber, cancellationToken);
            Done = "left";
        }

        return Page();
    }
}
