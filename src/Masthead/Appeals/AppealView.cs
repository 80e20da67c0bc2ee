using Masthead.Contributions;
using Masthead.Data;
using Masthead.Newsroom;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Appeals;

/// <summary>The appeal as it is rendered after an article, with the ask computed from the contribution settings.</summary>
public sealed record AppealView(string Newsroom, string BodyHtml, string Ask, string ContinueLabel, string NotTodayLine, string SnoozeLabel, int SnoozeDays)
{
    /// <summary>The active appeal, or null when the newsroom has none switched on.</summary>
    public static async Task<AppealView?> ActiveAsync(MastheadDb db, NewsroomOptions newsroom, ContributionOptions contributions, CancellationToken cancellationToken)
    {
        var appeal = await db.Appeals.AsNoTracking().Where(a => a.IsActive).OrderByDescending(a => a.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
        return appeal is null ? null : Of(appeal, newsroom, contributions);
    }

    public static AppealView Of(Appeal appeal, NewsroomOptions newsroom, ContributionOptions contributions) => new(
        newsroom.Name, appeal.BodyHtml, AskLine(contributions), appeal.ContinueLabel, appeal.NotTodayLine, appeal.SnoozeLabel, appeal.SnoozeDays);

    /// <summary>"Support us monthly, from $2. It takes a minute." — the minimum comes from settings, never typed twice.</summary>
    public static string AskLine(ContributionOptions contributions) =>
        $"Support us monthly, from {contributions.Minimum(contributions.DefaultCurrency, Frequency.Monthly)}. It takes a minute.";
}
