using Masthead.Audit;
using Masthead.Data;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Appeals.Admin;

/// <summary>The newsroom's appeals: which one readers see now, and when each was last changed.</summary>
public sealed class IndexModel(MastheadDb db, PageCache cache, AuditLog audit) : PageModel
{
    public sealed record Row(int Id, string Name, bool IsActive, DateTimeOffset UpdatedAt);

    public IReadOnlyList<Row> Appeals { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Appeals = await db.Appeals.AsNoTracking().OrderByDescending(a => a.IsActive).ThenByDescending(a => a.UpdatedAt)
            .Select(a => new Row(a.Id, a.Name, a.IsActive, a.UpdatedAt)).ToListAsync(cancellationToken);

    /// <summary>No appeal after any article, e.g. on a day of mourning; one is switched back on from its editor.</summary>
    public async Task<IActionResult> OnPostSwitchOffAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var active = await db.Appeals.Where(a => a.IsActive).Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        var switchedOff = await db.Appeals.Where(a => a.IsActive).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsActive, false), cancellationToken);
        foreach (var appeal in active)
        {
            audit.Record(User, AuditActions.AppealDeactivated, AuditLog.Target("appeal", appeal.Id), appeal.Name);
        }

        await db.SaveChangesAsync(cancellationToken);
        await cache.CommitAndEvictAsync(db, transaction, [AppealPageVariant.CacheTag], cancellationToken);
        Notice = switchedOff == 0 ? "No appeal was on." : "All appeals are off: readers see no appeal after articles.";
        return Redirect("/admin/appeals");
    }
}
