using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Appeals;

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> reminder)
    {
        reminder.Property(x => x.Edition).HasMaxLength(Editions.Edition.CodeLength);
        reminder.HasIndex(r => r.DueAt);
        reminder.Property(r => r.EmailProtected).HasMaxLength(1000);
    }
}
