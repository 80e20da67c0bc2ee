using Masthead.Audit;
using Masthead.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Staff.Admin.Account;

public sealed class SessionsModel(MastheadDb db, AuditLog audit) : PageModel
{
    public sealed record Row(string Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string UserAgent, bool IsThisBrowser);

    public IReadOnlyList<Row> Sessions { get; private set; } = [];

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

    public async Task<IActionResult> OnPostEndOthersAsync(CancellationToken cancellationToken)
    {
        var ended = await StaffSetup.EndSessionsAsync(db, User.StaffId(), except: User.SessionId(), cancellationToken);
        audit.Record(User, AuditActions.SessionsEnded, AuditLog.Staff(User.StaffId()), $"{ended} other than this browser");
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/admin/account/sessions");
    }
}
