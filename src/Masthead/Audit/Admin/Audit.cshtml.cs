using System.Globalization;
using Masthead.Articles;
using Masthead.Data;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masthead.Audit.Admin;

/// <summary>Who did what and when: sign-ins, publishing, appeals, staff accounts and exports, newest first. Admins only.</summary>
public sealed class AuditModel(MastheadDb db, AuditLog audit, TimeProvider clock, IStringLocalizer<AdminText> text) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(DateTimeOffset At, int? StaffId, string StaffName, string StaffEmail, string Action, string Target, string Detail);

    public sealed record StaffChoice(int Id, string Name);

    public Page<Row> Entries { get; private set; } = new([], 1, PageSize, 0);

    public IReadOnlyList<StaffChoice> StaffChoices { get; private set; } = [];

    /// <summary>The action shown, or null for all.</summary>
    public string? Action { get; private set; }

    /// <summary>The staff member whose actions are shown, or null for everyone's.</summary>
    public int? StaffId { get; private set; }

    public async Task<IActionResult> OnGetAsync(
        [FromQuery(Name = "page")] string? page, [FromQuery(Name = "action")] string? action, [FromQuery(Name = "staff")] string? staff, CancellationToken cancellationToken)
    {
        if (PageNumber.Parse(page) is not { } number)
        {
            return Refuse(PageNumber.Problem);
        }

        if (Filter(action, staff) is { } problem)
        {
            return Refuse(problem);
        }

        var entries = Filtered();
        var total = await entries.CountAsync(cancellationToken);
        Entries = new Page<Row>(await Project(entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip((number - 1) * PageSize).Take(PageSize))
            .ToListAsync(cancellationToken), number, PageSize, total);
        StaffChoices = await db.Staff.AsNoTracking().OrderBy(s => s.DisplayName).Select(s => new StaffChoice(s.Id, s.DisplayName)).ToListAsync(cancellationToken);
        return number > Entries.Count ? NotFound() : Page();
    }

    /// <summary>The entries the page shows with the same filters, all of them; the export is itself audited first.</summary>
    public async Task<IActionResult> OnGetCsvAsync([FromQuery(Name = "action")] string? action, [FromQuery(Name = "staff")] string? staff, CancellationToken cancellationToken)
    {
        if (Filter(action, staff) is { } problem)
        {
            return Refuse(problem);
        }

        audit.Record(User, AuditActions.AuditExported, "",
            $"{Action ?? "all actions"}, {(StaffId is { } id ? AuditLog.Staff(id) : "all staff")}");
        await db.SaveChangesAsync(cancellationToken);
        var rows = Project(Filtered().OrderByDescending(e => e.At).ThenByDescending(e => e.Id)).AsAsyncEnumerable()
            .Select(r => (IReadOnlyList<object?>)[r.At, r.StaffId, r.StaffName, r.StaffEmail, r.Action, r.Target, r.Detail]);
        return new CsvFile($"audit-{clock.GetUtcNow():yyyy-MM-dd}.csv", ["at", "staff_id", "staff_name", "staff_email", "action", "target", "detail"], rows);
    }

    private string? Filter(string? action, string? staff)
    {
        if (!string.IsNullOrWhiteSpace(action))
        {
            Action = AuditActions.All.FirstOrDefault(a => a == action.Trim());
            if (Action is null)
            {
                return text["NotAnAction", action];
            }
        }

        if (!string.IsNullOrWhiteSpace(staff))
        {
            if (!int.TryParse(staff.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return text["StaffByNumber"];
            }

            StaffId = id;
        }

        return null;
    }

    private IQueryable<AuditEntry> Filtered()
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (Action is not null)
        {
            entries = entries.Where(e => e.Action == Action);
        }

        return StaffId is { } id ? entries.Where(e => e.StaffId == id) : entries;
    }

    private static IQueryable<Row> Project(IQueryable<AuditEntry> entries) =>
        entries.Select(e => new Row(e.At, e.StaffId, e.StaffName, e.StaffEmail, e.Action, e.Target, e.Detail));

    private BadRequestResult Refuse(string problem)
    {
        HttpContext.Features.Set(new ReaderProblem(problem));
        return BadRequest();
    }
}
