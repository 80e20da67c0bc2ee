using System.ComponentModel.DataAnnotations;
using Masthead.Email;
using Masthead.Jobs;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Masthead.Newsletters.Site;

/// <summary>The sign-up form: an address and the edition's lists; nothing starts until the address confirms by email.</summary>
[FormGuard(FormLimits.Newsletter, EmailField = "Input.Email")]
[EnableRateLimiting(FormLimits.Newsletter)]
public sealed class SubscribeModel(Subscribers subscribers, JobHost jobs, IStringLocalizer<NewslettersText> text) : PublicPage
{
    public sealed class SubscribeInput
    {
        [Required(ErrorMessage = "Enter the email address the newsletters should go to.")]
        [EmailAddressRule(ErrorMessage = "That does not look like an email address.")]
        [StringLength(254, ErrorMessage = "That is longer than any email address.")]
        public string Email { get; set; } = "";

        /// <summary>The ids of the lists ticked, as strings, so garbage is our message, not the binder's.</summary>
        public List<string?> Lists { get; set; } = [];
    }

    [BindProperty]
    public SubscribeInput Input { get; set; } = new();

    public IReadOnlyList<ListChoice> Offered { get; private set; } = [];

    public bool Sent { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Meta = new PageMeta(text["SubscribeTitle"], text["SubscribeDescription"], NewsletterPaths.Subscribe);
        Offered = await subscribers.OfferedAsync(Edition, cancellationToken);
        if (!HttpMethods.IsPost(Request.Method) && Offered.Count == 1)
        {
            // One list: it is what the reader came for.
            Input.Lists = [Offered[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await OnGetAsync(cancellationToken);
        if (FormGuardAttribute.CaughtBot(HttpContext))
        {
            // Answered as if sent, so the bot learns nothing; nothing is stored.
            Sent = true;
            return Page();
        }

        var lists = ListPicks.Read(Input.Lists, Offered, ModelState, text["TickAList"], text["UnknownList"]);
        if (lists is null || !ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // The same answer for a new address, a pending one and one already subscribed; the mail job sends the email.
        await subscribers.AskAsync(Input.Email, lists, Edition, cancellationToken);
        await jobs.WakeAsync(MailJob.Name, cancellationToken);
        Sent = true;
        return Page();
    }
}
