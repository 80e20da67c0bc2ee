namespace Masthead.Articles;

/// <summary>A snapshot kept on every save, so an edit can always be seen and undone.</summary>
public sealed class ArticleRevision
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int Number { get; set; }
    public required string Slug { get; set; }
    public required string Headline { get; set; }
    public string Standfirst { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    public string Dateline { get; set; } = "";
    public string AuthorNames { get; set; } = "";
    public string TagNames { get; set; } = "";
    public DateTimeOffset SavedAt { get; set; }
    public string SavedBy { get; set; } = "";

    public static ArticleRevision Of(Article article, int number, DateTimeOffset at, string by) => new()
    {
        ArticleId = article.Id,
        Number = number,
        Slug = article.Slug,
        Headline = article.Headline,
        Standfirst = article.Standfirst,
        BodyMarkdown = article.BodyMarkdown,
        Dateline = article.Dateline,
        AuthorNames = string.Join(", ", article.Authors.Select(a => a.Name)),
        TagNames = string.Join(", ", article.Tags.Select(t => t.Name)),
        SavedAt = at,
        SavedBy = by,
    };
}
