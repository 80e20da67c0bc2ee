using Masthead.Audit;
using Masthead.Data;
using Masthead.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Contributions.Admin;

/// <summary>One supporter: their address (decrypted here only, and the viewing audited), subscriptions and ledger.</summary>
public sealed partial class SupporterModel(MastheadDb db, PersonalData personalData, AuditLog audit, ILogger<SupporterModel> logger) : PageModel
{
    public sealed record Line(DateTimeOffset At, ContributionKind Kind, Frequency Frequency, Money Money, string Provider, string ProviderRef);

    public Supporter Supporter { get; private set; } = null!;

    /// <summary>Null when the supporter left none, or it was made with a key this newsroom no longer has.</summary>
    public string? Email { get; private set; }

    /// <summary>The name they gave (stored sealed); null when none, or when they gave anonymously.</summary>
    public string? Name { get; private set; }

    public IReadOnlyList<Line> Ledger { get; private set; } = [];

    /// <summary>Net of refunds, per currency.</summary>
    public IReadOnlyList<Money> Given { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var supporter = await db.Supporters.AsNoTracking().Include(s => s.Subscriptions).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (supporter is null)
        {
            return NotFound();
        }

        Supporter = supporter;
        Email = personalData.TryUnprotect(supporter.EmailProtected);
        Name = supporter.Anonymous ? null : personalData.TryUnprotectOrClear(supporter.Name);
        if (supporter.EmailProtected is not null)
        {
            audit.Record(User, AuditActions.SupporterViewed, AuditLog.Target("supporter", id), "email address shown");
            await db.SaveChangesAsync(cancellationToken);
            LogEmailShown(logger, User.Identity?.Name, id);
        }

        Ledger = await db.Contributions.AsNoTracking().Where(c => c.SupporterId == id).OrderByDescending(c => c.OccurredAt).ThenByDescending(c => c.Id)
            .Select(c => new Line(c.OccurredAt, c.Kind, c.Frequency, new Money(c.Amount, c.Currency), c.Provider, c.ProviderRef))
            .ToListAsync(cancellationToken);
        Given = Ledger.GroupBy(l => l.Money.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Money(g.Sum(l => l.Money.MinorUnits), g.Key)).ToList();
        return Page();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Staff} viewed the email address of supporter {SupporterId}")]
    private static partial void LogEmailShown(ILogger logger, string? staff, int supporterId);
}
