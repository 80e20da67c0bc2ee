using Masthead.Articles;
using Masthead.Audit;
using Masthead.Data;
using Masthead.Privacy;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masthead.Contributions.Admin;

/// <summary>The ledger across all supporters, newest first: every payment and refund, filtered by provider or kind.</summary>
public sealed partial class ContributionsModel(MastheadDb db, PersonalData personalData, TimeProvider clock, AuditLog audit, ILogger<ContributionsModel> logger,
    IStringLocalizer<AdminText> text) : PageModel
{
    public const int PageSize = 100;

    public sealed record Line(int Id, DateTimeOffset At, int SupporterId, string? SupporterName, ContributionKind Kind, Frequency Frequency, Money Money, string Provider, string ProviderRef);

    public Page<Line> Lines { get; private set; } = new([], 1, PageSize, 0);

    public IReadOnlyList<string> Providers { get; private set; } = [];

    public string? Provider { get; private set; }

    public ContributionKind? Kind { get; private set; }

    public async Task<IActionResult> OnGetAsync(
        [FromQuery(Name = "page")] string? page, [FromQuery(Name = "provider")] string? provider, [FromQuery(Name = "kind")] string? kind, CancellationToken cancellationToken)
    {
        if (PageNumber.Parse(page) is not { } number)
        {
            return Refuse(PageNumber.Problem);
        }

        if (Filter(provider, kind) is { } problem)
        {
            return Refuse(problem);
        }

        var lines = Filtered();
        var total = await lines.CountAsync(cancellationToken);
        var shown = await Project(lines.OrderByDescending(c => c.OccurredAt).ThenByDescending(c => c.Id).Skip((number - 1) * PageSize).Take(PageSize))
            .ToListAsync(cancellationToken);
        Lines = new Page<Line>([.. shown.Select(Opened)], number, PageSize, total);
        Providers = await db.Contributions.Select(c => c.Provider).Distinct().OrderBy(p => p).ToListAsync(cancellationToken);
        return number > Lines.Count ? NotFound() : Page();
    }

    /// <summary>The same lines as the page shows with the same filters, all of them, oldest first as a ledger reads.</summary>
    public async Task<IActionResult> OnGetCsvAsync([FromQuery(Name = "provider")] string? provider, [FromQuery(Name = "kind")] string? kind, CancellationToken cancellationToken)
    {
        if (Filter(provider, kind) is { } problem)
        {
            return Refuse(problem);
        }

        // The filters as chosen, but not the provider's text: the log keeps nothing typed into a search box.
        audit.Record(User, AuditActions.ContributionsExported, "",
            $"{(Kind is { } chosen ? chosen + "s only" : "payments and refunds")}{(Provider is null ? "" : ", one provider")}");
        await db.SaveChangesAsync(cancellationToken);
        LogExport(logger, User.Identity?.Name);
        var rows = Project(Filtered().OrderBy(c => c.OccurredAt).ThenBy(c => c.Id)).AsAsyncEnumerable().Select(Opened)
            .Select(l => (IReadOnlyList<object?>)[l.Id, l.At, l.SupporterId, l.SupporterName, l.Provider, l.ProviderRef, l.Kind.ToString(), l.Frequency.ToString(),
                new CsvNumber(Currencies.FormatNumber(l.Money)), l.Money.Currency]);
        return new CsvFile($"contributions-{clock.GetUtcNow():yyyy-MM-dd}.csv",
            ["id", "occurred_at", "supporter_id", "supporter_name", "provider", "provider_ref", "kind", "frequency", "amount", "currency"], rows);
    }

    private string? Filter(string? provider, string? kind)
    {
        Provider = string.IsNullOrWhiteSpace(provider) ? null : provider.Trim();
        if (string.IsNullOrWhiteSpace(kind))
        {
            return null;
        }

        // By name only: Enum.TryParse would also take "0" or "Payment, Refund".
        if (!Enum.GetNames<ContributionKind>().Contains(kind.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            return text["NotAKind", kind];
        }

        Kind = Enum.Parse<ContributionKind>(kind.Trim(), ignoreCase: true);
        return null;
    }

    private IQueryable<Contribution> Filtered()
    {
        var lines = db.Contributions.AsNoTracking();
        if (Provider is not null)
        {
            lines = lines.Where(c => c.Provider == Provider);
        }

        return Kind is { } wanted ? lines.Where(c => c.Kind == wanted) : lines;
    }

    private IQueryable<Line> Project(IQueryable<Contribution> lines) =>
        lines.Join(db.Supporters, c => c.SupporterId, s => s.Id, (c, s) => new Line(c.Id, c.OccurredAt, c.SupporterId, s.Anonymous ? null : s.Name, c.Kind,
            c.Frequency, new Money(c.Amount, c.Currency), c.Provider, c.ProviderRef));

    /// <summary>The line with the supporter's name decrypted (stored sealed, like their address).</summary>
    private Line Opened(Line line) => line with { SupporterName = personalData.TryUnprotectOrClear(line.SupporterName) };

    private BadRequestResult Refuse(string problem)
    {
        HttpContext.Features.Set(new ReaderProblem(problem));
        return BadRequest();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Staff} exported the contributions ledger")]
    private static partial void LogExport(ILogger logger, string? staff);
}
