using Masthead.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Staff;

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> staff)
    {
        staff.HasIndex(s => s.Email).IsUnique();
        staff.Property(s => s.Email).HasMaxLength(254);
        staff.Property(s => s.DisplayName).HasMaxLength(200);
        staff.Property(s => s.PasswordHash).HasMaxLength(500);
        staff.Property(s => s.SecurityStamp).HasMaxLength(64);
        staff.Property(s => s.Role).HasConversion<string>().HasMaxLength(20);
        staff.HasOne<Author>().WithMany().HasForeignKey(s => s.AuthorId).OnDelete(DeleteBehavior.SetNull);
        staff.Property(s => s.TotpSecretProtected).HasMaxLength(200);
        staff.Property(s => s.Language).HasMaxLength(35).HasDefaultValue(StaffLanguages.English);
        staff.Ignore(s => s.HasTwoFactor);
        staff.Ignore(s => s.MustEnrolTwoFactor);
        staff.Ignore(s => s.IsActive);
    }
}
