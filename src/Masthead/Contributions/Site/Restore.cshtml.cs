using System.ComponentModel.DataAnnotations;
using Masthead.Email;
using Masthead.Jobs;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Masthead.Contributions.Site;

/// <summary>"Already a supporter?": a link by email that restores the supporter pass in this browser and opens the manage page.</summary>
[FormGuard(FormLimits.Restore, EmailField = "Input.Email")]
[EnableRateLimiting(FormLimits.Restore)]
public sealed class RestoreModel(LinkRequests requests, JobHost jobs, IStringLocalizer<ContributionsText> text) : PublicPage
{
    public sealed class RestoreInput
    {
        [Required(ErrorMessage = "Enter the email address you gave with your contribution.")]
        [EmailAddressRule(ErrorMessage = "That does not look like an email address.")]
        [StringLength(254, ErrorMessage = "That is longer than any email address.")]
        public string Email { get; set; } = "";
    }

    [BindProperty]
    public RestoreInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet() => Meta = new PageMeta(text["AlreadySupporter"], text["RestoreMetaDescription"], "/support/restore");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        OnGet();
        if (FormGuardAttribute.CaughtBot(HttpContext))
        {
            // Answered as if sent, so the bot learns nothing; nothing was sent.
            Sent = true;
            return Page();
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // Stored for every address alike and answered by the mail job: the page must not reveal, by what it says or how
        // long it takes, who supports us.
        await requests.AddAsync(Input.Email, Edition, cancellationToken);
        await jobs.WakeAsync(MailJob.Name, cancellationToken);
        Sent = true;
        return Page();
    }
}
