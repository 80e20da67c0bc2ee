using Masthead.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Data;

public abstract partial class MastheadDb
{
    /// <summary>Which node runs each background job, on PostgreSQL with several nodes (<see cref="Masthead.Jobs.JobLeases"/>).</summary>
    public DbSet<JobLease> JobLeases => Set<JobLease>();

    private static void OnJobsModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<JobLease>(lease =>
        {
            lease.HasKey(l => l.Name);
            lease.Property(l => l.Name).HasMaxLength(100);
            lease.Property(l => l.Holder).HasMaxLength(200);

            // A new row is expired from the start, so the first node to take it needs no other statement.
            lease.Property(l => l.ExpiresAt).HasDefaultValue(DateTimeOffset.UnixEpoch);
        });
    }
}
