using Masthead.Web;

namespace Masthead.Newsletters.Admin;

/// <summary>The issue editor's fields as typed; a refused form comes back exactly so.</summary>
public sealed class IssueForm
{
    /// <summary>The most articles one issue carries: a briefing, not the archive.</summary>
    public const int MaxArticles = 30;

    /// <summary>The most staff addresses one test send goes to.</summary>
    public const int MaxTestRecipients = 10;

    public int? ListId { get; set; }

    public string? Subject { get; set; }

    public string? Intro { get; set; }

    /// <summary>The ticked articles' ids, in the order shown.</summary>
    public List<int> Articles { get; set; } = [];

    /// <summary>More articles by address, slug or id, one per line or separated by spaces, for those not among the latest.</summary>
    public string? MoreArticles { get; set; }

    /// <summary>Newsroom-local date and time for Schedule.</summary>
    public string? SendAt { get; set; }

    /// <summary>The staff members a test send goes to.</summary>
    public List<int> TestTo { get; set; } = [];

    public static IssueForm From(NewsletterIssue issue, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return new()
        {
            ListId = issue.ListId, Subject = issue.Subject, Intro = issue.IntroMarkdown, Articles = [.. issue.Articles],
            SendAt = issue.SendAt is { } at ? LocalTimes.Write(at, zone) : null,
        };
    }

    /// <summary>What each typed reference names: a slug (the last part of an article's address) or an id.</summary>
    public IEnumerable<string> References() =>
        (MoreArticles ?? "").Split([' ', '\n', '\r', '\t', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => Uri.TryCreate(r, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsolutePath : r)
            .Select(r => r.TrimEnd('/'))
            .Select(r => r[(r.LastIndexOf('/') + 1)..])
            .Where(r => r.Length > 0);

    /// <summary>Reads <see cref="SendAt"/> as newsroom-local time; null when it is empty or not a date and time.</summary>
    public DateTimeOffset? ReadSendAt(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return string.IsNullOrWhiteSpace(SendAt) ? null : LocalTimes.Read(SendAt, zone);
    }
}
