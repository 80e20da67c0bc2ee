using Masthead.Appeals;
using Masthead.Articles;
using Masthead.Data;
using Masthead.Editions;
using Masthead.Reach;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Newsletters;

/// <summary>What an issue carries, read once for a batch of readers, a preview or a test send.</summary>
public sealed class IssueContents(MastheadDb db, SiteEditions editions, MirrorList mirrors, TimeProvider clock)
{
    /// <summary>The issue with its articles readers can see now, in the editor's order, the edition's appeal and the current mirrors.</summary>
    public async Task<IssueMessages.Contents> ReadAsync(NewsletterIssue issue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var code = await db.NewsletterLists.Where(l => l.Id == issue.ListId).Select(l => l.Edition).SingleAsync(cancellationToken);
        var edition = editions.Get(code);
        var ids = issue.Articles;
        var found = await db.Articles.Visible(clock.GetUtcNow()).Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, Article = new IssueMessages.IssueArticle(a.Slug, a.Headline, a.Standfirst) }).ToListAsync(cancellationToken);
        var articles = ids.SelectMany(id => found.Where(f => f.Id == id).Select(f => f.Article)).ToList();

        // The newsroom's own words: the appeal a reader new to the site sees at the end of an article (no audience, count or
        // topic to meet, since a newsletter knows none of them), else the first one switched on.
        var now = clock.GetUtcNow();
        var appeals = await db.Appeals.AsNoTracking()
            .Where(a => a.IsActive && a.Edition == code && (a.StartsAt == null || a.StartsAt <= now) && (a.EndsAt == null || a.EndsAt > now))
            .Select(a => new { a.Id, a.Priority, a.UpdatedAt, a.Placement, a.Audience, a.MinArticles, a.Topic, a.BodyMarkdown, a.BodyHtml }).ToListAsync(cancellationToken);
        var ordered = appeals.OrderBy(a => a.Priority).ThenByDescending(a => a.UpdatedAt).ThenBy(a => a.Id).ToList();
        var appeal = ordered.FirstOrDefault(a => a.Placement == AppealPlacement.EndOfArticle && a.Audience is AppealAudience.Readers or AppealAudience.NeverGave
            && a.MinArticles == 0 && a.Topic == null) ?? ordered.FirstOrDefault();
        return new IssueMessages.Contents(issue, edition, articles, appeal?.BodyMarkdown, appeal?.BodyHtml, await mirrors.ReadAsync(cancellationToken));
    }
}
