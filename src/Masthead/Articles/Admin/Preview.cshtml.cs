using Masthead.Data;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using System.Globalization;
using Masthead.Editions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masthead.Articles.Admin;

/// <summary>The article exactly as readers will see it, whatever its status.</summary>
public sealed class PreviewModel(MastheadDb db, TimeProvider clock, SiteEditions editions, IStringLocalizer<AdminText> text) : PublicPage
{
    public ArticleView Article { get; private set; } = null!;

    public bool IsLive { get; private set; }

    /// <summary>The banner above the article, in the staff member's language (the article below is in its edition's).</summary>
    public string Banner { get; private set; } = "";

    public string BackToEditing { get; private set; } = "";

    public string BannerLanguage { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await ArticleQueries.RefuseReadingAsync(db, id, User, clock.GetUtcNow(), cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var article = (await ArticleQueries.ViewsAsync(db, db.Articles.AsNoTracking().Where(a => a.Id == id), cancellationToken)).SingleOrDefault();
        if (article is null)
        {
            return NotFound();
        }

        Article = article;
        IsLive = await db.Articles.Where(a => a.Id == id).AnyAsync(ArticleQueries.VisibleAt(clock.GetUtcNow()), cancellationToken);
        Banner = text[IsLive ? "PreviewLive" : "PreviewNotLive"];
        BackToEditing = text["BackToEditing"];
        BannerLanguage = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

        // The article as its edition's readers see it: their words, dates and layout, not the staff member's.
        var edition = editions.Get(article.Edition);
        HttpContext.Features.Set(edition);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = edition.Culture;
        return Page();
    }
}
