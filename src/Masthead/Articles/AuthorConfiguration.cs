using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Articles;

internal sealed class AuthorConfiguration : IEntityTypeConfiguration<Author>
{
    public void Configure(EntityTypeBuilder<Author> author)
    {
        author.HasIndex(a => a.Slug).IsUnique();
        author.Property(a => a.Name).HasMaxLength(200);
        author.Property(a => a.Slug).HasMaxLength(ArticleLimits.Slug);
        author.Property(a => a.Bio).HasMaxLength(2000);
        author.HasIndex(a => a.ImportKey).IsUnique();
        author.Property(a => a.ImportKey).HasMaxLength(Import.ImportKeys.MaxLength);
    }
}
