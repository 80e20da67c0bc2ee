using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Import;

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> run)
    {
        run.HasIndex(r => r.StartedAt);
        run.Property(r => r.Source).HasMaxLength(20);
        run.Property(r => r.FileName).HasMaxLength(260);
        run.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        run.Property(r => r.Failure).HasMaxLength(1000);
    }
}
