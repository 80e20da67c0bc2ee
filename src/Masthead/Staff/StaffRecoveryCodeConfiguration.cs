using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Staff;

internal sealed class StaffRecoveryCodeConfiguration : IEntityTypeConfiguration<StaffRecoveryCode>
{
    public void Configure(EntityTypeBuilder<StaffRecoveryCode> code)
    {
        code.Property(c => c.CodeHash).HasMaxLength(64);
        code.HasIndex(c => new { c.StaffMemberId, c.CodeHash }).IsUnique();
        code.HasOne<StaffMember>().WithMany().HasForeignKey(c => c.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
