namespace Masthead.Newsletters;

/// <summary>
/// One address that asked for newsletters in one edition: sealed at rest and found by its keyed hash, as supporters'
/// are, with one opaque token for its confirmation, manage and unsubscribe links. Its lists are its
/// <see cref="Subscriptions"/>.
/// </summary>
public sealed class Subscriber
{
    public int Id { get; set; }
    public required string Edition { get; set; }

    /// <summary><see cref="Privacy.PersonalData.Protect"/> of the normalized address; empty once the reader left every list.</summary>
    public string EmailProtected { get; set; } = "";

    /// <summary><see cref="Privacy.PersonalData.LookupHash"/> of the address; null once the reader left every list.</summary>
    public string? EmailHash { get; set; }

    /// <summary>SHA-256 of the token in the reader's links, for finding them by it.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The token itself, sealed: every issue's unsubscribe link carries it.</summary>
    public required string TokenProtected { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set while a confirmation email is owed (a sign-up asked for lists not yet confirmed).</summary>
    public DateTimeOffset? ConfirmationAskedAt { get; set; }

    /// <summary>Set while the confirmation email is being sent, so two workers never send it together.</summary>
    public DateTimeOffset? ConfirmationSendingSince { get; set; }

    /// <summary>How many issues the mail server refused for good (5xx); at <see cref="NewsletterOptions.SuppressAfterFailures"/> nothing more is sent.</summary>
    public int PermanentFailures { get; set; }

    public List<NewsletterSubscription> Subscriptions { get; set; } = [];

    /// <summary>Whether the reader left every list: the address is gone, and the links only say so.</summary>
    public bool HasLeft => EmailHash is null;

    /// <summary>The reader's row for <paramref name="list"/>, added (pending) when they never asked for it.</summary>
    public NewsletterSubscription SubscriptionTo(int list, DateTimeOffset now)
    {
        var subscription = Subscriptions.Find(s => s.ListId == list);
        if (subscription is null)
        {
            subscription = new NewsletterSubscription { ListId = list, CreatedAt = now };
            Subscriptions.Add(subscription);
        }

        return subscription;
    }

    /// <summary>Leaving every list: each one ends, and the address goes, so nothing names the reader any more.</summary>
    public void LeaveAll(DateTimeOffset now)
    {
        foreach (var subscription in Subscriptions)
        {
            subscription.End(now);
        }

        EmailProtected = "";
        EmailHash = null;
        ConfirmationAskedAt = null;
    }
}

/// <summary>One reader on one list.</summary>
public sealed class NewsletterSubscription
{
    public int Id { get; set; }
    public int SubscriberId { get; set; }
    public int ListId { get; set; }
    public SubscriptionState Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public DateTimeOffset? UnsubscribedAt { get; set; }

    /// <summary>Asked for (again): pending until the address confirms, unless it already receives the list.</summary>
    public void Ask(DateTimeOffset now)
    {
        if (Status != SubscriptionState.Confirmed)
        {
            (Status, CreatedAt, UnsubscribedAt) = (SubscriptionState.Pending, now, null);
        }
    }

    /// <summary>The address owner pressed the button in the confirmation email (or chose the list on the manage page).</summary>
    public void Confirm(DateTimeOffset now)
    {
        if (Status != SubscriptionState.Confirmed)
        {
            (Status, ConfirmedAt, UnsubscribedAt) = (SubscriptionState.Confirmed, now, null);
        }
    }

    public void End(DateTimeOffset now)
    {
        if (Status != SubscriptionState.Unsubscribed)
        {
            (Status, UnsubscribedAt) = (SubscriptionState.Unsubscribed, now);
        }
    }
}

public enum SubscriptionState
{
    /// <summary>Asked for on the site; nothing is sent but the confirmation email until the address confirms.</summary>
    Pending,
    Confirmed,
    Unsubscribed,
}
