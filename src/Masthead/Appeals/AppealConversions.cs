using System.Linq.Expressions;
using Masthead.Contributions;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Appeals;

/// <summary>
/// A confirmed gift that came through an appeal, added to that appeal's counters in the same save as the ledger line,
/// so it is counted exactly once. The campaign code is then dropped from the checkout: the supporter's records keep no
/// trace of which appeal, variant or placement they saw.
/// </summary>
public static class AppealConversions
{
    public static async Task AddAsync(MastheadDb db, Checkout checkout, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(checkout);
        var code = CampaignCode.Parse(checkout.Campaign);
        checkout.Campaign = null;
        if (code is not { } campaign)
        {
            return;
        }

        var hour = AppealCounts.HourOf(at);
        var currency = checkout.Currency;
        // One rule for the row added earlier in this save and the row already stored.
        Expression<Func<AppealTally, bool>> matches = t => t.AppealId == campaign.AppealId && t.Variant == campaign.Variant
            && t.Placement == campaign.Placement && t.Hour == hour && t.Currency == currency;
        var tally = db.AppealTallies.Local.AsQueryable().FirstOrDefault(matches)
            ?? await db.AppealTallies.FirstOrDefaultAsync(matches, cancellationToken)
            ?? db.AppealTallies.Add(new AppealTally
            {
                Hour = hour, AppealId = campaign.AppealId, Variant = campaign.Variant, Placement = campaign.Placement, Currency = checkout.Currency,
            }).Entity;
        var annualised = Annualised(checkout.Amount, checkout.Frequency);
        tally.Conversions++;
        tally.Recurring += checkout.Frequency == Frequency.OneTime ? 0 : 1;
        tally.Annualised += annualised;
        var major = (double)annualised / Currencies.Factor(checkout.Currency);
        tally.AnnualisedSquares += major * major;
    }

    /// <summary>A gift's value over its first year: monthly twelve times, annual and one-time once.</summary>
    public static long Annualised(long amount, Frequency frequency) => frequency == Frequency.Monthly ? amount * 12 : amount;
}
