using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Masthead.Web;

/// <summary>The count of page-cache evictions on all nodes: one row, made by the first one.</summary>
public sealed class CacheGeneration
{
    internal const string Everything = "*";

    // Counting and notifying in one statement: the count's row lock orders announcing transactions, and PostgreSQL
    // delivers notifications in commit order, so each node hears generations one after another; a gap means a loss.
    internal const string AnnounceSql = """
        WITH counted AS (
            INSERT INTO "CacheGenerations" ("Id", "Value") VALUES (1, 1)
            ON CONFLICT ("Id") DO UPDATE SET "Value" = "CacheGenerations"."Value" + 1
            RETURNING "Value")
        SELECT pg_notify(@channel, (SELECT "Value" FROM counted)::text || ' ' || @payload)
        """;

    private const int MaxPayload = 7000; // PostgreSQL's limit is 8000 bytes; a longer list is sent as "everything".

    public int Id { get; set; }

    public long Value { get; set; }

    /// <summary>
    /// Inside <paramref name="db"/>'s transaction: counts one eviction by <paramref name="node"/> and queues the notification, both taking effect
    /// when the transaction commits and neither if it rolls back. Nothing on SQLite.
    /// </summary>
    public static async Task AnnounceAsync(MastheadDb db, string node, string[]? tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db is PostgresMastheadDb)
        {
            await db.Database.ExecuteSqlRawAsync(AnnounceSql, [.. AnnounceParameters(node, tags)], cancellationToken);
        }
    }

    internal static NpgsqlParameter[] AnnounceParameters(string node, string[]? tags) =>
        [new("channel", PageCacheNodes.Channel), new("payload", node + " " + Payload(tags))];

    private static string Payload(string[]? tags)
    {
        var joined = tags is null ? Everything : string.Join(' ', tags);
        return joined.Length > MaxPayload ? Everything : joined;
    }
}
