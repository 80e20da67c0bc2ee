using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Newsletters.Admin;

/// <summary>Where an issue's send stands: its deliveries counted by what became of them.</summary>
public sealed record IssueProgress(int Queued, int Sent, int Failed, int Suppressed, int Unsubscribed)
{
    public static readonly IssueProgress None = new(0, 0, 0, 0, 0);

    public int Total => Queued + Sent + Failed + Suppressed + Unsubscribed;

    /// <summary>Each of <paramref name="issues"/>' progress, by issue id; an issue not yet queued has none.</summary>
    public static async Task<Dictionary<int, IssueProgress>> OfAsync(MastheadDb db, IReadOnlyCollection<int> issues, CancellationToken cancellationToken)
    {
        var counts = await db.NewsletterDeliveries.Where(d => issues.Contains(d.IssueId)).GroupBy(d => new { d.IssueId, d.Status })
            .Select(g => new { g.Key.IssueId, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        return counts.GroupBy(c => c.IssueId).ToDictionary(g => g.Key, g =>
        {
            int Of(DeliveryStatus status) => g.Where(c => c.Status == status).Sum(c => c.Count);
            return new IssueProgress(Of(DeliveryStatus.Queued), Of(DeliveryStatus.Sent), Of(DeliveryStatus.Failed), Of(DeliveryStatus.Suppressed), Of(DeliveryStatus.Unsubscribed));
        });
    }
}
