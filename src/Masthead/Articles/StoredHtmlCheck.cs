using System.Linq.Expressions;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Articles;

/// <summary>
/// At start, renders again the stored HTML of any article or appeal saved before the sanitizer removed form controls
/// (<see cref="ArticleMarkdown.FormTags"/>), since the feeds and the content API serve the stored HTML as it is. Only
/// rows that still hold such a tag are touched, so once they are clean this is one read of each table.
/// </summary>
public sealed partial class StoredHtmlCheck(IServiceScopeFactory scopes, ILogger<StoredHtmlCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var articles = await db.Articles.Where(HoldsFormTag<Article>(a => a.BodyHtml)).ToListAsync(cancellationToken);
        foreach (var article in articles)
        {
            article.BodyHtml = ArticleMarkdown.ToHtml(article.BodyMarkdown);
        }

        var appeals = await db.Appeals.Where(HoldsFormTag<Appeals.Appeal>(a => a.BodyHtml)).ToListAsync(cancellationToken);
        foreach (var appeal in appeals)
        {
            appeal.BodyHtml = ArticleMarkdown.ToHtml(appeal.BodyMarkdown);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (articles.Count + appeals.Count > 0)
        {
            LogCleaned(articles.Count, appeals.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>"<paramref name="html"/> holds any of the form tags", as one condition, so each table is read once at start.</summary>
    private static Expression<Func<T, bool>> HoldsFormTag<T>(Expression<Func<T, string>> html)
    {
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        var any = ArticleMarkdown.FormTags
            .Select(tag => (Expression)Expression.Call(html.Body, contains, Expression.Constant("<" + tag)))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<T, bool>>(any, html.Parameters);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed form controls from the stored HTML of {Articles} articles and {Appeals} appeals.")]
    private partial void LogCleaned(int articles, int appeals);
}
