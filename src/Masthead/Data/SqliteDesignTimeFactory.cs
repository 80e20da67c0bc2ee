using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Masthead.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without starting the site.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMastheadDb>
{
    public SqliteMastheadDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMastheadDb>().UseSqlite("Data Source=design.db").Options);
}
