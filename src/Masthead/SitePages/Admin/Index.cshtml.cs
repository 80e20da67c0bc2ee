using Masthead.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.SitePages.Admin;

/// <summary>The newsroom's standalone pages: where each is, whether readers see it, and its place in the navigation and the footer.</summary>
public sealed class IndexModel(MastheadDb db) : PageModel
{
    public sealed record Row(int Id, string Title, string Slug, string Edition, bool IsPublished, int? NavigationOrder, int? FooterOrder);

    public IReadOnlyList<Row> Pages { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Pages = await db.SitePages.AsNoTracking().OrderBy(p => p.Edition).ThenBy(p => p.Slug)
            .Select(p => new Row(p.Id, p.Title, p.Slug, p.Edition, p.IsPublished, p.NavigationOrder, p.FooterOrder)).ToListAsync(cancellationToken);
}
