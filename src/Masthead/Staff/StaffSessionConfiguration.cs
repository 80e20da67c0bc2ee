using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Staff;

internal sealed class StaffSessionConfiguration : IEntityTypeConfiguration<StaffSession>
{
    public void Configure(EntityTypeBuilder<StaffSession> session)
    {
        session.Property(s => s.Id).HasMaxLength(32);
        session.Property(s => s.UserAgent).HasMaxLength(StaffSession.UserAgentLength);
        session.HasOne(s => s.StaffMember).WithMany().HasForeignKey(s => s.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
