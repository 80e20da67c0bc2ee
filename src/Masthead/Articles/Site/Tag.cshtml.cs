using Masthead.Data;
using Masthead.Newsroom;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Articles.Site;

public sealed class TagModel(MastheadDb db, TimeProvider clock, IOptions<NewsroomOptions> newsroom) : ArticleListPage(clock, newsroom)
{
    public string Name { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] string? pageNumber, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.AsNoTracking().Where(t => t.Slug == slug).Select(t => new { t.Id, t.Name }).SingleOrDefaultAsync(cancellationToken);
        if (tag is null)
        {
            return NotFound();
        }

        Name = tag.Name;
        Meta = new PageMeta(tag.Name, $"{Newsroom.Name}: articles on {tag.Name}.", SiteUrls.Tag(slug));
        return await ListAsync(db, db.Articles.AsNoTracking().Where(a => a.Tags.Any(t => t.Id == tag.Id)), pageNumber, cancellationToken);
    }
}
