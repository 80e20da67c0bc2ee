using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Articles;

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> tag)
    {
        tag.HasIndex(t => t.Slug).IsUnique();
        tag.Property(t => t.Name).HasMaxLength(ArticleLimits.TagName);
        tag.Property(t => t.Slug).HasMaxLength(ArticleLimits.Slug);
    }
}
