using Masthead.Data;
using Masthead.Newsroom;
using Microsoft.Extensions.Options;

namespace Masthead.Revenue.Appeals;

/// <summary>
/// The appeals' funnel and what each appeal raised, for editors as well as admins: read from the tallies alone, which
/// know no supporter, so nothing here names one.
/// </summary>
public sealed class IndexModel(MastheadDb db, TimeProvider clock, IOptions<NewsroomOptions> newsroom) : AppealReportPage(db, clock, newsroom)
{
    public Task OnGetAsync(CancellationToken cancellationToken) => LoadReportAsync(cancellationToken);
}
