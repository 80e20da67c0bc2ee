using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Articles;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> article)
    {
        article.HasIndex(a => a.Slug).IsUnique();
        article.HasIndex(a => new { a.Status, a.PublishAt });

        // Newest first: the front page, feeds and sitemap read the archive in this order and stop after a page.
        article.HasIndex(a => a.PublishAt);
        article.HasIndex(a => new { a.Edition, a.PublishAt });
        article.HasIndex(a => a.StoryId);
        article.HasIndex(a => a.ImportKey).IsUnique();
        article.Property(a => a.ImportKey).HasMaxLength(Import.ImportKeys.MaxLength);
        article.Property(a => a.Edition).HasMaxLength(Editions.Edition.CodeLength);
        article.Property(a => a.Slug).HasMaxLength(ArticleLimits.Slug);
        article.Property(a => a.Headline).HasMaxLength(ArticleLimits.Headline);
        article.Property(a => a.Standfirst).HasMaxLength(ArticleLimits.Standfirst);
        article.Property(a => a.Dateline).HasMaxLength(ArticleLimits.Dateline);
        article.Property(a => a.CoverImage).HasMaxLength(100);
        article.Property(a => a.CoverAlt).HasMaxLength(ArticleLimits.CoverAlt);
        article.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        article.Property(a => a.Version).IsConcurrencyToken();
        article.HasMany(a => a.Authors).WithMany(a => a.Articles).UsingEntity("ArticleAuthors");
        article.HasMany(a => a.Tags).WithMany(t => t.Articles).UsingEntity("ArticleTags");
        article.HasMany(a => a.Revisions).WithOne().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
