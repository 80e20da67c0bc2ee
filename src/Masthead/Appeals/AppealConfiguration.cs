using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Appeals;

internal sealed class AppealConfiguration : IEntityTypeConfiguration<Appeal>
{
    public void Configure(EntityTypeBuilder<Appeal> appeal)
    {
        appeal.Property(x => x.Edition).HasMaxLength(Editions.Edition.CodeLength);
        appeal.Property(a => a.Name).HasMaxLength(Appeal.NameLength);
        appeal.Property(a => a.BodyMarkdown).HasMaxLength(Appeal.MaxBody);
        appeal.Property(a => a.ContinueLabel).HasMaxLength(Appeal.LabelLength);
        appeal.Property(a => a.AskLine).HasMaxLength(Appeal.AskLength);
        appeal.Property(a => a.SuggestedAmounts).HasMaxLength(SupportLink.AmountsLength);
        appeal.Property(a => a.NotTodayLine).HasMaxLength(Appeal.LabelLength);
        appeal.Property(a => a.SnoozeLabel).HasMaxLength(Appeal.LabelLength);
        appeal.Property(a => a.Topic).HasMaxLength(Appeal.TopicLength);
        appeal.Property(a => a.Version).IsConcurrencyToken();
    }
}
