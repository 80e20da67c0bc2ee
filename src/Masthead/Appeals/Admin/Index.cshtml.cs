using Masthead.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masthead.Appeals.Admin;

/// <summary>The newsroom's appeals: which one readers see now, and when each was last changed.</summary>
public sealed class IndexModel(MastheadDb db, AppealEditing editing, IStringLocalizer<AdminText> text) : PageModel
{
    public sealed record Row(int Id, string Name, string Edition, bool IsActive, DateTimeOffset UpdatedAt, AppealAudience Audience, AppealPlacement Placement, AppealTestStatus Test);

    public IReadOnlyList<Row> Appeals { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Appeals = await db.Appeals.AsNoTracking().OrderBy(a => a.Edition).ThenByDescending(a => a.IsActive).ThenBy(a => a.Priority).ThenByDescending(a => a.UpdatedAt)
            .Select(a => new Row(a.Id, a.Name, a.Edition, a.IsActive, a.UpdatedAt, a.Audience, a.Placement, a.Test)).ToListAsync(cancellationToken);

    /// <summary>No appeal after any article, e.g. on a day of mourning; one is switched back on from its editor.</summary>
    public async Task<IActionResult> OnPostSwitchOffAsync(CancellationToken cancellationToken)
    {
        Notice = await editing.SwitchOffAsync(User, cancellationToken) == 0 ? text["NoneWasOn"] : text["AllOff"];
        return Redirect("/admin/appeals");
    }
}
