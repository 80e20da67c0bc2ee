using Microsoft.Data.Sqlite;
using Npgsql;

namespace Masthead.Data;

/// <summary>
/// Failures that say "the database cannot take this now" rather than "this request is wrong": a writer held the
/// lock too long, the disk is full, the server refuses connections. They are answered 503 with Retry-After, so a
/// reader or a payment provider tries again; nothing was acknowledged, so nothing is lost.
/// </summary>
public static class StorageUnavailable
{
    /// <summary>How long to ask clients to wait, in seconds.</summary>
    public const int RetryAfterSeconds = 5;

    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN.
    private static readonly int[] SqliteCodes = [5, 6, 10, 13, 14];

    // lock_not_available, disk_full, out_of_memory, too_many_connections, cannot_connect_now, admin_shutdown.
    private static readonly string[] PostgresStates = ["55P03", "53100", "53200", "53300", "57P03", "57P01"];

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when SqliteCodes.Contains(sqlite.SqliteErrorCode):
                case PostgresException postgres when PostgresStates.Contains(postgres.SqlState):
                case NpgsqlException { IsTransient: true }:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }
}
