using Masthead.Data;
using Masthead.Editions;
using Masthead.Newsroom;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Articles.Site;

public sealed class FrontModel(MastheadDb db, TimeProvider clock, IOptions<NewsroomOptions> newsroom, SiteEditions editions, PublicAddress address)
    : ArticleListPage(clock, newsroom)
{
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? pageNumber, CancellationToken cancellationToken)
    {
        Meta = new PageMeta(Edition.NewsroomName, Edition.Tagline, pageNumber is null ? "/" : $"/?page={pageNumber}");
        if (pageNumber is null)
        {
            Translations = [.. editions.All.Where(other => other != Edition).Select(other => new EditionLink(other, address.ForEdition(HttpContext, other, "/")))];
        }

        return await ListAsync(db, db.Articles.AsNoTracking(), pageNumber, cancellationToken);
    }
}
