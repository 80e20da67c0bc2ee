namespace Masthead.Search;

/// <summary>
/// One article as the search index holds it: its terms (<see cref="SearchText"/>) as one space-separated text, and the
/// article's <c>Version</c> they were taken from, so the catch-up job can tell an entry that is missing or behind.
/// Every article has one, drafts included: who may find it is decided when searching, so publishing or unpublishing
/// changes nothing here. SQLite reads the terms through an FTS5 table kept by triggers, PostgreSQL through a generated
/// tsvector column with a GIN index; both are made by the migrations, outside the EF model.
/// </summary>
public sealed class SearchEntry
{
    public int ArticleId { get; set; }
    public string Terms { get; set; } = "";
    public int Version { get; set; }
}
