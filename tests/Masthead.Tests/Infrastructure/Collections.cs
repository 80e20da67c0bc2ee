namespace Masthead.Tests.Infrastructure;

// The two databases every HTTP test class runs on; see MastheadFactory for the pattern. The collections run in
// parallel with each other, and each holds one shared factory for all of its classes.

/// <summary>Test classes on SQLite, sharing one <see cref="SqliteFactory"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteFactory>
{
    public const string Name = "Sqlite";
}

/// <summary>Test classes on PostgreSQL, sharing one <see cref="PostgresFactory"/>. Fails, never skips, when no PostgreSQL can be reached or started.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFactory>
{
    public const string Name = "Postgres";
}
