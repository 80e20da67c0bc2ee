using Masthead.Data;
using Masthead.Newsroom;
using Masthead.Revenue.Appeals;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masthead.Revenue.Admin;

/// <summary>Where gifts came from over a period: per placement, campaign code and edition, and the ledger's new gifts beside the appeals'. Admins only.</summary>
public sealed class SourcesModel(MastheadDb db, TimeProvider clock, IOptions<NewsroomOptions> newsroom) : AppealReportPage(db, clock, newsroom)
{
    public IReadOnlyList<OutsideAppeals> Outside { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadReportAsync(cancellationToken))
        {
            Outside = AppealRevenue.Outside(await AppealReport.LedgerGiftsAsync(Db, Report!.Period, cancellationToken), Report.Total.Currencies);
        }
    }

    /// <summary>The rows of the three tables, labelled in the page's language; the CSV names them the same way.</summary>
    public static IReadOnlyList<SourceRow> Rows(AppealReport report, string series, IStringLocalizer<AdminText> text)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(text);
        return series switch
        {
            "placements" => [.. report.ByPlacement().Select(s => new SourceRow(text[$"Placement.{s.Key}"], null, s.Figures))],
            "campaign-codes" => [.. report.ByCode().Select(s => new SourceRow(s.Key.ToString(), null, s.Figures))],
            _ => [.. report.ByEdition().Select(s => new SourceRow(s.Key.Length == 0 ? text["MainEdition"] : s.Key, null, s.Figures))],
        };
    }
}
