using System.ComponentModel.DataAnnotations;
using System.Globalization;
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
    /// <summary>How a month is written in the form's values ("2027-03"), whatever the page's language.</summary>
    public const string MonthFormat = "yyyy-MM";

    /// <summary>How the date field sends a day ("2027-03-14"), whatever the page's language.</summary>
    public const string DayFormat = "yyyy-MM-dd";

    public sealed class RemindInput
    {
        [Required(ErrorMessage = "Enter the email address to remind.")]
        [EmailAddressRule(ErrorMessage = "That does not look like an email address.")]
        [StringLength(254, ErrorMessage = "That is longer than any email address.")]
        public string Email { get; set; } = "";

        /// <summary>"next-month", "three-months", "month" (then <see cref="Month"/> is read) or "day" (then <see cref="Day"/>).</summary>
        [Required(ErrorMessage = "Choose when we should remind you.")]
        [RegularExpression("next-month|three-months|month|day", ErrorMessage = "Choose when we should remind you.")]
        public string When { get; set; } = "next-month";

        /// <summary>A month from the list, as <see cref="MonthFormat"/>. A string, so that garbage is our message, not the binder's.</summary>
        public string? Month { get; set; }

        /// <summary>A day, as <see cref="DayFormat"/>.</summary>
        public string? Day { get; set; }
    }

    [BindProperty]
    public RemindInput Input { get; set; } = new();

    public string Back { get; private set; } = "/";

    /// <summary>The newsroom's day now: the choices are counted from it.</summary>
    public DateOnly Today => Reminder.Today(clock.GetUtcNow(), newsroom.Value.Zone);

    public DateTimeOffset NextMonth => DueAt(Reminder.DueDay(Today, ReminderChoice.NextMonth, default)!.Value);

    public DateTimeOffset InThreeMonths => DueAt(Reminder.DueDay(Today, ReminderChoice.InThreeMonths, default)!.Value);

    /// <summary>The months of the list: the form's value and the name in the page's language ("March 2027", "Март 2027 г.").</summary>
    public IEnumerable<(string Value, string Name)> Months =>
        Reminder.Months(Today).Select(first => (first.ToString(MonthFormat, CultureInfo.InvariantCulture), Dates.Month(first)));

    public string FirstDay => Reminder.FirstDay(Today).ToString(DayFormat, CultureInfo.InvariantCulture);

    public string LastDay => Reminder.LastDay(Today).ToString(DayFormat, CultureInfo.InvariantCulture);

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
            ScheduledFor = ReadDueDate() ?? NextMonth;
            return Page();
        }

        var due = ReadDueDate();
        if (due is null || !ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await reminders.ScheduleAsync(Input.Email, due.Value, Edition, cancellationToken);
        ScheduledFor = due;
        AppealVisibility.Snooze(Response, due.Value);
        return Page();
    }

    /// <summary>
    /// The moment the reader's choice stands for, or null with the reason beside its field. Only the field the chosen
    /// option names is read, as the form works without script: the others keep whatever the reader left in them.
    /// </summary>
    private DateTimeOffset? ReadDueDate()
    {
        var today = Today;
        switch (Input.When)
        {
            case "next-month":
                return NextMonth;
            case "three-months":
                return InThreeMonths;
            case "month":
                if (DateOnly.TryParseExact(Input.Month, MonthFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
                    && Reminder.DueDay(today, ReminderChoice.Month, month) is { } first)
                {
                    return DueAt(first);
                }

                ModelState.AddModelError("Input.Month", text["ChooseMonth"]);
                return null;
            case "day":
                if (!DateOnly.TryParseExact(Input.Day, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    ModelState.AddModelError("Input.Day", text["DayNotADate", FirstDay]);
                    return null;
                }

                if (Reminder.DueDay(today, ReminderChoice.Day, day) is { } chosen)
                {
                    return DueAt(chosen);
                }

                ModelState.AddModelError("Input.Day", text["DayOutOfRange", Day(Reminder.FirstDay(today)), Day(Reminder.LastDay(today))]);
                return null;
            default:
                // Already refused by the field's own rules.
                return null;
        }
    }

    private DateTimeOffset DueAt(DateOnly day) => Reminder.At(day, newsroom.Value.Zone);

    private string Day(DateOnly day) => Dates.Day(DueAt(day), newsroom.Value);
}
