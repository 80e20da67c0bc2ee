using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        // Read newest first, whole or for one staff member or one action.
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => new { e.StaffId, e.At });
        entry.HasIndex(e => new { e.Action, e.At });
        entry.Property(e => e.StaffName).HasMaxLength(AuditEntry.NameLength);
        entry.Property(e => e.StaffEmail).HasMaxLength(AuditEntry.EmailLength);
        entry.Property(e => e.Action).HasMaxLength(AuditEntry.ActionLength);
        entry.Property(e => e.Target).HasMaxLength(AuditEntry.TargetLength);
        entry.Property(e => e.Detail).HasMaxLength(AuditEntry.DetailLength);
    }
}
