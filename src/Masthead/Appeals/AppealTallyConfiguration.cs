using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Appeals;

internal sealed class AppealTallyConfiguration : IEntityTypeConfiguration<AppealTally>
{
    public void Configure(EntityTypeBuilder<AppealTally> tally)
    {
        tally.Property(t => t.Currency).HasMaxLength(3);
        tally.HasIndex(t => new { t.AppealId, t.Variant, t.Placement, t.Hour, t.Currency }).IsUnique();

        // The revenue pages read a period's hours across every appeal.
        tally.HasIndex(t => t.Hour);
    }
}

internal sealed class AppealVariantConfiguration : IEntityTypeConfiguration<AppealVariant>
{
    public void Configure(EntityTypeBuilder<AppealVariant> variant)
    {
        variant.Property(v => v.Name).HasMaxLength(Appeal.NameLength);
        variant.Property(v => v.BodyMarkdown).HasMaxLength(Appeal.MaxBody);
        variant.Property(v => v.ContinueLabel).HasMaxLength(Appeal.LabelLength);
        variant.Property(v => v.AskLine).HasMaxLength(Appeal.AskLength);
        variant.Property(v => v.SuggestedAmounts).HasMaxLength(SupportLink.AmountsLength);
        variant.HasIndex(v => new { v.AppealId, v.Number }).IsUnique();
        variant.HasOne<Appeal>().WithMany(a => a.Variants).HasForeignKey(v => v.AppealId).OnDelete(DeleteBehavior.Cascade);
    }
}
