using Masthead.Data;
using Masthead.Newsroom;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Articles.Site;

public sealed class FrontModel(MastheadDb db, TimeProvider clock, IOptions<NewsroomOptions> newsroom) : ArticleListPage(clock, newsroom)
{
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? pageNumber, CancellationToken cancellationToken)
    {
        Meta = new PageMeta(Newsroom.Name, Newsroom.Tagline, pageNumber is null ? "/" : $"/?page={pageNumber}");
        return await ListAsync(db, db.Articles.AsNoTracking(), pageNumber, cancellationToken);
    }
}
