using System.Diagnostics;
using Npgsql;

namespace Masthead.Data;

/// <summary>
/// Held while a starting node migrates the database, makes the first admin and seeds the demo, so that two nodes started
/// at the same moment on an empty database do these once between them: the second waits, then finds the work done.
/// </summary>
/// <remarks>
/// PostgreSQL: a session-level advisory lock on a connection of its own (unpooled, so the lock never outlives this
/// holder in a pool, and a node that dies mid-start releases it with its connection). EF's own migration lock covers
/// only the migrations, not the first admin and the seed. SQLite: an exclusive lock on a file beside the data (flock on
/// Linux), for the rare second process on the same box, such as a command run while the site is starting.
/// </remarks>
internal sealed class StartLock : IAsyncDisposable
{
    /// <summary>How long a node waits for another node's start before giving up with a message.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromMinutes(10);

    // Any fixed number, the same on every node: "Masthead" in ASCII.
    private const long PostgresKey = 0x4D61737468656164;

    private readonly NpgsqlConnection? _connection;
    private readonly FileStream? _file;

    private StartLock(NpgsqlConnection? connection, FileStream? file) => (_connection, _file) = (connection, file);

    public static async Task<StartLock> TakeAsync(DatabaseOptions database, string dataDirectory, CancellationToken cancellationToken)
    {
        if (database.IsPostgres)
        {
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString)
            {
                Pooling = false,
                ApplicationName = "masthead-start-lock",
                CommandTimeout = (int)Wait.TotalSeconds,
            }.ConnectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({PostgresKey})", connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
                return new StartLock(connection, null);
            }
            catch (NpgsqlException exception) when (exception.InnerException is TimeoutException)
            {
                await connection.DisposeAsync();
                throw new InvalidOperationException($"Another Masthead node has been starting on this database for over {Wait.TotalMinutes} minutes; waited for it in vain.", exception);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        var path = Path.Combine(dataDirectory, "start.lock");
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new StartLock(null, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (waited.Elapsed < Wait)
            {
                // Another process on this data directory is starting; it lets go within seconds.
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            // Closing the session would release the lock too; unlocking first says so plainly.
            await using (var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({PostgresKey})", _connection))
            {
                await command.ExecuteNonQueryAsync();
            }

            await _connection.DisposeAsync();
        }

        if (_file is not null)
        {
            await _file.DisposeAsync();
        }
    }
}
