namespace Masthead.Tests.Infrastructure;

/// <summary>Masthead on SQLite: the database file lives in this instance's own <see cref="MastheadFactory.DataDirectory"/>.</summary>
public sealed class SqliteFactory : MastheadFactory
{
    public override string DatabaseProvider => "Sqlite";

    public override MastheadFactory Fresh() => new SqliteFactory();

    public override string EfProviderName => "Microsoft.EntityFrameworkCore.Sqlite";

    // Empty: the app puts masthead.db in its data directory, which is ours alone.
    protected override string DatabaseConnectionString => "";
}
