using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Masthead.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMastheadDb>
{
    public PostgresMastheadDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMastheadDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
