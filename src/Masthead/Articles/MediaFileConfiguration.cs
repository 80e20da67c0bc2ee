using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Articles;

internal sealed class MediaFileConfiguration : IEntityTypeConfiguration<MediaFile>
{
    public void Configure(EntityTypeBuilder<MediaFile> media)
    {
        media.HasKey(m => m.Name);
        media.Property(m => m.Name).HasMaxLength(40);
        media.Property(m => m.ContentType).HasMaxLength(40);
    }
}
