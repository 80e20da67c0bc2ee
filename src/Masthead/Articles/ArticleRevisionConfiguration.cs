using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Articles;

internal sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> revision)
    {
        revision.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
        revision.Property(r => r.Slug).HasMaxLength(ArticleLimits.Slug);
        revision.Property(r => r.Headline).HasMaxLength(ArticleLimits.Headline);
        revision.Property(r => r.Standfirst).HasMaxLength(ArticleLimits.Standfirst);
        revision.Property(r => r.Dateline).HasMaxLength(ArticleLimits.Dateline);
        revision.Property(r => r.SavedBy).HasMaxLength(200);
    }
}
