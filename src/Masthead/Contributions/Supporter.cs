namespace Masthead.Contributions;

/// <summary>
/// A person who gives, known by their payment provider's customer reference. Their email is kept only encrypted,
/// with a keyed hash to find them by it; they are anonymous unless they chose to give a name.
/// </summary>
public sealed class Supporter
{
    public int Id { get; set; }
    public required string Provider { get; set; }
    public required string CustomerRef { get; set; }
    public string? EmailProtected { get; set; }
    public string? EmailHash { get; set; }

    /// <summary>
    /// The hash under the key before the last rotation, so a magic link or manage session issued before it still
    /// opens this supporter's page; cleared when that key is retired.
    /// </summary>
    public string? PreviousEmailHash { get; set; }

    /// <summary>The name they gave, sealed with <see cref="Privacy.PersonalData.Protect"/> like the address; null when none.</summary>
    public string? Name { get; set; }
    public bool Anonymous { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public List<Subscription> Subscriptions { get; set; } = [];
    public List<Contribution> Contributions { get; set; } = [];
}

public enum SubscriptionStatus
{
    Active,
    PastDue,
    Canceled,
}

/// <summary>A recurring gift: monthly or annual, at the provider under <see cref="ProviderRef"/>.</summary>
public sealed class Subscription
{
    public int Id { get; set; }
    public int SupporterId { get; set; }
    public required string Provider { get; set; }
    public required string ProviderRef { get; set; }
    public Frequency Frequency { get; set; }
    public long Amount { get; set; }
    public required string Currency { get; set; }
    public SubscriptionStatus Status { get; set; }

    /// <summary>When the provider said what <see cref="Status"/> holds: an older event never overrides a newer one.</summary>
    public DateTimeOffset StatusAt { get; set; }

    /// <summary>When the next charge is due; the sandbox renews by it.</summary>
    public DateTimeOffset? RenewsAt { get; set; }

    public Money Money => new(Amount, Currency);

    /// <summary>Applies a state the provider reported at <paramref name="at"/>, unless a later report is already applied.</summary>
    public bool Apply(SubscriptionStatus status, DateTimeOffset at)
    {
        if (at < StatusAt)
        {
            return false;
        }

        // A cancellation is final: a late "payment failed" or "updated" must not revive it.
        if (Status == SubscriptionStatus.Canceled && status != SubscriptionStatus.Canceled)
        {
            return false;
        }

        Status = status;
        StatusAt = at;
        return true;
    }
}

public enum ContributionKind
{
    Payment,
    Refund,
}

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
