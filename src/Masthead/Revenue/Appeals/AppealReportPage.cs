using Masthead.Data;
using Masthead.Newsroom;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masthead.Revenue.Appeals;

/// <summary>The period in the address and the appeals' report over it: what the appeals' pages and their CSVs all start from.</summary>
public abstract class AppealReportPage(MastheadDb db, TimeProvider clock, IOptions<NewsroomOptions> newsroom) : PageModel
{
    [BindProperty(SupportsGet = true, Name = RevenuePeriod.QueryName)]
    public string? Months { get; set; }

    /// <summary>Null when the period asked for is not one of the choices: the page says so with a 400.</summary>
    public AppealReport? Report { get; private set; }

    protected MastheadDb Db => db;

    /// <summary>Loads <see cref="Report"/> over the period asked for; false, with a 400, when it is not one of <see cref="RevenuePeriod.Choices"/>.</summary>
    protected async Task<bool> LoadReportAsync(CancellationToken cancellationToken)
    {
        if (RevenuePeriod.Parse(Months, clock.GetUtcNow(), newsroom.Value.Zone) is not { } period)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return false;
        }

        Report = await AppealReport.LoadAsync(db, period, newsroom.Value.Zone, cancellationToken);
        return true;
    }

    /// <summary>
    /// For a CSV: a plain-text 404 for a series not in <paramref name="names"/> or a 400 for a period not offered, each
    /// saying what there is; null, with <see cref="Report"/> loaded, when the request is good.
    /// </summary>
    protected async Task<ContentResult?> RefuseOrLoadAsync(string series, IReadOnlyList<string> names, IStringLocalizer<Masthead.Revenue.Admin.AdminText> text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(text);
        return !names.Contains(series) ? PlainText(StatusCodes.Status404NotFound, text["UnknownSeries", series, string.Join(", ", names)])
            : !await LoadReportAsync(cancellationToken) ? PlainText(StatusCodes.Status400BadRequest, text["BadPeriod", string.Join(", ", RevenuePeriod.Choices)])
            : null;
    }

    /// <summary>"appeals-revenue-appeals-12m-2026-11-02.csv": the series, the period and the day, so two downloads are told apart.</summary>
    protected string FileName(string series) => $"appeals-revenue-{series}-{Report!.Period.Count}m-{clock.GetUtcNow():yyyy-MM-dd}.csv";

    /// <summary>A refusal in plain words, for a CSV link someone typed or kept: a spreadsheet address gets no HTML page.</summary>
    internal static ContentResult PlainText(int status, string message) => new() { StatusCode = status, Content = message + "\n", ContentType = "text/plain; charset=utf-8" };
}
