using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Contributions;

internal sealed class SupporterConfiguration : IEntityTypeConfiguration<Supporter>
{
    public void Configure(EntityTypeBuilder<Supporter> supporter)
    {
        supporter.HasIndex(s => new { s.Provider, s.CustomerRef }).IsUnique();
        supporter.HasIndex(s => s.EmailHash);
        supporter.HasIndex(s => s.PreviousEmailHash);
        supporter.Property(s => s.Provider).HasMaxLength(20);
        supporter.Property(s => s.CustomerRef).HasMaxLength(StoredLengths.ProviderReference);
        supporter.Property(s => s.EmailProtected).HasMaxLength(1000);
        supporter.Property(s => s.EmailHash).HasMaxLength(100);
        supporter.Property(s => s.PreviousEmailHash).HasMaxLength(100);
        supporter.Property(s => s.Name).HasMaxLength(StoredLengths.ProtectedName);
        supporter.HasMany(s => s.Subscriptions).WithOne().HasForeignKey(s => s.SupporterId);
        supporter.HasMany(s => s.Contributions).WithOne().HasForeignKey(c => c.SupporterId);
    }
}
