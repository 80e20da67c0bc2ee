namespace Masthead.Newsletters;

/// <summary>One issue of a list: a subject, an intro and the articles it carries, sent to every confirmed reader once.</summary>
public sealed class NewsletterIssue
{
    public const int SubjectLength = 200;
    public const int IntroLength = 20_000;
    public const int OccasionLength = 40;

    public int Id { get; set; }
    public int ListId { get; set; }
    public required string Subject { get; set; }
    public string IntroMarkdown { get; set; } = "";

    /// <summary>The ids of the articles carried, in order, comma-separated.</summary>
    public string ArticleIds { get; set; } = "";

    public IssueStatus Status { get; set; }

    /// <summary>When a scheduled issue is put in the queue (now, for "send now").</summary>
    public DateTimeOffset? SendAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// What made an issue its list sent by itself (<c>article:42</c>, <c>day:2026-12-04</c>, <c>week:2026-12-06</c>);
    /// null for an editor's. Unique per list, so each occasion makes one issue however many nodes look at once.
    /// </summary>
    public string? Occasion { get; set; }

    public IReadOnlyList<int> Articles => IdsOf(ArticleIds);

    /// <summary>The ids in an <see cref="ArticleIds"/> value.</summary>
    public static IReadOnlyList<int> IdsOf(string articleIds) => [.. (articleIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(id => int.Parse(id, System.Globalization.CultureInfo.InvariantCulture))];
}

public enum IssueStatus
{
    Draft,

    /// <summary>Waiting for <see cref="NewsletterIssue.SendAt"/>.</summary>
    Scheduled,

    /// <summary>Its deliveries are made: the queue is sending them.</summary>
    Sending,

    /// <summary>No delivery is left to try.</summary>
    Sent,
}

/// <summary>One issue to one reader: the send queue's row, claimed by a worker before it is sent.</summary>
public sealed class NewsletterDelivery
{
    public const int ErrorLength = 300;

    public long Id { get; set; }
    public int IssueId { get; set; }
    public int SubscriberId { get; set; }

    /// <summary>
    /// <see cref="Privacy.PersonalData.LookupHash"/> of the address's domain, for sending each domain at its own rate
    /// without unsealing the queue; empty when it was not known.
    /// </summary>
    public string DomainHash { get; set; } = "";

    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }

    /// <summary>Not tried again before this time (a temporary failure's back-off).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Set while a worker is sending it; older than <see cref="NewsletterOptions.ClaimTimeout"/> counts as a crashed send.</summary>
    public DateTimeOffset? SendingSince { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The mail server's last answer when it refused, for the admin; never the address.</summary>
    public string? Error { get; set; }
}

public enum DeliveryStatus
{
    Queued,
    Sent,

    /// <summary>Refused for good (5xx), or still refused after every retry.</summary>
    Failed,

    /// <summary>Not sent: the address failed permanently too often before.</summary>
    Suppressed,

    /// <summary>Not sent: the reader left the list after the issue was queued.</summary>
    Unsubscribed,
}
