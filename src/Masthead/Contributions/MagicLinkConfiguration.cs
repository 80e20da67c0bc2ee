using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Contributions;

internal sealed class MagicLinkConfiguration : IEntityTypeConfiguration<MagicLink>
{
    public void Configure(EntityTypeBuilder<MagicLink> link)
    {
        link.HasIndex(l => l.TokenHash).IsUnique();
        link.Property(l => l.TokenHash).HasMaxLength(64);
        link.Property(l => l.EmailHash).HasMaxLength(100);
    }
}
