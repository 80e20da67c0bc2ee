using System.Security.Claims;
using Masthead.Articles.Admin;
using Masthead.Audit;
using Masthead.Data;
using Masthead.Editions;
using Masthead.Newsroom;
using Masthead.Search;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masthead.Articles;

/// <summary>What an editor's save does to an article: one place for the rules every save obeys.</summary>
public sealed class ArticleEditing(
    MastheadDb db, CoverImages covers, TimeProvider clock, IOptions<NewsroomOptions> newsroom, PageCache cache, AuditLog audit, SiteEditions editions,
    IStringLocalizer<Admin.AdminText> text, SearchIndex search)
{
    public TimeZoneInfo Zone => newsroom.Value.Zone;

    /// <summary>Checks the form against the database; every problem lands in <paramref name="errors"/> beside its field.</summary>
    public async Task ValidateAsync(ArticleForm form, int? articleId, ModelStateDictionary errors, CancellationToken cancellationToken)
    {
        var slug = string.IsNullOrWhiteSpace(form.Slug) ? Slugs.From(form.Headline ?? "") : form.Slug.Trim();
        if (!string.IsNullOrWhiteSpace(form.Slug) && !Slugs.IsValid(slug))
        {
            errors.AddModelError("Form.Slug", text["SlugRule"]);
        }
        else if (slug.Length == 0 && !string.IsNullOrWhiteSpace(form.Headline))
        {
            errors.AddModelError("Form.Slug", text["SlugFromNothing"]);
        }
        else if (slug.Length > 0 && await db.Articles.AnyAsync(a => a.Slug == slug && a.Id != articleId, cancellationToken))
        {
            errors.AddModelError("Form.Slug", text["SlugTaken", slug]);
        }

        var tags = form.TagNames();
        if (tags.Count > ArticleLimits.TagsPerArticle)
        {
            errors.AddModelError("Form.Tags", text["TooManyTags", ArticleLimits.TagsPerArticle]);
        }
        else if (tags.FirstOrDefault(t => t.Length > ArticleLimits.TagName || Slugs.From(t).Length == 0) is { } badTag)
        {
            errors.AddModelError("Form.Tags", text["BadTag", Shorten(badTag), ArticleLimits.TagName]);
        }

        var known = await db.Authors.Where(a => form.AuthorIds.Contains(a.Id)).CountAsync(cancellationToken);
        if (form.AuthorIds.Count == 0)
        {
            errors.AddModelError("Form.AuthorIds", text["ChooseAuthor"]);
        }
        else if (known != form.AuthorIds.Distinct().Count())
        {
            errors.AddModelError("Form.AuthorIds", text["AuthorGone"]);
        }

        if (!form.TryReadPublishAt(Zone, out _))
        {
            errors.AddModelError("Form.PublishAt", text["PublishAtFormat"]);
        }

        if (form.Cover is { } cover && CoverImages.Problem(cover) is { } problem)
        {
            errors.AddModelError("Form.Cover", problem);
        }

        await ValidateEditionAsync(form, articleId, errors, cancellationToken);
    }

    /// <summary>The address of an article in another edition that tells the same story as <paramref name="article"/>, for the form; null when none does.</summary>
    public async Task<string?> TranslationOfAsync(Article article, CancellationToken cancellationToken) =>
        article.StoryId is not { } story ? null : await db.Articles.AsNoTracking()
            .Where(a => a.StoryId == story && a.Id != article.Id && a.Edition != article.Edition)
            .OrderBy(a => a.Id).Select(a => a.Slug).FirstOrDefaultAsync(cancellationToken);

    /// <summary>A translation links to an article of another edition whose story has no article in this edition yet.</summary>
    private async Task ValidateEditionAsync(ArticleForm form, int? articleId, ModelStateDictionary errors, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(form.Edition) && editions.Find(form.Edition) is null)
        {
            errors.AddModelError("Form.Edition", text["ChooseEdition", editions.Codes]);
            return;
        }

        if (string.IsNullOrWhiteSpace(form.TranslationOf))
        {
            return;
        }

        var edition = editions.Get(form.Edition).Code;
        var slug = form.TranslationOf.Trim();
        var original = await db.Articles.AsNoTracking().Where(a => a.Slug == slug).Select(a => new { a.Id, a.Edition, Story = a.StoryId ?? a.Id })
            .SingleOrDefaultAsync(cancellationToken);
        if (original is null)
        {
            errors.AddModelError("Form.TranslationOf", text["NoSuchArticle", Shorten(slug)]);
        }
        else if (original.Id == articleId || original.Edition == edition)
        {
            errors.AddModelError("Form.TranslationOf", text["TranslationSameEdition"]);
        }
        else if (await db.Articles.AnyAsync(a => (a.StoryId == original.Story || a.Id == original.Story) && a.Edition == edition && a.Id != articleId, cancellationToken))
        {
            errors.AddModelError("Form.TranslationOf", text["StoryHasArticle"]);
        }
    }

    /// <summary>
    /// Applies a validated form, keeps a revision, and saves; a change of status is audited as done by <paramref name="editor"/>.
    /// Returns false (with a message) if the upload is not an image, or if someone saved the article after the form was loaded:
    /// then nothing is written and the form carries the current version, so saving the same text again replaces theirs.
    /// </summary>
    public async Task<bool> SaveAsync(
        Article article, ArticleForm form, ClaimsPrincipal editor, string savedBy, ModelStateDictionary errors, CancellationToken cancellationToken,
        Action<Article>? changeStatus = null)
    {
        if (article.Id != 0 && article.Version != form.Version)
        {
            return await RefuseStaleAsync(article.Id, form, errors, cancellationToken);
        }

        if (ArticleMarkdown.TryToHtml(form.Body ?? "") is not { } bodyHtml)
        {
            errors.AddModelError("Form.Body", text["TooComplex"]);
            return false;
        }

        if (form.Cover is { } cover)
        {
            var name = await covers.SaveAsync(db, cover, cancellationToken);
            if (name is null)
            {
                errors.AddModelError("Form.Cover", text["NotAnImage"]);
                return false;
            }

            article.CoverImage = name;
        }
        else if (form.RemoveCover)
        {
            article.CoverImage = null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (statusBefore, publishAtBefore) = (article.Status, article.PublishAt);
        changeStatus?.Invoke(article);
        var now = clock.GetUtcNow();
        article.Headline = form.Headline.Trim();
        article.Slug = string.IsNullOrWhiteSpace(form.Slug) ? Slugs.From(article.Headline) : form.Slug.Trim();
        article.Standfirst = form.Standfirst?.Trim() ?? "";
        article.BodyMarkdown = form.Body ?? "";
        article.BodyHtml = bodyHtml;
        article.Dateline = form.Dateline?.Trim() ?? "";
        article.CoverAlt = form.CoverAlt?.Trim() ?? "";
        article.IsSensitive = form.IsSensitive;
        article.Edition = editions.Get(form.Edition).Code;
        var linked = await LinkTranslationAsync(article, form, cancellationToken);
        article.UpdatedAt = now;
        if (article.Id == 0)
        {
            article.CreatedAt = now;
            db.Articles.Add(article);
        }

        // The article's own row first: what follows (its authors, tags and the revision's number) waits until this save
        // holds the row, and a refused save has written nothing else.
        if (!await db.SaveVersionedAsync(article, form.Version, transaction, cancellationToken))
        {
            // The page shows the article as it now is (its status, say).
            return await RefuseStaleAsync(article.Id, form, errors, cancellationToken);
        }

        article.Authors = await db.Authors.Where(a => form.AuthorIds.Contains(a.Id)).ToListAsync(cancellationToken);
        article.Tags = await TagsAsync(form.TagNames(), cancellationToken);
        var number = await LatestRevisionAsync(article.Id, cancellationToken) + 1;
        db.ArticleRevisions.Add(ArticleRevision.Of(article, number, now, savedBy));
        if (StatusChange(article, statusBefore, publishAtBefore) is { } action)
        {
            var headline = Shorten(article.Headline);
            audit.Record(editor, action, AuditLog.Target("article", article.Id),
                action == AuditActions.ArticleScheduled ? $"for {Dates.Iso(article.PublishAt!.Value)}: {headline}" : headline);
        }

        await db.SaveChangesAsync(cancellationToken);
        await search.IndexAsync(article, cancellationToken);

        // Whatever changed (text, status, slug, tags), readers see it on their next request, on every node.
        await cache.CommitAndEvictAsync(db, transaction, [ArticleCacheTags.Article(article.Id), ArticleCacheTags.Lists, .. linked.Select(ArticleCacheTags.Article)], cancellationToken);
        form.Version = article.Version;
        return true;
    }

    /// <summary>
    /// Joins <paramref name="article"/> to the story of the article the form names (which becomes the story's first
    /// article if it had no translations), or takes it out of its story; returns the other articles whose pages change.
    /// </summary>
    private async Task<List<int>> LinkTranslationAsync(Article article, ArticleForm form, CancellationToken cancellationToken)
    {
        var before = article.StoryId;
        if (string.IsNullOrWhiteSpace(form.TranslationOf))
        {
            article.StoryId = null;
        }
        else
        {
            var slug = form.TranslationOf.Trim();
            var original = await db.Articles.SingleAsync(a => a.Slug == slug, cancellationToken);
            original.StoryId ??= original.Id;
            article.StoryId = original.StoryId;
        }

        var stories = new[] { before, article.StoryId }.OfType<int>().Distinct().ToList();
        return stories.Count == 0 ? [] : await db.Articles.Where(a => a.StoryId != null && stories.Contains(a.StoryId.Value) && a.Id != article.Id)
            .Select(a => a.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Says who saved the article meanwhile, and puts the current version in the form so the next save goes through.</summary>
    private async Task<bool> RefuseStaleAsync(int articleId, ArticleForm form, ModelStateDictionary errors, CancellationToken cancellationToken)
    {
        var current = await db.Articles.AsNoTracking().Where(a => a.Id == articleId).Select(a => a.Version).SingleAsync(cancellationToken);
        var latest = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == articleId).OrderByDescending(r => r.Number)
            .Select(r => new { r.Number, r.SavedBy }).FirstOrDefaultAsync(cancellationToken);
        errors.AddModelError("", latest is null ? text["SavedMeanwhile", text["Someone"]] : text["SavedMeanwhileRevision", latest.SavedBy, latest.Number]);
        form.Version = current;

        // The hidden field must carry the new version, not the posted one, so the next save goes through.
        errors.Remove($"Form.{nameof(ArticleForm.Version)}");
        return false;
    }

    private async Task<int> LatestRevisionAsync(int articleId, CancellationToken cancellationToken) =>
        await db.ArticleRevisions.Where(r => r.ArticleId == articleId).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0;

    /// <summary>Finds tags by their slug so "Politics" and "politics" are one tag; creates the missing ones.</summary>
    private async Task<List<Tag>> TagsAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var wanted = names.Select(n => (Name: n, Slug: Slugs.From(n))).DistinctBy(t => t.Slug).ToList();
        var slugs = wanted.Select(t => t.Slug).ToList();
        var existing = await db.Tags.Where(t => slugs.Contains(t.Slug)).ToListAsync(cancellationToken);
        return wanted.Select(w => existing.FirstOrDefault(t => t.Slug == w.Slug) ?? new Tag { Name = w.Name, Slug = w.Slug }).ToList();
    }

    /// <summary>The audited action when this save published, unpublished or (re)scheduled the article; null for a plain save.</summary>
    private static string? StatusChange(Article article, ArticleStatus before, DateTimeOffset? publishAtBefore) => article.Status switch
    {
        ArticleStatus.Published when before != ArticleStatus.Published => AuditActions.ArticlePublished,
        ArticleStatus.Unpublished when before != ArticleStatus.Unpublished => AuditActions.ArticleUnpublished,
        ArticleStatus.Scheduled when before != ArticleStatus.Scheduled || publishAtBefore != article.PublishAt => AuditActions.ArticleScheduled,
        _ => null,
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : Web.TypedText.Cut(text, 40) + "…";
}
