using Masthead.Data;

namespace Masthead.Articles;

/// <summary>A piece of reporting: written in Markdown, stored with its rendered HTML so readers never wait for a render.</summary>
public sealed class Article : IVersioned
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Headline { get; set; }
    public string Standfirst { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    public string BodyHtml { get; set; } = "";
    public string Dateline { get; set; } = "";
    public string? CoverImage { get; set; }
    public string CoverAlt { get; set; } = "";
    public ArticleStatus Status { get; set; }

    /// <summary>The code of the edition the article belongs to (<c>en</c>, <c>ru</c>): its lists, feeds and language.</summary>
    public string Edition { get; set; } = "";

    /// <summary>The story this article tells, shared by its translations in other editions (the first article's id); null while it has none.</summary>
    public int? StoryId { get; set; }

    /// <summary>A tragedy or an obituary: no appeal is shown after it.</summary>
    public bool IsSensitive { get; set; }

    /// <summary>Where an imported article came from (<c>wordpress:42</c>), so importing again updates it; null for articles written here.</summary>
    public string? ImportKey { get; set; }

    /// <summary>When a scheduled article goes live, or when a published one went live.</summary>
    public DateTimeOffset? PublishAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int CreatedById { get; set; }

    /// <summary>Counts the editors' saves; EF compares it on every update (a concurrency token), so a save from a stale form is refused.</summary>
    public int Version { get; set; }

    public List<Author> Authors { get; set; } = [];
    public List<Tag> Tags { get; set; } = [];
    public List<ArticleRevision> Revisions { get; set; } = [];

    /// <summary>A scheduled article is live once its time has come, without waiting for any job.</summary>
    public bool IsVisibleAt(DateTimeOffset now) =>
        Status == ArticleStatus.Published || (Status == ArticleStatus.Scheduled && PublishAt <= now);

    /// <summary>What readers and editors should call the state right now.</summary>
    public ArticleStatus EffectiveStatusAt(DateTimeOffset now) =>
        Status == ArticleStatus.Scheduled && PublishAt <= now ? ArticleStatus.Published : Status;

    /// <summary>Editors may change any article; a writer only their own drafts.</summary>
    public bool IsEditableBy(int staffId, bool isEditor) =>
        isEditor || (CreatedById == staffId && Status == ArticleStatus.Draft);

    /// <summary>
    /// Who may read an article in the admin (preview, revisions, the list): whoever may edit it, and anyone once readers
    /// can see it too. A writer never reads a colleague's draft, an embargoed or an unpublished article.
    /// </summary>
    public bool IsReadableBy(int staffId, bool isEditor, DateTimeOffset now) =>
        IsEditableBy(staffId, isEditor) || IsVisibleAt(now);

    public void Publish(DateTimeOffset now)
    {
        // A republished article keeps its first publication time; a scheduled one published early takes now.
        Status = ArticleStatus.Published;
        if (PublishAt is null || PublishAt > now)
        {
            PublishAt = now;
        }
    }

    public void Schedule(DateTimeOffset at)
    {
        Status = ArticleStatus.Scheduled;
        PublishAt = at;
    }

    public void Unpublish() => Status = ArticleStatus.Unpublished;

    public void ReturnToDraft()
    {
        Status = ArticleStatus.Draft;
        PublishAt = null;
    }
}
