using Microsoft.EntityFrameworkCore;

namespace Masthead.Data;

/// <summary>The embedded default: one SQLite file, no server to run.</summary>
public sealed class SqliteMastheadDb(DbContextOptions<SqliteMastheadDb> options) : MastheadDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text; as UTC ticks it can, and all our times are UTC.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicks>();
    }
}
