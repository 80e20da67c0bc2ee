namespace Masthead.Contributions;

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
