using System.Globalization;
using Masthead.Data;
using Masthead.Newsroom;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masthead.Revenue.Appeals;

/// <summary>The editors' page's figures as spreadsheets: the funnel (a row per month) and what each appeal raised (a row per appeal and currency).</summary>
public sealed class CsvModel(MastheadDb db, TimeProvider clock, IOptions<NewsroomOptions> newsroom, IStringLocalizer<Masthead.Revenue.Admin.AdminText> text)
    : AppealReportPage(db, clock, newsroom)
{
    public static readonly IReadOnlyList<string> SeriesNames = ["funnel", "appeals"];

    public async Task<IActionResult> OnGetAsync(string series, CancellationToken cancellationToken)
    {
        if (await RefuseOrLoadAsync(series, SeriesNames, text, cancellationToken) is { } refused)
        {
            return refused;
        }

        var (report, file) = (Report!, FileName(series));
        return series == "funnel"
            ? new CsvFile(file, ["month", "shown", "continued", "gifts", "continue_rate", "paid_rate", "gift_rate"], FunnelCells(report).ToAsyncEnumerable())
            : new CsvFile(file, SourceCsv.Header, SourceCsv.Cells(report.ByAppeal().Select(s => new SourceRow(s.Key.Name, s.Key.Edition, s.Figures))).ToAsyncEnumerable());
    }

    /// <summary>Rates as fractions (0.0500), empty where there was nothing to divide by.</summary>
    public static IEnumerable<IReadOnlyList<object?>> FunnelCells(AppealReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        static CsvNumber? Fraction(decimal? rate) => rate is { } r ? new CsvNumber(r.ToString("0.0000", CultureInfo.InvariantCulture)) : null;
        return report.Period.Months.Select((month, i) => (IReadOnlyList<object?>)[
            month.ToString(), report.Funnel[i].Shown, report.Funnel[i].Continued, report.Funnel[i].Gifts,
            Fraction(report.Funnel[i].ContinueRate), Fraction(report.Funnel[i].PaidRate), Fraction(report.Funnel[i].GiftRate)]);
    }
}
