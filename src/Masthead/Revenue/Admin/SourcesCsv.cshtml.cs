using Masthead.Contributions;
using Masthead.Data;
using Masthead.Newsroom;
using Masthead.Revenue.Appeals;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masthead.Revenue.Admin;

/// <summary>The sources page's tables as spreadsheets, one per series, over the period in the address.</summary>
public sealed class SourcesCsvModel(MastheadDb db, TimeProvider clock, IOptions<NewsroomOptions> newsroom, IStringLocalizer<AdminText> text)
    : AppealReportPage(db, clock, newsroom)
{
    public static readonly IReadOnlyList<string> SeriesNames = ["placements", "campaign-codes", "editions", "outside-appeals"];

    public async Task<IActionResult> OnGetAsync(string series, CancellationToken cancellationToken)
    {
        if (await RefuseOrLoadAsync(series, SeriesNames, text, cancellationToken) is { } refused)
        {
            return refused;
        }

        var (report, file) = (Report!, FileName(series));
        if (series != "outside-appeals")
        {
            return new CsvFile(file, SourceCsv.Header, SourceCsv.Cells(SourcesModel.Rows(report, series, text)).ToAsyncEnumerable());
        }

        var outside = AppealRevenue.Outside(await AppealReport.LedgerGiftsAsync(Db, report.Period, cancellationToken), report.Total.Currencies);
        return new CsvFile(file, ["currency", "ledger_gifts", "ledger_first_year_value", "appeal_gifts", "appeal_first_year_value", "other_gifts", "other_first_year_value"],
            outside.Select(o => (IReadOnlyList<object?>)[o.Ledger.Currency, o.Ledger.Gifts, Number(o.Ledger), o.Appeals.Gifts, Number(o.Appeals), o.Rest.Gifts, Number(o.Rest)]).ToAsyncEnumerable());
    }

    private static CsvNumber Number(CurrencyGifts gifts) => new(Currencies.FormatNumber(gifts.Value));
}
