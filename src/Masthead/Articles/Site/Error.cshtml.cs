using Masthead.Data;
using Masthead.Web;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Articles.Site;

/// <summary>One friendly page for every error: what happened in plain words, and a way back to the news.</summary>
[IgnoreAntiforgeryToken]
public sealed partial class ErrorModel(MastheadDb db, TimeProvider clock, ILogger<ErrorModel> logger) : PublicPage
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

        (Heading, Message) = Code switch
        {
            404 => ("We couldn't find that page", "The address may be mistyped, or the page may have moved."),
            410 => ("This article has been withdrawn", "The newsroom has unpublished it. Other reporting is below."),
            403 => ("You can't open this page", "Your account does not have access to it."),
            413 => ("That was too large to send", "Try a smaller file."),
            503 => ("We are very busy right now", "Nothing was saved from this request, so nothing is half done. Please try again in a few seconds."),
            >= 400 and < 500 => ("We couldn't handle that request", HttpContext.Features.Get<ReaderProblem>()?.Message ?? "Something in the address or the form was not right."),
            _ => ("Something went wrong on our side", "We have been told about it. Please try again in a moment."),
        };
        if (Code >= 500)
        {
            LogErrorShown(logger, HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path, Reference);
            return;
        }

        Latest = (await ArticleQueries.SummariesAsync(db, db.Articles.AsNoTracking(), clock.GetUtcNow(), 1, 5, cancellationToken)).Items;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Error page shown for {Path} with reference {Reference}")]
    private static partial void LogErrorShown(ILogger logger, string? path, string reference);
}
