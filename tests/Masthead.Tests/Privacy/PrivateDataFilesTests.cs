using System.Runtime.Versioning;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Privacy;

/// <summary>The SQLite database holds staff password hashes and sealed personal data: only the service's user reads it.</summary>
public sealed class PrivateDataFilesTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = Private | UnixFileMode.UserExecute;

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_new_data_directory_is_0700_and_the_SQLite_database_and_its_WAL_are_0600()
    {
        await using var own = new SqliteFactory();
        var data = Path.Combine(own.DataDirectory, "newsroom");
        own.Settings["Masthead:DataDirectory"] = data;
        using var client = own.CreateBrowserClient();
        (await client.GetAsync(new Uri("/", UriKind.Relative))).Dispose();

        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(data));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(data, "masthead.db")));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(data, "masthead.db-wal")));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_database_file_left_readable_by_others_by_an_older_version_is_narrowed_at_the_next_start()
    {
        await using var own = new SqliteFactory();
        using (var client = own.CreateBrowserClient())
        {
            (await client.GetAsync(new Uri("/", UriKind.Relative))).Dispose();
        }

        var file = Path.Combine(own.DataDirectory, "masthead.db");
        File.SetUnixFileMode(file, Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await using var restarted = own.Restarted();
        using (var client = restarted.CreateBrowserClient())
        {
            (await client.GetAsync(new Uri("/", UriKind.Relative))).Dispose();
        }

        Assert.Equal(Private, File.GetUnixFileMode(file));
    }
}
