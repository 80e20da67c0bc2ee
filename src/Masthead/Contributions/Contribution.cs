namespace Masthead.Contributions;

/// <summary>One line of the ledger: money received or returned. Append-only; unique per provider reference.</summary>
public sealed class Contribution
{
    public int Id { get; set; }
    public int SupporterId { get; set; }
    public required string Provider { get; set; }

    /// <summary>The provider's reference for this movement of money (a charge, an invoice, a refund).</summary>
    public required string ProviderRef { get; set; }

    public string? SubscriptionRef { get; set; }
    public ContributionKind Kind { get; set; }
    public Frequency Frequency { get; set; }

    /// <summary>Minor units; a refund is negative.</summary>
    public long Amount { get; set; }

    public required string Currency { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
