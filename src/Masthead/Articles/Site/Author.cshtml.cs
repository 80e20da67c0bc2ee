using Masthead.Data;
using Masthead.Newsroom;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Articles.Site;

public sealed class AuthorModel(MastheadDb db, TimeProvider clock, IOptions<NewsroomOptions> newsroom) : ArticleListPage(clock, newsroom)
{
    public string Name { get; private set; } = "";

    public string Bio { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] string? pageNumber, CancellationToken cancellationToken)
    {
        var author = await db.Authors.AsNoTracking().Where(a => a.Slug == slug).Select(a => new { a.Id, a.Name, a.Bio }).SingleOrDefaultAsync(cancellationToken);
        if (author is null)
        {
            return NotFound();
        }

        (Name, Bio) = (author.Name, author.Bio);
        Meta = new PageMeta(author.Name, author.Bio.Length > 0 ? author.Bio : $"Articles by {author.Name}.", SiteUrls.Author(slug), "profile");
        return await ListAsync(db, db.Articles.AsNoTracking().Where(a => a.Authors.Any(w => w.Id == author.Id)), pageNumber, cancellationToken);
    }
}
