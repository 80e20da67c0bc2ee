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
/// What an editor's change to the appeals does: saving, making one the appeal readers see, switching them off. Each change
/// is audited and evicts the cached pages that show an appeal, so readers on every node see it on their next request.
/// </summary>
public sealed class AppealEditing(MastheadDb db, TimeProvider clock, PageCache cache, AuditLog audit, SiteEditions editions, IStringLocalizer<Admin.AdminText> text)
{
    /// <summary>
    /// Saves <paramref name="input"/> as a new appeal (<paramref name="existing"/> null) or over <paramref name="existing"/>, and
    /// with <paramref name="activate"/> makes it the one readers see. Returns null when someone saved the appeal after the form
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
        input.ApplyTo(appeal, editions);
        appeal.UpdatedAt = clock.GetUtcNow();
        if (!await db.SaveVersionedAsync(appeal, input.Version, transaction, cancellationToken))
        {
            // The page shows the appeal as it now is.
            return Stale(appeal.Version, input, errors, prefix);
        }

        var target = AuditLog.Target("appeal", appeal.Id);
        audit.Record(editor, AuditActions.AppealSaved, target, appeal.Name);
        if (activate)
        {
            // One statement switches this appeal on and every other of its edition off, so two editors activating
            // different appeals at the same moment still leave exactly one active: whichever statement runs last.
            await db.Appeals.Where(a => a.Edition == appeal.Edition)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.IsActive, a => a.Id == appeal.Id), cancellationToken);
            audit.Record(editor, AuditActions.AppealActivated, target, appeal.Name);
        }

        await db.SaveChangesAsync(cancellationToken);
        await cache.CommitAndEvictAsync(db, transaction, [AppealPageVariant.CacheTag], cancellationToken);
        return appeal;
    }

    /// <summary>No appeal after any article, e.g. on a day of mourning; returns how many were on.</summary>
    public async Task<int> SwitchOffAsync(ClaimsPrincipal editor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var active = await db.Appeals.Where(a => a.IsActive).Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        var switchedOff = await db.Appeals.Where(a => a.IsActive).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsActive, false), cancellationToken);
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
