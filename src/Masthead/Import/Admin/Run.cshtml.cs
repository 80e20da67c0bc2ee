using Masthead.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Import.Admin;

/// <summary>One import: how far it got while it runs (the page refreshes itself, no script needed), then its report.</summary>
public sealed class RunModel(MastheadDb db) : PageModel
{
    /// <summary>Seconds between refreshes while the import runs.</summary>
    public const int RefreshSeconds = 2;

    public ImportRun Run { get; private set; } = null!;

    public ImportReport Report { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.ImportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } run)
        {
            return NotFound();
        }

        Run = run;
        Report = ImportRunner.ReportOf(run);
        if (run.State == ImportRunState.Running)
        {
            Response.Headers["Refresh"] = RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Page();
    }
}
