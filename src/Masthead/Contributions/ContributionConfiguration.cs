using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Contributions;

internal sealed class ContributionConfiguration : IEntityTypeConfiguration<Contribution>
{
    public void Configure(EntityTypeBuilder<Contribution> contribution)
    {
        contribution.HasIndex(c => new { c.Provider, c.ProviderRef }).IsUnique();
        contribution.Property(c => c.Provider).HasMaxLength(20);
        contribution.Property(c => c.ProviderRef).HasMaxLength(StoredLengths.ProviderReference);
        contribution.Property(c => c.SubscriptionRef).HasMaxLength(StoredLengths.ProviderReference);
        contribution.Property(c => c.Currency).HasMaxLength(3);
        contribution.Property(c => c.Kind).HasConversion<string>().HasMaxLength(10);
        contribution.Property(c => c.Frequency).HasConversion<string>().HasMaxLength(10);
    }
}
