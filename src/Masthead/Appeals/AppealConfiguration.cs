using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Appeals;

internal sealed class AppealConfiguration : IEntityTypeConfiguration<Appeal>
{
    public void Configure(EntityTypeBuilder<Appeal> appeal)
    {
        appeal.Property(a => a.Name).HasMaxLength(100);
        appeal.Property(a => a.BodyMarkdown).HasMaxLength(Appeal.MaxBody);
        appeal.Property(a => a.ContinueLabel).HasMaxLength(60);
        appeal.Property(a => a.NotTodayLine).HasMaxLength(60);
        appeal.Property(a => a.SnoozeLabel).HasMaxLength(60);
        appeal.Property(a => a.Version).IsConcurrencyToken();
    }
}
