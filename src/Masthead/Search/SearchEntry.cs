using Masthead.Articles;

namespace Masthead.Search;

/// <summary>
/// One article as the search index holds it: its terms (<see cref="SearchWords"/>) as one space-separated text, the
/// article's <c>Version</c> they were taken from, so the catch-up job can tell an entry that is missing or behind, and
/// a copy of what decides who may find it (edition, status, publication time). Searching filters on the copy, so a
/// common word's thousands of matches never read the articles' own rows (on SQLite those columns sit behind each
/// article's text, in its overflow pages; the copy is read through a narrow index, bench/results/search.md); the one
/// page of results shown is checked again against the articles, so a copy a moment stale can never show a withdrawn
/// article. Every article has an entry, drafts included. SQLite reads the terms through an FTS5 table kept by
/// triggers, PostgreSQL through a generated tsvector column with a GIN index; both are made by the migrations,
/// outside the EF model.
/// </summary>
public sealed class SearchEntry
{
    public int ArticleId { get; set; }
    public string Edition { get; set; } = "";
    public ArticleStatus Status { get; set; }
    public DateTimeOffset? PublishAt { get; set; }
    public int Version { get; set; }

    /// <summary>Last, so on SQLite the columns before it stay in the row's first page.</summary>
    public string Terms { get; set; } = "";
}
