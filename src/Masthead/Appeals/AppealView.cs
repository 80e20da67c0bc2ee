using System.Globalization;
using Masthead.Contributions;
using Masthead.Data;
using Masthead.Editions;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Appeals;

/// <summary>
/// The appeal as it is rendered after an article: the editors' words, and the fixed parts (the ask with its minimum
/// from the contribution settings) printed in <see cref="Culture"/>, its edition's language, whatever the page's.
/// </summary>
public sealed record AppealView(
    string Newsroom, string BodyHtml, Money MonthlyMinimum, string ContinueLabel, string NotTodayLine, string SnoozeLabel, int SnoozeDays, CultureInfo Culture)
{
    /// <summary>The edition's active appeal, or null when it has none switched on.</summary>
    public static async Task<AppealView?> ActiveAsync(MastheadDb db, Edition edition, ContributionOptions contributions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edition);
        var appeal = await db.Appeals.AsNoTracking().Where(a => a.IsActive && a.Edition == edition.Code).OrderByDescending(a => a.UpdatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return appeal is null ? null : Of(appeal, edition, contributions);
    }

    public static AppealView Of(Appeal appeal, Edition edition, ContributionOptions contributions)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(contributions);
        return new(edition.NewsroomName, appeal.BodyHtml, contributions.Minimum(contributions.CurrencyOf(edition), Frequency.Monthly),
            appeal.ContinueLabel, appeal.NotTodayLine, appeal.SnoozeLabel, appeal.SnoozeDays, edition.Culture);
    }
}
