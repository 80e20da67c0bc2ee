using System.ComponentModel.DataAnnotations;
using Masthead.Email;
using Masthead.Newsroom;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masthead.Appeals.Site;

/// <summary>"Remind me later" by email: one message on a chosen day, and the address is deleted once it is sent.</summary>
[CanonicalQuery("return")]
[FormGuard(FormLimits.Remind, EmailField = "Input.Email")]
[EnableRateLimiting(FormLimits.Remind)]
public sealed class RemindModel(Reminders reminders, TimeProvider clock, IOptions<NewsroomOptions> newsroom, IStringLocalizer<AppealsText> text) : PublicPage
{
    public sealed class RemindInput
    {
        [Required(ErrorMessage = "Enter the email address to remind.")]
        [EmailAddressRule(ErrorMessage = "That does not look like an email address.")]
        [StringLength(254, ErrorMessage = "That is longer than any email address.")]
        public string Email { get; set; } = "";

        /// <summary>"next-month" or "three-months".</summary>
        [RegularExpression("next-month|three-months", ErrorMessage = "Choose next month or in 3 months.")]
        public string When { get; set; } = "next-month";
    }

    [BindProperty]
    public RemindInput Input { get; set; } = new();

    public string Back { get; private set; } = "/";

    public DateTimeOffset NextMonth => Reminder.DueDate(clock.GetUtcNow(), inThreeMonths: false, newsroom.Value.Zone);

    public DateTimeOffset InThreeMonths => Reminder.DueDate(clock.GetUtcNow(), inThreeMonths: true, newsroom.Value.Zone);

    public DateTimeOffset? ScheduledFor { get; private set; }

    public void OnGet([FromQuery(Name = "return")] string? back)
    {
        Meta = new PageMeta(text["RemindTitle"], text["RemindDescription"], "/appeal/remind");
        Back = SiteUrls.LocalPathOr(back, "/");
    }

    public async Task<IActionResult> OnPostAsync([FromQuery(Name = "return")] string? back, CancellationToken cancellationToken)
    {
        OnGet(back);
        if (FormGuardAttribute.CaughtBot(HttpContext))
        {
            // Answered as if scheduled, so the bot learns nothing; nothing is stored and no cookie is set.
            ScheduledFor = Input.When == "three-months" ? InThreeMonths : NextMonth;
            return Page();
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        ScheduledFor = await reminders.ScheduleAsync(Input.Email, Input.When == "three-months", Edition, cancellationToken);
        AppealVisibility.Snooze(Response, ScheduledFor.Value);
        return Page();
    }
}
