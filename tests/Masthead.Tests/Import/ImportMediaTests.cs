using Masthead.Articles;
using Masthead.Import;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Import;

/// <summary>Where an import's images are found (the export, the media folder, the web) and how they are stored.</summary>
public abstract class ImportMediaTests(MastheadFactory factory) : IDisposable
{
    private static readonly Uri Site = new("https://old.example.org/");
    private readonly string _folder = Directory.CreateTempSubdirectory("masthead-media-").FullName;

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static ImportedSite SiteWith(Func<string, byte[]?>? openMedia = null, Uri? url = null) => new("wordpress", url ?? Site, [], [], [], openMedia);

    private static byte[] Unique() => [.. TestImages.Png, .. Guid.NewGuid().ToByteArray()];

    [Theory]
    [InlineData("https://old.example.org/wp-content/uploads/2024/05/harbour.png")]
    [InlineData("/wp-content/uploads/2024/05/harbour.png")]
    [InlineData("https://cdn.example.net/site/wp-content/uploads/2024/05/harbour.png?resize=300")]
    [InlineData("https://old.example.org/content/images/2024/05/harbour.png")]
    public async Task An_image_is_found_in_the_media_folder_by_what_follows_uploads_or_images(string url)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "2024", "05"));
        await File.WriteAllBytesAsync(Path.Combine(_folder, "2024", "05", "harbour.png"), TestImages.Png, CancellationToken.None);
        using var media = new ImportMedia(SiteWith(), new ImportMediaOptions(_folder), new ImportReport());

        Assert.Equal(TestImages.Png, (await media.ReadAsync(url, CancellationToken.None)).Bytes);
    }

    [Theory]
    [InlineData("https://old.example.org/wp-content/uploads/%2e%2e%2fsecret.png", "its path leaves the media folder")]
    [InlineData("/wp-content/uploads/..%2F..%2Fsecret.png", "its path leaves the media folder")]
    [InlineData("/wp-content/uploads/linked/secret.png", "its path passes through a symbolic link in the media folder")]
    [InlineData("/wp-content/uploads/nothing.png", "not in the media folder")]
    [InlineData("/wp-content/uploads/notes.png", "not a JPEG, PNG, GIF or WebP image")]
    [InlineData("https://old.example.org/elsewhere/a.png", "not in the export or the media folder")]
    public async Task A_path_out_of_the_media_folder_or_a_file_that_is_not_an_image_is_refused(string url, string reason)
    {
        var outside = Directory.CreateDirectory(Path.Combine(_folder, "outside")).FullName;
        var uploads = Directory.CreateDirectory(Path.Combine(_folder, "uploads")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(_folder, "secret.png"), TestImages.Png, CancellationToken.None);
        await File.WriteAllBytesAsync(Path.Combine(outside, "secret.png"), TestImages.Png, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(uploads, "notes.png"), "not an image", CancellationToken.None);
        Directory.CreateSymbolicLink(Path.Combine(uploads, "linked"), outside);
        using var media = new ImportMedia(SiteWith(), new ImportMediaOptions(uploads), new ImportReport());

        var result = await media.ReadAsync(url, CancellationToken.None);
        Assert.Null(result.Bytes);
        Assert.StartsWith(reason, result.Problem);
    }

    [Fact]
    public async Task An_image_the_export_carries_comes_first_and_a_missing_one_is_reported()
    {
        using var media = new ImportMedia(SiteWith(url => url.EndsWith("/a.png", StringComparison.Ordinal) ? TestImages.Png : null), new ImportMediaOptions(), new ImportReport());
        Assert.Equal(TestImages.Png, (await media.ReadAsync("__GHOST_URL__/content/images/a.png", CancellationToken.None)).Bytes);
        Assert.Equal("not in the export (--fetch-media would download it)", (await media.ReadAsync("/content/images/b.png", CancellationToken.None)).Problem);
    }

    [Fact]
    public async Task An_image_is_stored_once_under_the_name_its_content_gives_however_often_and_wherever_it_is_named()
    {
        var bytes = Unique();
        await File.WriteAllBytesAsync(Path.Combine(_folder, "a.png"), bytes, CancellationToken.None);
        await File.WriteAllBytesAsync(Path.Combine(_folder, "copy.png"), bytes, CancellationToken.None);
        var expected = MediaImages.StoredName(bytes, ".png");
        Assert.Matches("^[0-9a-f]{24}\\.png$", expected);

        for (var run = 0; run < 2; run++)
        {
            var report = new ImportReport();
            using var media = new ImportMedia(SiteWith(), new ImportMediaOptions(_folder), report);
            await factory.WithDbAsync(async db =>
            {
                Assert.Equal(expected, await media.StoreAsync(db, "/wp-content/uploads/a.png", CancellationToken.None));
                Assert.Equal(expected, await media.StoreAsync(db, "/wp-content/uploads/a.png", CancellationToken.None));
                Assert.Equal(expected, await media.StoreAsync(db, "/wp-content/uploads/copy.png", CancellationToken.None));
                Assert.Null(await media.StoreAsync(db, "/wp-content/uploads/none.png", CancellationToken.None));
                await db.SaveChangesAsync(CancellationToken.None);
            });

            Assert.Equal(run == 0 ? 1 : 0, report.Counts.GetValueOrDefault("image copied"));
            Assert.Equal(run == 0 ? 1 : 2, report.Counts.GetValueOrDefault("image already stored"));
            Assert.Equal(1, report.Counts.GetValueOrDefault("image missing: not in the media folder"));
            Assert.Contains(report.Warnings, w => w.Contains("/wp-content/uploads/none.png", StringComparison.Ordinal));
        }

        Assert.Equal(bytes, await factory.WithDbAsync(db => db.MediaFiles.Where(m => m.Name == expected).Select(m => m.Bytes).SingleAsync()));
        using var reader = factory.CreateClient();
        Assert.Equal(bytes, await reader.GetByteArrayAsync(new Uri("/media/" + expected, UriKind.Relative), CancellationToken.None));
    }

    [Fact]
    public async Task What_is_found_nowhere_else_is_downloaded_from_the_sites_own_host_when_asked()
    {
        var bytes = Unique();
        await using var server = await LocalImageServer.StartAsync(app => app.MapGet("/wp-content/uploads/far.png", () => Results.Bytes(bytes, "image/png")));
        var report = new ImportReport();
        using var media = new ImportMedia(SiteWith(url: server.Address), new ImportMediaOptions(_folder, Fetch: true, AllowPrivateAddresses: true), report);

        var name = await factory.WithDbAsync(async db =>
        {
            var stored = await media.StoreAsync(db, "/wp-content/uploads/far.png", CancellationToken.None);
            await db.SaveChangesAsync(CancellationToken.None);
            return stored;
        });

        Assert.Equal(MediaImages.StoredName(bytes, ".png"), name);
        Assert.Equal(1, report.Counts["image copied"]);
    }

    [Fact]
    public void Only_acceptable_images_have_an_extension()
    {
        Assert.Equal(".png", MediaImages.Extension(TestImages.Png));
        Assert.Null(MediaImages.Extension("GIF89a"u8));
        Assert.Null(MediaImages.Extension("<html></html>"u8));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ImportMediaTestsOnSqlite(SqliteFactory factory) : ImportMediaTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ImportMediaTestsOnPostgres(PostgresFactory factory) : ImportMediaTests(factory);
