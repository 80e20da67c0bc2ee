using Masthead.Articles;
using Masthead.Web;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Data;

public abstract partial class MastheadDb : IDataProtectionKeyContext
{
    /// <summary>On PostgreSQL, the key ring that signs cookies and tokens, shared by every node (encrypted, see <c>KeyRing</c>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>One row counting page-cache evictions, read by every node as the safety net of <see cref="PageCacheNodes"/>.</summary>
    public DbSet<CacheGeneration> CacheGenerations => Set<CacheGeneration>();

    /// <summary>Uploaded images, in the database so that every node serves them.</summary>
    public DbSet<MediaFile> MediaFiles => Set<MediaFile>();

    /// <summary>What several app nodes on one database share.</summary>
    private static void OnNodesModelCreating(ModelBuilder modelBuilder)
    {
        // The row is made by the first eviction, not seeded: an unused newsroom's database stays empty for restore.
        modelBuilder.Entity<CacheGeneration>().Property(g => g.Id).ValueGeneratedNever();
        modelBuilder.Entity<MediaFile>(media =>
        {
            media.HasKey(m => m.Name);
            media.Property(m => m.Name).HasMaxLength(40);
            media.Property(m => m.ContentType).HasMaxLength(40);
        });
    }
}
