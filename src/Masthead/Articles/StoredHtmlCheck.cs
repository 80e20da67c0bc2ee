using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Articles;

/// <summary>
/// At start, renders again the stored HTML of any article or appeal saved before the sanitizer removed form controls
/// (<see cref="ArticleMarkdown.FormTags"/>), since the feeds and the content API serve the stored HTML as it is. Only
/// rows that still hold such a tag are touched, so once they are clean this is one query per tag.
/// </summary>
public sealed partial class StoredHtmlCheck(IServiceScopeFactory scopes, ILogger<StoredHtmlCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var (articles, appeals) = (0, 0);
        foreach (var tag in ArticleMarkdown.FormTags.Select(t => "<" + t))
        {
            foreach (var article in await db.Articles.Where(a => a.BodyHtml.Contains(tag)).ToListAsync(cancellationToken))
            {
                article.BodyHtml = ArticleMarkdown.ToHtml(article.BodyMarkdown);
                articles++;
            }

            foreach (var appeal in await db.Appeals.Where(a => a.BodyHtml.Contains(tag)).ToListAsync(cancellationToken))
            {
                appeal.BodyHtml = ArticleMarkdown.ToHtml(appeal.BodyMarkdown);
                appeals++;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (articles + appeals > 0)
        {
            LogCleaned(articles, appeals);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed form controls from the stored HTML of {Articles} articles and {Appeals} appeals.")]
    private partial void LogCleaned(int articles, int appeals);
}
