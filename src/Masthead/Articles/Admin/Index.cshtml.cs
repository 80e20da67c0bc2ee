using Masthead.Data;
using Masthead.Staff;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Articles.Admin;

public sealed class IndexModel(MastheadDb db, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, string Headline, ArticleStatus Status, DateTimeOffset? PublishAt, DateTimeOffset UpdatedAt, string Authors, bool CanEdit, string Edition);

    public IReadOnlyList<Row> Articles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (staffId, isEditor) = (User.StaffId(), User.IsEditor());
        var articles = await db.Articles.AsNoTracking().Where(ArticleQueries.ReadableBy(staffId, isEditor, now)).OrderByDescending(a => a.UpdatedAt).Take(200)
            .Select(a => new
            {
                // Only the columns the list shows; the rules still come from the entity.
                Article = new Article { Id = a.Id, Slug = a.Slug, Headline = a.Headline, Status = a.Status, PublishAt = a.PublishAt, UpdatedAt = a.UpdatedAt, CreatedById = a.CreatedById, Edition = a.Edition },
                Authors = a.Authors.Select(w => w.Name).ToList(),
            })
            .ToListAsync(cancellationToken);
        Articles = articles.Select(x => new Row(x.Article.Id, x.Article.Headline, x.Article.EffectiveStatusAt(now), x.Article.PublishAt,
            x.Article.UpdatedAt, string.Join(", ", x.Authors), x.Article.IsEditableBy(staffId, isEditor), x.Article.Edition)).ToList();
    }
}
