using System.Globalization;
using Masthead.Contributions;
using Masthead.Data;
using Masthead.Newsroom;
using Masthead.Revenue.Appeals;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masthead.Revenue.Admin;

/// <summary>One chart's figures as a spreadsheet: a row per month (and currency, for money), columns month, currency, value.</summary>
public sealed class CsvModel(MastheadDb db, TimeProvider clock, IOptions<NewsroomOptions> newsroom, IStringLocalizer<AdminText> text) : PageModel
{
    /// <summary>The series each chart links to, by its name in the address.</summary>
    public static readonly IReadOnlyList<string> SeriesNames = ["mrr", "new-supporters", "ended-supporters", "churn", "one-time"];

    public async Task<IActionResult> OnGetAsync(string series, CancellationToken cancellationToken)
    {
        if (!SeriesNames.Contains(series))
        {
            return AppealReportPage.PlainText(StatusCodes.Status404NotFound, text["UnknownSeries", series, string.Join(", ", SeriesNames)]);
        }

        var now = clock.GetUtcNow();
        var figures = await RevenueHistory.LoadAsync(db, now, newsroom.Value.Zone, cancellationToken);
        return new CsvFile($"revenue-{series}-{now:yyyy-MM-dd}.csv", ["month", "currency", "value"], Cells(figures, series).ToAsyncEnumerable());
    }

    /// <summary>The rows of <paramref name="series"/>: money as a spreadsheet reads it (5.00), churn as a fraction (0.0500, empty when none were active).</summary>
    public static IEnumerable<IReadOnlyList<object?>> Cells(RevenueFigures figures, string series)
    {
        ArgumentNullException.ThrowIfNull(figures);
        for (var i = 0; i < figures.Months.Count; i++)
        {
            var month = figures.Months[i].ToString();
            var supporters = figures.Supporters[i];
            switch (series)
            {
                case "mrr" or "one-time":
                    foreach (var currency in series == "mrr" ? figures.Recurring : figures.OneTime)
                    {
                        yield return [month, currency.Currency, new CsvNumber(Currencies.FormatNumber(currency[i]))];
                    }

                    break;
                case "new-supporters":
                    yield return [month, null, supporters.New];
                    break;
                case "ended-supporters":
                    yield return [month, null, supporters.Ended];
                    break;
                default:
                    yield return [month, null, supporters.Churn is { } churn ? new CsvNumber(churn.ToString("0.0000", CultureInfo.InvariantCulture)) : null];
                    break;
            }
        }
    }
}
