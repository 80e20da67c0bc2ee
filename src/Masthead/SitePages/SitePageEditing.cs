using System.Security.Claims;
using Masthead.Articles;
using Masthead.Audit;
using Masthead.Data;
using Masthead.Editions;
using Masthead.SitePages.Admin;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masthead.SitePages;

/// <summary>
/// What an editor's change to a standalone page does: checked, saved against its version, audited, and evicting every
/// cached page on every node (each shows the navigation and the footer), in one transaction.
/// </summary>
public sealed class SitePageEditing(MastheadDb db, TimeProvider clock, PageCache cache, AuditLog audit, SiteEditions editions, IStringLocalizer<Admin.AdminText> text)
{
    private const string Field = "Form";

    /// <summary>Checks the form against the rules and the database; every problem lands in <paramref name="errors"/> beside its field.</summary>
    public async Task ValidateAsync(SitePageForm form, int? pageId, ModelStateDictionary errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        var slugField = $"{Field}.{nameof(SitePageForm.Slug)}";
        if (!string.IsNullOrEmpty(form.Edition) && editions.Find(form.Edition) is null)
        {
            errors.AddModelError($"{Field}.{nameof(SitePageForm.Edition)}", text["ChooseEdition", editions.Codes]);
            return;
        }

        var slug = form.ChosenSlug();
        var edition = editions.Get(form.Edition).Code;
        if (!string.IsNullOrWhiteSpace(form.Slug) && !Slugs.IsValid(slug))
        {
            errors.AddModelError(slugField, text["SlugRule"]);
        }
        else if (slug.Length == 0 && !string.IsNullOrWhiteSpace(form.Title))
        {
            errors.AddModelError(slugField, text["SlugFromNothing"]);
        }
        else if (slug.Length > 0 && SitePageSlugs.IsReserved(slug, editions))
        {
            errors.AddModelError(slugField, text["SlugReserved", slug]);
        }
        else if (slug.Length > 0 && await db.SitePages.AnyAsync(p => p.Edition == edition && p.Slug == slug && p.Id != pageId, cancellationToken))
        {
            errors.AddModelError(slugField, text["SlugTaken", slug]);
        }
    }

    /// <summary>
    /// Saves a validated form as a new page (<paramref name="existing"/> null) or over <paramref name="existing"/>. Returns null
    /// with a message when the body is too complex to render, or when someone saved the page after the form was loaded: then
    /// nothing is written and the form carries the current version, so saving the same text again replaces theirs.
    /// </summary>
    public async Task<SitePage?> SaveAsync(SitePage? existing, SitePageForm form, ClaimsPrincipal editor, ModelStateDictionary errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        if (existing is not null && existing.Version != form.Version)
        {
            return Stale(existing.Version, form, errors);
        }

        if (ArticleMarkdown.TryToHtml(form.Body ?? "") is not { } bodyHtml)
        {
            errors.AddModelError($"{Field}.{nameof(SitePageForm.Body)}", text["TooComplex"]);
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var page = existing ?? db.SitePages.Add(new SitePage { Slug = "", Title = "", CreatedAt = now }).Entity;
        page.Title = form.Title.Trim();
        page.Slug = form.ChosenSlug();
        page.Edition = editions.Get(form.Edition).Code;
        page.BodyMarkdown = form.Body ?? "";
        page.BodyHtml = bodyHtml;
        page.IsPublished = form.IsPublished;
        page.NavigationOrder = form.NavigationOrder;
        page.FooterOrder = form.FooterOrder;
        page.ShowsAppeal = form.ShowsAppeal;
        page.UpdatedAt = now;
        if (!await db.SaveVersionedAsync(page, form.Version, transaction, cancellationToken))
        {
            return Stale(page.Version, form, errors);
        }

        audit.Record(editor, existing is null ? AuditActions.PageCreated : AuditActions.PageSaved, AuditLog.Target("page", page.Id), Describe(page));
        await db.SaveChangesAsync(cancellationToken);
        await cache.CommitAndEvictAsync(db, transaction, [SitePageCacheTags.Pages], cancellationToken);
        form.Version = page.Version;
        return page;
    }

    /// <summary>Deletes <paramref name="page"/>, audited; readers get 404 at its address from the next request, on every node.</summary>
    public async Task DeleteAsync(SitePage page, ClaimsPrincipal editor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.SitePages.Remove(page);
        audit.Record(editor, AuditActions.PageDeleted, AuditLog.Target("page", page.Id), Describe(page));
        await db.SaveChangesAsync(cancellationToken);
        await cache.CommitAndEvictAsync(db, transaction, [SitePageCacheTags.Pages], cancellationToken);
    }

    private static string Describe(SitePage page) =>
        $"{page.Edition}/{page.Slug}{(page.IsPublished ? "" : " (draft)")}: {(page.Title.Length <= 40 ? page.Title : TypedText.Cut(page.Title, 40) + "…")}";

    private SitePage? Stale(int current, SitePageForm form, ModelStateDictionary errors)
    {
        errors.AddModelError("", text["SavedMeanwhile"]);
        form.Version = current;

        // The hidden field must carry the new version, not the posted one, so the next save goes through.
        errors.Remove($"{Field}.{nameof(SitePageForm.Version)}");
        return null;
    }
}
