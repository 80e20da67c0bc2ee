using System.Diagnostics;
using System.Text;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Npgsql;

namespace Masthead.Tests.Privacy;

/// <summary>No supporter's or reader's email address sits in the database in clear text, in any file the database writes.</summary>
public abstract class PrivacyAtRestTests(MastheadFactory factory)
{
    [Fact]
    public async Task Addresses_given_through_every_form_appear_nowhere_in_the_stored_data()
    {
        await using var own = factory.Fresh();
        using var reader = own.CreateBrowserClient();
        var supporter = $"Supporter.Known.{Guid.NewGuid():N}@Example.org";
        var reminded = $"reminded.known.{Guid.NewGuid():N}@example.org";
        await SupportDesk.GiveAsync(own, reader, supporter, "2");
        using (await own.PostFormAsync(reader, "/appeal/remind", new Dictionary<string, string> { ["Input.Email"] = reminded, ["Input.When"] = "three-months" }))
        {
        }

        using (await own.PostFormAsync(reader, "/support/restore", new Dictionary<string, string> { ["Input.Email"] = supporter }))
        {
        }

        var stored = await RawDataAsync(own);

        Assert.True(stored.Length > 10_000, $"Only {stored.Length} bytes of stored data were read.");
        foreach (var address in new[] { supporter, reminded })
        {
            foreach (var form in new[] { address, address.ToLowerInvariant(), address.Split('@')[0].ToLowerInvariant() })
            {
                Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes(form)));
                Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.Unicode.GetBytes(form)));
            }
        }
    }

    /// <summary>Every byte the database holds for this newsroom.</summary>
    protected abstract Task<byte[]> RawDataAsync(MastheadFactory own);
}

[Collection(SqliteCollection.Name)]
public sealed class PrivacyAtRestTestsOnSqlite(SqliteFactory factory) : PrivacyAtRestTests(factory)
{
    /// <summary>The database file with its write-ahead log and shared memory, read as they lie on disk.</summary>
    protected override async Task<byte[]> RawDataAsync(MastheadFactory own)
    {
        using var all = new MemoryStream();
        foreach (var file in Directory.GetFiles(own.DataDirectory, "masthead.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            await stream.CopyToAsync(all);
        }

        return all.ToArray();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PrivacyAtRestTestsOnPostgres(PostgresFactory factory) : PrivacyAtRestTests(factory)
{
    /// <summary>A plain-text pg_dump of the whole database, as a backup would hold it.</summary>
    protected override async Task<byte[]> RawDataAsync(MastheadFactory own)
    {
        var database = ((PostgresFactory)own).DatabaseName;
        var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresFactory.ServerVariable));
        var pgDump = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin", "pg_dump")).Where(File.Exists).Order().LastOrDefault()
            ?? throw new InvalidOperationException("pg_dump not found under /usr/lib/postgresql; run ./test.sh.");
        using var dump = Process.Start(new ProcessStartInfo(pgDump, ["--host", server.Host!, "--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", server.Username!, "--no-password", database])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using var output = new MemoryStream();
        var copy = dump.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = dump.StandardError.ReadToEndAsync();
        await dump.WaitForExitAsync();
        await copy;
        Assert.True(dump.ExitCode == 0, $"pg_dump failed: {await errors}");
        return output.ToArray();
    }
}
