using Masthead.Tests.Infrastructure.Services;
using Npgsql;

namespace Masthead.Tests.Infrastructure;

/// <summary>
/// Masthead on PostgreSQL: a new database with a unique name on the test cluster (<see cref="Cluster"/>), dropped on dispose.
/// </summary>
public sealed class PostgresFactory : MastheadFactory
{
    /// <summary>The environment variable holding the test cluster's connection string, without a database name.</summary>
    public const string ServerVariable = TestServices.PostgresVariable;

    /// <summary>
    /// The test cluster's connection string, without a database name: <c>MASTHEAD_TEST_POSTGRES</c> when set, otherwise
    /// a throwaway cluster this test run starts (see <see cref="TestServices"/>).
    /// </summary>
    public static string Cluster => TestServices.PostgresServer;

    // A field initializer, so it runs before the base constructor makes a data directory that nobody would remove.
    private readonly string _server = Cluster;
    private bool _created;

    /// <summary>This instance's database, e.g. masthead_test_1f0c2a9b7e3d.</summary>
    public string DatabaseName { get; } = "masthead_test_" + Guid.NewGuid().ToString("N")[..16];

    public override string DatabaseProvider => "Postgres";

    public PostgresFactory()
    {
    }

    private PostgresFactory(string dataDirectory, string databaseName)
        : base(dataDirectory, ownsData: false)
    {
        DatabaseName = databaseName;
        _created = true;
    }

    public override MastheadFactory Fresh() => new PostgresFactory();

    /// <summary>
    /// A second app node on this factory's database, with this one's settings but a data directory of its own (inside
    /// this one's, so removed with it), as on another machine: only what the database holds is shared, and the
    /// personal-data key if the settings give one (<c>Masthead:Privacy:Key</c>).
    /// </summary>
    public PostgresFactory OtherNode()
    {
        var directory = Directory.CreateDirectory(Path.Combine(DataDirectory, "node-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        return (PostgresFactory)WithSameSettings(new PostgresFactory(directory, DatabaseName));
    }

    public override MastheadFactory Restarted() => WithSameSettings(new PostgresFactory(DataDirectory, DatabaseName));

    public override string EfProviderName => "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override string DatabaseConnectionString =>
        new NpgsqlConnectionStringBuilder(_server) { Database = DatabaseName }.ConnectionString;

    /// <summary>This factory's connection string, for a test that talks to the database itself.</summary>
    public string ConnectionString => DatabaseConnectionString;

    /// <summary>
    /// Creates this factory's empty database now, without starting the in-memory app (which would migrate it), e.g. for
    /// real processes to start on. Done anyway when the app first starts.
    /// </summary>
    public void CreateDatabase()
    {
        if (!_created)
        {
            using var connection = OpenServerConnection();
            using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{DatabaseName}\"";
            create.ExecuteNonQuery();
            _created = true;
        }
    }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        // The app migrates an existing, empty database at start, so create it first.
        CreateDatabase();
        base.ConfigureWebHost(builder);
    }

    protected override async Task DropDatabaseAsync()
    {
        if (!_created)
        {
            return;
        }

        NpgsqlConnection.ClearPool(new NpgsqlConnection(DatabaseConnectionString));
        await using var connection = OpenServerConnection();
        await using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)";
        await drop.ExecuteNonQueryAsync();
    }

    private NpgsqlConnection OpenServerConnection()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false }.ConnectionString);
        try
        {
            connection.Open();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            connection.Dispose();
            throw new InvalidOperationException(
                $"Cannot reach the test PostgreSQL cluster {ServerVariable}=\"{_server}\": {e.Message}.", e);
        }

        return connection;
    }
}
