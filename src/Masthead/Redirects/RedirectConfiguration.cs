using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Redirects;

internal sealed class RedirectConfiguration : IEntityTypeConfiguration<Redirect>
{
    public void Configure(EntityTypeBuilder<Redirect> redirect)
    {
        redirect.HasIndex(r => r.FromPath).IsUnique();
        redirect.Property(r => r.FromPath).HasMaxLength(RedirectPaths.MaxLength);
        redirect.Property(r => r.ToPath).HasMaxLength(RedirectPaths.MaxLength);
        redirect.Property(r => r.Source).HasMaxLength(20);
    }
}
