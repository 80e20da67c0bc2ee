using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Contributions;

internal sealed class SupporterPassTokenConfiguration : IEntityTypeConfiguration<SupporterPassToken>
{
    public void Configure(EntityTypeBuilder<SupporterPassToken> token)
    {
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.HasIndex(t => t.SupporterId);
        token.Property(t => t.TokenHash).HasMaxLength(64);
        token.HasOne<Supporter>().WithMany().HasForeignKey(t => t.SupporterId).OnDelete(DeleteBehavior.Cascade);
    }
}
