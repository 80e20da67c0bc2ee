using System.Diagnostics;
using System.Text;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
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
        AssertNowhere(stored, [supporter, reminded]);
    }

    [Fact]
    public async Task In_Stripe_mode_the_payer_s_address_names_and_street_appear_nowhere_in_the_stored_data()
    {
        await using var stripe = await FakeStripe.StartAsync();
        await using var own = stripe.Configure(factory.Fresh());
        using var reader = own.CreateBrowserClient();
        var known = new List<string>();
        foreach (var frequency in new[] { "Monthly", "OneTime" })
        {
            var unique = Guid.NewGuid().ToString("N")[..12];
            var (email, name, street, credited) = ($"Stripe.Payer.{unique}@Example.org", $"Payername {unique}", $"{unique} Payer Street", $"Credited {unique}");
            known.AddRange([email, name, street, credited]);
            using var form = await SupportDesk.SubmitAsync(own, reader, email, "3", frequency, name: credited, anonymous: false);
            Assert.Equal(System.Net.HttpStatusCode.Redirect, form.StatusCode);
            var events = stripe.Pay(form.Headers.Location!.AbsolutePath.Split('/')[^1], own.Clock.GetUtcNow(), payerName: name, addressLine: street);
            Assert.Contains(events, e => e.Contains(email, StringComparison.OrdinalIgnoreCase) && e.Contains(name, StringComparison.Ordinal) && e.Contains(street, StringComparison.Ordinal));
            await FakeStripe.DeliverAndApplyAsync(own, events);
        }

        Assert.Equal(2, await own.WithDbAsync(db => db.Contributions.CountAsync()));

        var stored = await RawDataAsync(own);

        Assert.True(stored.Length > 10_000, $"Only {stored.Length} bytes of stored data were read.");
        AssertNowhere(stored, known);
    }

    /// <summary>
    /// Not in UTF-8 or UTF-16, as typed or lower-cased; the local part of an address alone neither. The values are
    /// ASCII without quotes or backslashes, so their JSON-escaped form is the same bytes.
    /// </summary>
    private static void AssertNowhere(byte[] stored, IEnumerable<string> known)
    {
        foreach (var value in known)
        {
            foreach (var form in new[] { value, value.ToLowerInvariant(), value.Split('@')[0].ToLowerInvariant() }.Distinct())
            {
                Assert.True(stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes(form)) < 0, $"\"{form}\" is stored in clear text (UTF-8).");
                Assert.True(stored.AsSpan().IndexOf(Encoding.Unicode.GetBytes(form)) < 0, $"\"{form}\" is stored in clear text (UTF-16).");
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
        var server = new NpgsqlConnectionStringBuilder(PostgresFactory.Cluster);
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
