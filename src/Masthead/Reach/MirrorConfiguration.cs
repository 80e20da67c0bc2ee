using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Reach;

internal sealed class MirrorConfiguration : IEntityTypeConfiguration<Mirror>
{
    public void Configure(EntityTypeBuilder<Mirror> mirror)
    {
        mirror.HasIndex(m => m.Address).IsUnique();
        mirror.Property(m => m.Address).HasMaxLength(Mirror.AddressLength);
        mirror.Property(m => m.Note).HasMaxLength(Mirror.NoteLength);
        mirror.Ignore(m => m.IsOnion);
    }
}
