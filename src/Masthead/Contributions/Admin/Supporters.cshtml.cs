using System.Runtime.CompilerServices;
using Masthead.Articles;
using Masthead.Audit;
using Masthead.Data;
using Masthead.Privacy;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Contributions.Admin;

/// <summary>
/// Who supports the newsroom and what it adds up to. Admins only: the list is personal data even without emails,
/// which are shown only on a supporter's own page and never in this list.
/// </summary>
public sealed partial class SupportersModel(MastheadDb db, PersonalData personalData, TimeProvider clock, AuditLog audit, ILogger<SupportersModel> logger) : PageModel
{
    public const int PageSize = 50;

    public sealed record SubscriptionLine(Frequency Frequency, Money Money, SubscriptionStatus Status);

    /// <summary>One supporter; <paramref name="Name"/> is null for those who gave anonymously.</summary>
    public sealed record Row(int Id, string? Name, string Provider, DateTimeOffset CreatedAt, SubscriptionLine? Subscription, IReadOnlyList<Money> Given);

    public RevenueSummary Summary { get; private set; } = null!;

    public Page<Row> Supporters { get; private set; } = new([], 1, PageSize, 0);

    /// <summary>The address searched for, as typed.</summary>
    public string? Email { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? page, [FromQuery(Name = "email")] string? email, CancellationToken cancellationToken)
    {
        if (PageNumber.Parse(page) is not { } number)
        {
            HttpContext.Features.Set(new ReaderProblem(PageNumber.Problem));
            return BadRequest();
        }

        Email = string.IsNullOrWhiteSpace(email) ? null : email;
        var supporters = db.Supporters.AsNoTracking();
        if (Email is not null)
        {
            // Addresses are stored encrypted: only the keyed hash of the whole, normalized address can be matched.
            var hashes = personalData.LookupHashes(Email);
            supporters = supporters.Where(s => hashes.Contains(s.EmailHash!));
        }

        Summary = await Revenue.SummaryAsync(db, clock.GetUtcNow(), cancellationToken);
        var total = await supporters.CountAsync(cancellationToken);
        var rows = await RowsAsync(supporters.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Skip((number - 1) * PageSize).Take(PageSize), cancellationToken);
        Supporters = new Page<Row>(rows, number, PageSize, total);
        return number > Supporters.Count ? NotFound() : Page();
    }

    /// <summary>Every supporter, one row each; the addresses only when <paramref name="emails"/> is asked for, and either way the export is audited.</summary>
    public async Task<IActionResult> OnGetCsvAsync([FromQuery(Name = "emails")] bool emails, CancellationToken cancellationToken)
    {
        audit.Record(User, AuditActions.SupportersExported, "", emails ? "with email addresses" : "without email addresses");
        await db.SaveChangesAsync(cancellationToken);
        LogExport(logger, User.Identity?.Name, emails);
        var currencies = db.Contributions.Select(c => c.Currency).Distinct().OrderBy(c => c).ToList();
        List<string> header = ["id", "name", "anonymous", .. emails ? ["email"] : Array.Empty<string>(), "provider", "created_at",
            "subscription_status", "subscription_frequency", "subscription_amount", "subscription_currency", .. currencies.Select(c => "given_" + c)];
        return new CsvFile($"supporters-{clock.GetUtcNow():yyyy-MM-dd}.csv", header, CsvRowsAsync(emails, currencies, cancellationToken));
    }

    private async IAsyncEnumerable<IReadOnlyList<object?>> CsvRowsAsync(bool emails, List<string> currencies, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // In batches by id, so a newsroom with a hundred thousand supporters still exports in bounded memory.
        for (var after = 0; ;)
        {
            var rows = await RowsAsync(db.Supporters.AsNoTracking().Where(s => s.Id > after).OrderBy(s => s.Id).Take(500), cancellationToken);
            if (rows.Count == 0)
            {
                yield break;
            }

            var ids = rows.Select(r => r.Id).ToList();
            var addresses = emails
                ? await db.Supporters.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => personalData.TryUnprotect(s.EmailProtected), cancellationToken)
                : [];
            foreach (var row in rows)
            {
                var given = currencies.Select(c => (object?)Number(row.Given.FirstOrDefault(m => m.Currency == c) with { Currency = c }));
                yield return
                [
                    row.Id, row.Name, row.Name is null, .. emails ? [addresses[row.Id]] : Array.Empty<object?>(), row.Provider, row.CreatedAt,
                    row.Subscription?.Status.ToString(), row.Subscription?.Frequency.ToString(), row.Subscription is { } sub ? Number(sub.Money) : null,
                    row.Subscription?.Money.Currency, .. given,
                ];
            }

            after = rows[^1].Id;
        }
    }

    private static CsvNumber Number(Money money) => new(Currencies.FormatNumber(money));

    /// <summary>The rows for <paramref name="page"/> of supporters: each one's current subscription and what they gave, per currency.</summary>
    private async Task<List<Row>> RowsAsync(IQueryable<Supporter> page, CancellationToken cancellationToken)
    {
        var supporters = await page.Select(s => new
        {
            s.Id, s.Name, s.Anonymous, s.Provider, s.CreatedAt,

            // The one that matters now: a live subscription before a cancelled one, the latest first.
            Subscription = s.Subscriptions.OrderBy(x => x.Status == SubscriptionStatus.Canceled ? 1 : 0).ThenByDescending(x => x.StatusAt)
                .Select(x => new { x.Frequency, x.Amount, x.Currency, x.Status }).FirstOrDefault(),
        }).ToListAsync(cancellationToken);
        var ids = supporters.Select(s => s.Id).ToList();
        var given = (await db.Contributions.Where(c => ids.Contains(c.SupporterId)).GroupBy(c => new { c.SupporterId, c.Currency })
                .Select(g => new { g.Key.SupporterId, g.Key.Currency, Total = g.Sum(c => c.Amount) }).ToListAsync(cancellationToken))
            .ToLookup(g => g.SupporterId, g => new Money(g.Total, g.Currency));
        return supporters.Select(s => new Row(s.Id, s.Anonymous ? null : personalData.TryUnprotectOrClear(s.Name), s.Provider, s.CreatedAt,
            s.Subscription is { } x ? new SubscriptionLine(x.Frequency, new Money(x.Amount, x.Currency), x.Status) : null,
            given[s.Id].OrderBy(m => m.Currency, StringComparer.Ordinal).ToList())).ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Staff} exported the supporters list (email addresses included: {Emails})")]
    private static partial void LogExport(ILogger logger, string? staff, bool emails);
}
