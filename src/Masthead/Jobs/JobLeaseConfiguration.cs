using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Jobs;

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> lease)
    {
        lease.HasKey(l => l.Name);
        lease.Property(l => l.Name).HasMaxLength(100);
        lease.Property(l => l.Holder).HasMaxLength(200);

        // A new row is expired from the start, so the first node to take it needs no other statement.
        lease.Property(l => l.ExpiresAt).HasDefaultValue(DateTimeOffset.UnixEpoch);
    }
}
