using Masthead.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Search;

internal sealed class SearchEntryConfiguration : IEntityTypeConfiguration<SearchEntry>
{
    public void Configure(EntityTypeBuilder<SearchEntry> entry)
    {
        // The article's id is the key, so SQLite's FTS5 table can use it as its rowid.
        entry.HasKey(e => e.ArticleId);
        entry.Property(e => e.ArticleId).ValueGeneratedNever();
        entry.HasOne<Article>().WithOne().HasForeignKey<SearchEntry>(e => e.ArticleId).OnDelete(DeleteBehavior.Cascade);

        // Stored as the article's own columns are, so the catch-up job can compare the copy with them.
        entry.Property(e => e.Edition).HasMaxLength(Editions.Edition.CodeLength);
        entry.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);

        // A query matching more than ArticleSearch.RankedMatches reads an edition's entries newest first.
        entry.HasIndex(e => new { e.Edition, e.PublishAt, e.Status });
    }
}
