using System.Data.Common;
using System.Globalization;
using Masthead.Articles;
using Masthead.Privacy;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Masthead.Tests.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Data;

/// <summary>backup and restore, run as the command line runs them, compared table by table and row by row.</summary>
public abstract class BackupRestoreTests
{
    /// <summary>A newsroom of this test's database engine, with its own database and data directory.</summary>
    protected abstract MastheadFactory NewNewsroom(bool seedDemo);

    [Fact]
    public async Task A_backup_restored_into_a_new_newsroom_holds_every_row_of_every_table_and_never_the_key()
    {
        await using var source = NewNewsroom(seedDemo: true);
        using (var reader = source.CreateBrowserClient())
        {
            await SupportDesk.GiveAsync(source, reader, $"backed.up.{Guid.NewGuid():N}@example.org", "9", name: "Backed Up", anonymous: false);
            using (await source.PostFormAsync(reader, "/appeal/remind", new Dictionary<string, string> { ["Input.Email"] = "later@example.org", ["Input.When"] = "next-month" }))
            {
            }
        }

        var file = Path.Combine(source.DataDirectory, "newsroom.backup");
        var backup = await DataCareDesk.RunCommandAsync(source, "backup", file);
        Assert.True(backup.ExitCode == 0, backup.Output + backup.Error);
        Assert.Contains("does not contain the personal-data key", backup.Output);
        var key = await File.ReadAllBytesAsync(Path.Combine(source.DataDirectory, "keys", "personal-data.key"));
        Assert.Equal(-1, (await File.ReadAllBytesAsync(file)).AsSpan().IndexOf(key));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        var again = await DataCareDesk.RunCommandAsync(source, "backup", file);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Error);

        await using var target = NewNewsroom(seedDemo: false);

        // The key is restored apart, as the README says, before the new newsroom first starts.
        Directory.CreateDirectory(Path.Combine(target.DataDirectory, "keys"));
        await File.WriteAllBytesAsync(Path.Combine(target.DataDirectory, "keys", "personal-data.key"), key);

        // A newsroom that has begun work (an author here; what a start writes by itself depends on its jobs' timing)
        // is refused without --force.
        await target.WithDbAsync(db =>
        {
            db.Authors.Add(new Author { Name = "Already here", Slug = "already-here" });
            return db.SaveChangesAsync();
        });
        var refused = await DataCareDesk.RunCommandAsync(target, "restore", file);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("The database is not empty", refused.Error);

        var restored = await DataCareDesk.RunCommandAsync(target, "restore", file, "--force");
        Assert.True(restored.ExitCode == 0, restored.Output + restored.Error);

        var expected = await EveryRowAsync(source);
        var actual = await EveryRowAsync(target);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (table, rows) in expected)
        {
            Assert.True(rows.SequenceEqual(actual[table]), $"Table {table}: {rows.Count} rows backed up, {actual[table].Count} restored, or a row differs.");
        }

        Assert.True(expected["Articles"].Count > 0 && expected["Supporters"].Count > 0 && expected["Contributions"].Count > 0 && expected["Reminders"].Count > 0);
        var protectedEmail = await target.WithDbAsync(db => db.Supporters.Select(s => s.EmailProtected).SingleAsync());
        Assert.StartsWith("backed.up.", target.Services.GetRequiredService<PersonalData>().Unprotect(protectedEmail!));
    }

    [Fact]
    public async Task A_restored_backup_is_searchable_from_the_index_it_carries()
    {
        await using var source = NewNewsroom(seedDemo: false);
        var author = await Articles.EditorDesk.AddAuthorAsync(source);
        using (var editor = await source.SignedInAdminAsync())
        {
            await Articles.EditorDesk.SubmitOkAsync(editor, null, new Articles.ArticleInput("Lost lighthouse found", [author], "The keepers returned."), "Publish");
        }

        var file = Path.Combine(source.DataDirectory, "search.backup");
        var backup = await DataCareDesk.RunCommandAsync(source, "backup", file);
        Assert.True(backup.ExitCode == 0, backup.Output + backup.Error);
        await using var target = NewNewsroom(seedDemo: false);
        var restored = await DataCareDesk.RunCommandAsync(target, "restore", file, "--force");
        Assert.True(restored.ExitCode == 0, restored.Output + restored.Error);

        // The entries came back at the articles' versions, so the catch-up job has nothing to do: the search index
        // itself (SQLite's FTS5 table, PostgreSQL's tsvector column) was in the backup.
        await using (var scope = target.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<Masthead.Search.SearchCatchUp>().RunOnceAsync(CancellationToken.None));
        }

        using var reader = target.CreateBrowserClient();
        var page = await target.GetPageAsync(reader, "/search?q=keeper");
        Assert.Equal(["Lost lighthouse found"], page.QuerySelectorAll(".search-results h2 a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task Images_in_the_database_and_in_an_older_versions_media_folder_are_served_from_the_restored_newsroom()
    {
        await using var source = NewNewsroom(seedDemo: false);
        byte[] stored = [.. Articles.TestImages.Png, .. Guid.NewGuid().ToByteArray()];
        byte[] legacy = [.. Articles.TestImages.Png, .. Guid.NewGuid().ToByteArray()];
        var storedName = await source.WithDbAsync(async db =>
        {
            var name = await MediaImages.AddAsync(db, stored, CancellationToken.None);
            await db.SaveChangesAsync();
            return name!;
        });
        const string LegacyName = "00112233445566778899aabb.png";
        await File.WriteAllBytesAsync(Path.Combine(source.DataDirectory, "media", LegacyName), legacy);

        var file = Path.Combine(source.DataDirectory, "media.backup");
        var backup = await DataCareDesk.RunCommandAsync(source, "backup", file);
        Assert.True(backup.ExitCode == 0, backup.Output + backup.Error);
        Assert.Contains("Copied 1 image from the media folder into the database", backup.Output);
        await using var target = NewNewsroom(seedDemo: false);
        var restored = await DataCareDesk.RunCommandAsync(target, "restore", file, "--force");
        Assert.True(restored.ExitCode == 0, restored.Output + restored.Error);

        Assert.False(File.Exists(Path.Combine(target.DataDirectory, "media", LegacyName)));
        using var reader = target.CreateClient();
        Assert.Equal(stored, await reader.GetByteArrayAsync(new Uri("/media/" + storedName, UriKind.Relative)));
        Assert.Equal(legacy, await reader.GetByteArrayAsync(new Uri("/media/" + LegacyName, UriKind.Relative)));
    }

    [Fact]
    public async Task Restore_without_a_file_or_from_a_file_that_is_not_a_backup_fails_with_a_message()
    {
        await using var target = NewNewsroom(seedDemo: false);
        var missing = await DataCareDesk.RunCommandAsync(target, "restore", Path.Combine(target.DataDirectory, "nothing-here"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("There is no file", missing.Error);

        var usage = await DataCareDesk.RunCommandAsync(target, "backup");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("Required argument 'file' missing", usage.Error);
        Assert.Contains("backup <file>", usage.Error);

        var junk = Path.Combine(target.DataDirectory, "junk.backup");
        await File.WriteAllTextAsync(junk, "this is not a backup");
        var refused = await DataCareDesk.RunCommandAsync(target, "restore", junk, "--force");
        Assert.Equal(1, refused.ExitCode);
        Assert.NotEqual("", refused.Error.Trim());
    }

    /// <summary>Every table of the EF model, each row as text, ordered by primary key.</summary>
    private static Task<Dictionary<string, List<string>>> EveryRowAsync(MastheadFactory newsroom) => newsroom.WithDbAsync(async db =>
    {
        var tables = new Dictionary<string, List<string>>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = entity.GetTableName()!;
            var keys = string.Join(", ", entity.FindPrimaryKey()!.Properties.Select(p => $"\"{p.GetColumnName()}\""));
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY {keys}";
            await using var reader = await command.ExecuteReaderAsync();
            tables[table] = await RowsAsync(reader);
        }

        await db.Database.CloseConnectionAsync();
        return tables;
    });

    private static async Task<List<string>> RowsAsync(DbDataReader reader)
    {
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var cells = Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : reader.GetValue(i) switch
            {
                byte[] bytes => Convert.ToBase64String(bytes),
                IFormattable value => reader.GetName(i) + "=" + value.ToString(null, CultureInfo.InvariantCulture),
                var value => reader.GetName(i) + "=" + value,
            });
            rows.Add(string.Join(" | ", cells));
        }

        return rows;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BackupRestoreTestsOnSqlite : BackupRestoreTests
{
    protected override MastheadFactory NewNewsroom(bool seedDemo) => new SqliteFactory { SeedDemo = seedDemo };
}

[Collection(PostgresCollection.Name)]
public sealed class BackupRestoreTestsOnPostgres : BackupRestoreTests
{
    protected override MastheadFactory NewNewsroom(bool seedDemo) => new PostgresFactory { SeedDemo = seedDemo };
}
