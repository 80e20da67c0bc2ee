using Masthead.Data;
using Masthead.Web;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masthead.Articles.Site;

/// <summary>One friendly page for every error: what happened in plain words, and a way back to the news.</summary>
[IgnoreAntiforgeryToken]
public sealed partial class ErrorModel(MastheadDb db, TimeProvider clock, ILogger<ErrorModel> logger, IStringLocalizer<ArticlesText> text) : PublicPage
{
    public int Code { get; private set; }

    public string Heading { get; private set; } = "";

    public string Message { get; private set; } = "";

    public string Reference => HttpContext.TraceIdentifier;

    public IReadOnlyList<ArticleSummary> Latest { get; private set; } = [];

    public Task OnGetAsync(int? code, CancellationToken cancellationToken) => ShowAsync(code, cancellationToken);

    public Task OnPostAsync(int? code, CancellationToken cancellationToken) => ShowAsync(code, cancellationToken);

    private async Task ShowAsync(int? code, CancellationToken cancellationToken)
    {
        var failure = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        // /error/{code} is also an address anyone can type: only error statuses are shown, anything else is "not found".
        Code = code is { } asked ? asked is >= 400 and <= 599 ? asked : 404 : failure is null ? 404 : StorageUnavailable.Is(failure) ? 503 : 500;
        Response.StatusCode = Code;
        if (Code == 503)
        {
            if (failure is not null)
            {
                Operations.MastheadMetrics.DatabaseUnavailableAnswered();
            }

            Response.Headers.RetryAfter = StorageUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var kind = Code switch
        {
            404 or 410 or 403 or 413 or 503 => Code.ToString(System.Globalization.CultureInfo.InvariantCulture),
            >= 400 and < 500 => "4xx",
            _ => "5xx",
        };
        Heading = text[$"Error{kind}"];
        Message = Code is >= 400 and < 500 and not (404 or 410 or 403 or 413) && HttpContext.Features.Get<ReaderProblem>() is { } problem
            ? problem.Message
            : text[$"Error{kind}Message"];
        if (Code >= 500)
        {
            LogErrorShown(logger, HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path, Reference);
            return;
        }

        Latest = (await ArticleQueries.SummariesAsync(db, db.Articles.AsNoTracking().InEdition(Edition), clock.GetUtcNow(), 1, 5, cancellationToken)).Items;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Error page shown for {Path} with reference {Reference}")]
    private static partial void LogErrorShown(ILogger logger, string? path, string reference);
}
