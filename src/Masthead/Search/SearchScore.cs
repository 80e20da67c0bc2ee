namespace Masthead.Search;

/// <summary>A matching article's relevance as its database ranks it (bm25 on SQLite, ts_rank on PostgreSQL); higher is better.</summary>
public sealed class SearchScore
{
    public int ArticleId { get; init; }
    public double Score { get; init; }
}
