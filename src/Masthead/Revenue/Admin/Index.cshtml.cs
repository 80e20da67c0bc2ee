using Masthead.Data;
using Masthead.Newsroom;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Masthead.Revenue.Admin;

/// <summary>The revenue dashboard: what readers' money did over the last two years, month by month, per currency. Admins only.</summary>
public sealed class IndexModel(MastheadDb db, TimeProvider clock, IOptions<NewsroomOptions> newsroom) : PageModel
{
    public RevenueFigures Figures { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Figures = await RevenueHistory.LoadAsync(db, clock.GetUtcNow(), newsroom.Value.Zone, cancellationToken);
}
