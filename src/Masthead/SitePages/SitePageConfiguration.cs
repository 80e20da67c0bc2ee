using Masthead.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.SitePages;

internal sealed class SitePageConfiguration : IEntityTypeConfiguration<SitePage>
{
    public void Configure(EntityTypeBuilder<SitePage> page)
    {
        page.HasIndex(p => new { p.Edition, p.Slug }).IsUnique();
        page.HasIndex(p => p.ImportKey).IsUnique();
        page.Property(p => p.Edition).HasMaxLength(Editions.Edition.CodeLength);
        page.Property(p => p.Slug).HasMaxLength(ArticleLimits.Slug);
        page.Property(p => p.Title).HasMaxLength(ArticleLimits.Headline);
        page.Property(p => p.ImportKey).HasMaxLength(Import.ImportKeys.MaxLength);
        page.Property(p => p.Version).IsConcurrencyToken();
    }
}
