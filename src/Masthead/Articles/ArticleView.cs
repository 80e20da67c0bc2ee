namespace Masthead.Articles;

/// <summary>An article as its page shows it.</summary>
public sealed record ArticleView(
    int Id, string Slug, string Headline, string Standfirst, string BodyHtml, string Dateline, string? CoverImage, string CoverAlt,
    DateTimeOffset? PublishedAt, DateTimeOffset UpdatedAt, IReadOnlyList<Byline> Authors, IReadOnlyList<TagLink> Tags, bool IsSensitive,
    string Edition, int? StoryId);
