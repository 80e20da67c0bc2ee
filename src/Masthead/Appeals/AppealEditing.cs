using System.Security.Claims;
using Masthead.Appeals.Admin;
using Masthead.Audit;
using Masthead.Data;
using Masthead.Editions;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masthead.Appeals;

/// <summary>
/// What an editor's change to the appeals does: saving, switching one on, switching them all off. Each change
/// is audited and evicts the cached pages that show an appeal, so readers on every node see it on their next request.
/// </summary>
public sealed class AppealEditing(
    MastheadDb db, TimeProvider clock, PageCache cache, AuditLog audit, SiteEditions editions, AppealCounts counts,
    Microsoft.Extensions.Options.IOptions<Newsroom.NewsroomOptions> newsroom, IStringLocalizer<Admin.AdminText> text)
{
    /// <summary>
    /// Saves <paramref name="input"/> as a new appeal (<paramref name="existing"/> null) or over <paramref name="existing"/>, and
    /// with <paramref name="activate"/> switches it on. Returns null when someone saved the appeal after the form
    /// was loaded: then nothing is written, the "SavedMeanwhile" message is in <paramref name="errors"/>, and
    /// <paramref name="input"/> carries the current version, so saving the same text again replaces theirs.
    /// </summary>
    public async Task<Appeal?> SaveAsync(
        Appeal? existing, AppealInput input, bool activate, ClaimsPrincipal editor, ModelStateDictionary errors, string prefix, CancellationToken cancellationToken)
    {
        if (existing is not null && existing.Version != input.Version)
        {
            return Stale(existing.Version, input, errors, prefix);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var appeal = existing ?? db.Appeals.Add(new Appeal { Name = "" }).Entity;
        input.ApplyTo(appeal, editions, newsroom.Value.Zone);
        appeal.UpdatedAt = clock.GetUtcNow();

        // Many appeals may be on at once: each reader sees, per placement, the first whose audience and dates match.
        var switchingOn = activate && !appeal.IsActive;
        appeal.IsActive |= activate;
        if (!await db.SaveVersionedAsync(appeal, input.Version, transaction, cancellationToken))
        {
            // The page shows the appeal as it now is.
            return Stale(appeal.Version, input, errors, prefix);
        }

        var target = AuditLog.Target("appeal", appeal.Id);
        audit.Record(editor, AuditActions.AppealSaved, target, appeal.Name);
        if (switchingOn)
        {
            audit.Record(editor, AuditActions.AppealActivated, target, appeal.Name);
        }

        await db.SaveChangesAsync(cancellationToken);
        await cache.CommitAndEvictAsync(db, transaction, [AppealPageVariant.CacheTag], cancellationToken);
        await counts.RefreshAsync(db, cancellationToken);
        return appeal;
    }

    /// <summary>
    /// Switches off the appeal <paramref name="only"/>, or with none every appeal, e.g. on a day of mourning; returns how
    /// many were on.
    /// </summary>
    public async Task<int> SwitchOffAsync(ClaimsPrincipal editor, CancellationToken cancellationToken, int? only = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var on = db.Appeals.Where(a => a.IsActive && (only == null || a.Id == only));
        var active = await on.Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        var switchedOff = await on.ExecuteUpdateAsync(s => s.SetProperty(a => a.IsActive, false), cancellationToken);
        foreach (var appeal in active)
        {
            audit.Record(editor, AuditActions.AppealDeactivated, AuditLog.Target("appeal", appeal.Id), appeal.Name);
        }

        await db.SaveChangesAsync(cancellationToken);
        await cache.CommitAndEvictAsync(db, transaction, [AppealPageVariant.CacheTag], cancellationToken);
        return switchedOff;
    }

    private Appeal? Stale(int current, AppealInput input, ModelStateDictionary errors, string prefix)
    {
        errors.AddModelError("", text["SavedMeanwhile"]);
        input.Version = current;

        // The hidden field must carry the new version, not the posted one, so the next save goes through.
        errors.Remove($"{prefix}.{nameof(AppealInput.Version)}");
        return null;
    }
}
