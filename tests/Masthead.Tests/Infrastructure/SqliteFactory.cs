namespace Masthead.Tests.Infrastructure;

/// <summary>Masthead on SQLite: the database file lives in this instance's own <see cref="MastheadFactory.DataDirectory"/>.</summary>
public sealed class SqliteFactory : MastheadFactory
{
    public SqliteFactory()
    {
    }

    private SqliteFactory(string dataDirectory)
        : base(dataDirectory, ownsData: false)
    {
    }

    public override MastheadFactory Restarted() => WithSameSettings(new SqliteFactory(DataDirectory));

    public override string DatabaseProvider => "Sqlite";

    public override MastheadFactory Fresh() => new SqliteFactory();

    public override string EfProviderName => "Microsoft.EntityFrameworkCore.Sqlite";

    // Empty: the app puts masthead.db in its data directory, which is ours alone.
    protected override string DatabaseConnectionString => "";
}
