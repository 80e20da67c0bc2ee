using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Contributions;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> subscription)
    {
        subscription.HasIndex(s => new { s.Provider, s.ProviderRef }).IsUnique();
        subscription.HasIndex(s => new { s.Status, s.RenewsAt });
        subscription.Property(s => s.Provider).HasMaxLength(20);
        subscription.Property(s => s.ProviderRef).HasMaxLength(StoredLengths.ProviderReference);
        subscription.Property(s => s.Currency).HasMaxLength(3);
        subscription.Property(s => s.Frequency).HasConversion<string>().HasMaxLength(10);
        subscription.Property(s => s.Status).HasConversion<string>().HasMaxLength(10);
    }
}
