using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Web;

internal sealed class CacheGenerationConfiguration : IEntityTypeConfiguration<CacheGeneration>
{
    // The row is made by the first eviction, not seeded: an unused newsroom's database stays empty for restore.
    public void Configure(EntityTypeBuilder<CacheGeneration> generation) => generation.Property(g => g.Id).ValueGeneratedNever();
}
