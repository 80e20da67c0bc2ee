using System.ComponentModel.DataAnnotations;
using Masthead.Contributions;
using Masthead.Data;
using Masthead.Email;
using Masthead.Newsroom;
using Masthead.Privacy;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Pages.Support;

/// <summary>"Already a supporter?": a link by email that restores the supporter pass in this browser and opens the manage page.</summary>
[FormGuard(FormLimits.Restore, EmailField = "Input.Email")]
[EnableRateLimiting(FormLimits.Restore)]
public sealed class RestoreModel(MastheadDb db, PersonalData personalData, MagicLinks links, IEmailTransport email, IOptions<NewsroomOptions> newsroom, PublicAddress address) : PublicPage
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

    public void OnGet() => Meta = new PageMeta("Already a supporter?", "Get a link to manage your support.", "/support/restore");

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

        // Under every key in the ring: during a key rotation a row may still carry the hash of the key before.
        var hashes = personalData.LookupHashes(Input.Email);

        // The same answer whether or not the address supports us: the page must not reveal who does.
        if (await db.Supporters.Where(s => hashes.Contains(s.EmailHash!)).Select(s => s.EmailHash).FirstOrDefaultAsync(cancellationToken) is { } hash)
        {
            var link = address.ForEmail(await links.IssueAsync(hash, MagicLinks.RequestedLifetime, cancellationToken));
            var name = newsroom.Value.Name;
            await email.SendAsync(new EmailMessage(PersonalData.NormalizeEmail(Input.Email), $"Your link to manage your support for {name}", $"""
                Here is your link to manage your support for {name} and to stop seeing our appeals in your browser.
                It works once, within 2 hours:

                {link}

                If you did not ask for it, ignore this message: nothing changes.

                {name}
                """), cancellationToken);
        }

        Sent = true;
        return Page();
    }
}
