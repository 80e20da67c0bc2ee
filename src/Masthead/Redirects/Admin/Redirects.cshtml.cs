using Masthead.Audit;
using Masthead.Data;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masthead.Redirects.Admin;

/// <summary>The redirect table: what old addresses lead where (imports fill it), searchable, and extendable by hand.</summary>
public sealed class RedirectsModel(MastheadDb db, TimeProvider clock, AuditLog audit, IStringLocalizer<AdminText> text) : PageModel
{
    /// <summary>Rows shown at once: an archive's import can make tens of thousands, found by searching.</summary>
    public const int Shown = 200;

    public sealed record Row(int Id, string FromPath, string ToPath, string Source);

    public sealed class RedirectInput
    {
        public string? From { get; set; }

        public string? To { get; set; }
    }

    [BindProperty]
    public RedirectInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<Row> Redirects { get; private set; } = [];

    public int Total { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var from = RedirectPaths.Normalize(Input.From);
        var to = Input.To?.Trim() ?? "";
        if (from is null || from == "/")
        {
            ModelState.AddModelError("Input.From", text["FromRule"]);
        }
        else if (await db.Redirects.AnyAsync(r => r.FromPath == from, cancellationToken))
        {
            ModelState.AddModelError("Input.From", text["FromTaken", from]);
        }

        if (SiteUrls.LocalPathOr(to, "") is not { Length: > 0 } local || to.Length > RedirectPaths.MaxLength)
        {
            ModelState.AddModelError("Input.To", text["ToRule"]);
        }
        else if (RedirectPaths.Normalize(local) == from)
        {
            ModelState.AddModelError("Input.To", text["ToItself"]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }

        db.Redirects.Add(new Redirect { FromPath = from!, ToPath = SiteUrls.LocalPathOr(to, "/"), Source = RedirectSources.Editor, CreatedAt = clock.GetUtcNow() });
        audit.Record(User, AuditActions.RedirectAdded, "redirect", $"{from} → {to}");
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/admin/redirects?q=" + Uri.EscapeDataString(from!));
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Redirects.FindAsync([id], cancellationToken) is { } redirect)
        {
            db.Redirects.Remove(redirect);
            audit.Record(User, AuditActions.RedirectDeleted, "redirect", $"{redirect.FromPath} → {redirect.ToPath}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return Redirect("/admin/redirects");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var query = db.Redirects.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim().ToLowerInvariant();
            query = query.Where(r => r.FromPath.Contains(term) || r.ToPath.Contains(term));
        }

        Total = await query.CountAsync(cancellationToken);
        Redirects = await query.OrderBy(r => r.FromPath).Take(Shown).Select(r => new Row(r.Id, r.FromPath, r.ToPath, r.Source)).ToListAsync(cancellationToken);
    }
}
