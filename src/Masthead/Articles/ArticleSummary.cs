namespace Masthead.Articles;

/// <summary>An article as a list shows it.</summary>
public sealed record ArticleSummary(string Slug, string Headline, string Standfirst, string Dateline, DateTimeOffset PublishedAt, IReadOnlyList<Byline> Authors);
