using Masthead.Tests.Infrastructure;
using Npgsql;

namespace Masthead.Tests.Operations;

/// <summary>
/// The real program against a PostgreSQL it cannot use: nothing listening, no such database, a user the server
/// refuses, a connection string that cannot be read, and a bad setting beside a good database. Each must end in one
/// sentence naming <c>Masthead:Database:ConnectionString</c> (or the setting), the documented exit code, no stack
/// trace, and no database made or changed.
/// </summary>
public sealed class BadDatabaseTests : IAsyncLifetime
{
    private const string Setting = "Masthead:Database:ConnectionString";
    private readonly string _server = PostgresFactory.Cluster;

    /// <summary>An empty database made for this class, which no case may put a table into.</summary>
    private readonly string _fresh = "masthead_badconfig_" + Guid.NewGuid().ToString("N")[..12];

    public static TheoryData<string, string, int> Cases { get; } = new()
    {
        { "nothing listening", "could not connect to the PostgreSQL server named in " + Setting, 4 },
        { "no such database", "The database named in " + Setting + " does not exist on the PostgreSQL server", 3 },
        { "unknown user", "PostgreSQL refused the user name or password in " + Setting, 3 },
        { "unreadable", Setting + " cannot be read as a Postgres connection string", 3 },
        { "bad time zone, good database", "Masthead:Newsroom:TimeZone \"Mars/Olympus\" is not a time zone", 3 },
    };

    public Task InitializeAsync() => ExecuteAsync($"CREATE DATABASE \"{_fresh}\"");

    public Task DisposeAsync() => ExecuteAsync($"DROP DATABASE IF EXISTS \"{_fresh}\" WITH (FORCE)");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_database_that_cannot_be_used_is_named_in_one_sentence_and_left_untouched(string name, string says, int expected)
    {
        var missing = "masthead_missing_" + Guid.NewGuid().ToString("N")[..12];
        var server = new NpgsqlConnectionStringBuilder(_server);
        var connectionString = name switch
        {
            "nothing listening" => $"Host=127.0.0.1;Port={MastheadProcess.FreePort()};Username=masthead;Password=wrong;Database={_fresh};Timeout=5",
            "no such database" => new NpgsqlConnectionStringBuilder(_server) { Database = missing }.ConnectionString,
            "unknown user" => new NpgsqlConnectionStringBuilder(_server) { Database = _fresh, Username = "nobody_" + Guid.NewGuid().ToString("N")[..8], Password = "wrong" }.ConnectionString,
            "unreadable" => $"Host={server.Host};Prot={server.Port};Database={_fresh}",
            _ => new NpgsqlConnectionStringBuilder(_server) { Database = _fresh }.ConnectionString,
        };
        using var data = new BadConfigurationTests.Scratch();
        var settings = new Dictionary<string, string?>
        {
            ["Masthead:DataDirectory"] = data.DataDirectory,
            ["Masthead:Database:Provider"] = "postgres",
            [Setting] = connectionString,
        };
        if (name.StartsWith("bad time zone", StringComparison.Ordinal))
        {
            settings["Masthead:Newsroom:TimeZone"] = "Mars/Olympus";
        }

        var (exitCode, output, error) = await MastheadProcess.RunToExitAsync(settings, ["--urls", "http://127.0.0.1:0"]);

        Assert.True(exitCode == expected, $"Exit code {exitCode}, not {expected}:\n{output}\n{error}");
        Assert.Contains(says, error, StringComparison.Ordinal);
        BadConfigurationTests.NoStackTrace(output + error);
        Assert.DoesNotContain("wrong", output + error, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync(_fresh, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"));
        Assert.Equal(0L, await ScalarAsync("postgres", $"SELECT COUNT(*) FROM pg_database WHERE datname = '{missing}'"));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = database, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
