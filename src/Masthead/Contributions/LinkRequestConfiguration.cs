using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Contributions;

internal sealed class LinkRequestConfiguration : IEntityTypeConfiguration<LinkRequest>
{
    public void Configure(EntityTypeBuilder<LinkRequest> request)
    {
        request.Property(x => x.Edition).HasMaxLength(Editions.Edition.CodeLength);
        request.Property(r => r.EmailProtected).HasMaxLength(1000);
    }
}
