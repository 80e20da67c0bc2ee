using Masthead.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masthead.SitePages.Admin;

/// <summary>Asks before deleting a page: its address then answers 404 and its links leave every page.</summary>
public sealed class DeleteModel(MastheadDb db, SitePageEditing editing, IStringLocalizer<AdminText> text) : PageModel
{
    public SitePage Existing { get; private set; } = null!;

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await editing.DeleteAsync(Existing, User, cancellationToken);
        Notice = text["Deleted", Existing.Title];
        return Redirect("/admin/pages");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Existing = (await db.SitePages.SingleOrDefaultAsync(p => p.Id == id, cancellationToken))!;
        return Existing is not null;
    }
}
