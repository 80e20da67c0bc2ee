using Masthead.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Newsletters.Admin;

/// <summary>The newsroom's lists with their readers, and its issues with where each send stands.</summary>
public sealed class IndexModel(MastheadDb db) : PageModel
{
    /// <summary>How many issues the page lists, newest first.</summary>
    public const int IssuesShown = 100;

    public sealed record ListRow(int Id, string Edition, string Name, NewsletterKind Kind, int Hour, bool IsActive, int Confirmed, int Pending);

    public sealed record IssueRow(int Id, string Subject, string List, IssueStatus Status, DateTimeOffset? SendAt, DateTimeOffset CreatedAt, IssueProgress Progress);

    [TempData]
    public string? Notice { get; set; }

    public IReadOnlyList<ListRow> Lists { get; private set; } = [];

    public IReadOnlyList<IssueRow> Issues { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var lists = await db.NewsletterLists.AsNoTracking().OrderBy(l => l.Edition).ThenBy(l => l.Position).ThenBy(l => l.Id).ToListAsync(cancellationToken);
        var readers = await db.NewsletterSubscriptions.GroupBy(s => new { s.ListId, s.Status }).Select(g => new { g.Key.ListId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Readers(int list, SubscriptionState state) => readers.Where(r => r.ListId == list && r.Status == state).Sum(r => r.Count);
        Lists = [.. lists.Select(l => new ListRow(l.Id, l.Edition, l.Name, l.Kind, l.SendingHour, l.IsActive, Readers(l.Id, SubscriptionState.Confirmed), Readers(l.Id, SubscriptionState.Pending)))];

        var issues = await db.NewsletterIssues.AsNoTracking().OrderByDescending(i => i.Id).Take(IssuesShown).ToListAsync(cancellationToken);
        var progress = await IssueProgress.OfAsync(db, [.. issues.Select(i => i.Id)], cancellationToken);
        var names = lists.ToDictionary(l => l.Id, l => l.Name);
        Issues = [.. issues.Select(i => new IssueRow(i.Id, i.Subject, names.GetValueOrDefault(i.ListId, ""), i.Status, i.SendAt, i.CreatedAt,
            progress.GetValueOrDefault(i.Id, IssueProgress.None)))];
    }
}
