using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Contributions;

internal sealed class PaymentEventConfiguration : IEntityTypeConfiguration<PaymentEvent>
{
    public void Configure(EntityTypeBuilder<PaymentEvent> paymentEvent)
    {
        paymentEvent.HasIndex(e => new { e.Provider, e.EventId }).IsUnique();
        paymentEvent.HasIndex(e => e.ProcessedAt);
        paymentEvent.HasIndex(e => e.SupporterId);
        paymentEvent.Property(e => e.Provider).HasMaxLength(20);
        paymentEvent.Property(e => e.EventId).HasMaxLength(StoredLengths.ProviderReference);
        paymentEvent.Property(e => e.Type).HasMaxLength(100);
        paymentEvent.Property(e => e.LastError).HasMaxLength(2000);
    }
}
