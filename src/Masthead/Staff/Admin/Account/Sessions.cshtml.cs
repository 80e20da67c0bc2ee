using Masthead.Audit;
using Masthead.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masthead.Staff.Admin.Account;

public sealed class SessionsModel(MastheadDb db, AuditLog audit, IStringLocalizer<AdminText> text) : PageModel
{
    public sealed record Row(string Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string UserAgent, bool IsThisBrowser);

    public IReadOnlyList<Row> Sessions { get; private set; } = [];

    /// <summary>The language the admin is printed in for this person, as their sign-in cookie says.</summary>
    public string Language => User.FindFirst(StaffLanguage.Claim)?.Value ?? StaffLanguages.English;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var staffId = User.StaffId();
        var current = User.SessionId();
        Sessions = (await db.StaffSessions.Where(s => s.StaffMemberId == staffId)
                .Select(s => new { s.Id, s.CreatedAt, s.LastSeenAt, s.UserAgent })
                .ToListAsync(cancellationToken))
            .Select(s => new Row(s.Id, s.CreatedAt, s.LastSeenAt, s.UserAgent, s.Id == current))
            .OrderByDescending(s => s.IsThisBrowser).ThenByDescending(s => s.LastSeenAt)
            .ToList();
    }

    /// <summary>Ends one of the signed-in person's own sessions; someone else's id simply matches nothing.</summary>
    public async Task<IActionResult> OnPostEndAsync(string? sessionId, CancellationToken cancellationToken)
    {
        var staffId = User.StaffId();
        await db.StaffSessions.Where(s => s.StaffMemberId == staffId && s.Id == sessionId).ExecuteDeleteAsync(cancellationToken);
        return Redirect(sessionId == User.SessionId() ? "/admin/signin" : "/admin/account/sessions");
    }

    /// <summary>Saves the language this person reads the admin in and renews this browser's cookie, whose claim carries it.</summary>
    public async Task<IActionResult> OnPostLanguageAsync(string? language, CancellationToken cancellationToken)
    {
        var staff = await db.Staff.FindAsync([User.StaffId()], cancellationToken);
        if (staff is null)
        {
            return Forbid();
        }

        if (!StaffLanguages.IsKnown(language))
        {
            ModelState.AddModelError("", text["ChooseLanguage"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await OnGetAsync(cancellationToken);
            return Page();
        }

        if (staff.Language != language)
        {
            audit.Record(User, AuditActions.LanguageChanged, AuditLog.Staff(staff.Id), $"{staff.Language} to {language}");
            staff.Language = language!;
            await db.SaveChangesAsync(cancellationToken);
        }

        await StaffSetup.SignInAsync(HttpContext, staff, User.SessionId());
        return Redirect("/admin/account/sessions");
    }

    public async Task<IActionResult> OnPostEndOthersAsync(CancellationToken cancellationToken)
    {
        var ended = await StaffSetup.EndSessionsAsync(db, User.StaffId(), except: User.SessionId(), cancellationToken);
        audit.Record(User, AuditActions.SessionsEnded, AuditLog.Staff(User.StaffId()), $"{ended} other than this browser");
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/admin/account/sessions");
    }
}
