using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Contributions;

internal sealed class CheckoutConfiguration : IEntityTypeConfiguration<Checkout>
{
    public void Configure(EntityTypeBuilder<Checkout> checkout)
    {
        checkout.Property(x => x.Edition).HasMaxLength(Editions.Edition.CodeLength);
        checkout.Property(c => c.Id).HasMaxLength(32);
        checkout.Property(c => c.Provider).HasMaxLength(20);
        checkout.Property(c => c.ProviderSessionId).HasMaxLength(StoredLengths.ProviderReference);
        checkout.HasIndex(c => new { c.Provider, c.ProviderSessionId });
        checkout.Property(c => c.Currency).HasMaxLength(3);
        checkout.Property(c => c.Frequency).HasConversion<string>().HasMaxLength(10);
        checkout.Property(c => c.Status).HasConversion<string>().HasMaxLength(10);
        checkout.Property(c => c.EmailProtected).HasMaxLength(1000);
        checkout.Property(c => c.EmailHash).HasMaxLength(100);
        checkout.Property(c => c.Name).HasMaxLength(StoredLengths.ProtectedName);
        checkout.Property(c => c.Campaign).HasMaxLength(Appeals.CampaignCode.MaxLength);
    }
}
