using Masthead.Articles;

namespace Masthead.Search;

/// <summary>One article found: what a list shows of it, and a snippet of its text with the matching words marked (HTML).</summary>
public sealed record SearchResult(string Slug, string Headline, string Standfirst, string Dateline, DateTimeOffset PublishedAt, IReadOnlyList<Byline> Authors, string SnippetHtml);
