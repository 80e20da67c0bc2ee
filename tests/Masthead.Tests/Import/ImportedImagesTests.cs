using Masthead.Articles;
using Masthead.Import;

namespace Masthead.Tests.Import;

/// <summary>An imported body's images pointed at this site's copies, or turned into links when they cannot be had.</summary>
public sealed class ImportedImagesTests
{
    private const string Name = "0123456789abcdef01234567.jpg";
    private static readonly Uri Site = new("https://old.example.org/blog/");

    /// <summary>Stores what is under /uploads/ and refuses the rest, recording what it was asked for.</summary>
    private static Func<string, Task<string?>> Store(List<string> asked) => url =>
    {
        asked.Add(url);
        return Task.FromResult(url.Contains("/uploads/", StringComparison.Ordinal) ? Name : null);
    };

    [Fact]
    public async Task Src_and_every_srcset_candidate_become_media_paths_relative_ones_taken_against_the_site()
    {
        var asked = new List<string>();
        var html = await ImportedImages.RewriteAsync(
            "<p>Before</p><figure><img src=\"/uploads/a.jpg\" srcset=\"uploads/a-300.jpg 300w, https://old.example.org/gone/a-600.jpg 600w\" alt=\"Harbour\"></figure>",
            Site, Store(asked));

        Assert.Equal(["https://old.example.org/uploads/a.jpg", "https://old.example.org/blog/uploads/a-300.jpg", "https://old.example.org/gone/a-600.jpg"], asked);
        Assert.Equal($"<p>Before</p><figure><img src=\"/media/{Name}\" srcset=\"/media/{Name} 300w\" alt=\"Harbour\"></figure>", html);
        Assert.Contains($"<img src=\"/media/{Name}\"", ArticleMarkdown.SanitizeHtml(html));
    }

    [Fact]
    public async Task An_image_that_cannot_be_had_becomes_a_link_to_it_named_by_its_alt_or_file_name()
    {
        var html = await ImportedImages.RewriteAsync(
            "<p><img src=\"https://cdn.example.net/gone/harbour.jpg\" alt=\"The harbour\"> and <img src=\"https://cdn.example.net/gone/boats.jpg\"></p>",
            Site, Store([]));

        Assert.Equal(
            "<p><a href=\"https://cdn.example.net/gone/harbour.jpg\">The harbour</a> and <a href=\"https://cdn.example.net/gone/boats.jpg\">boats.jpg</a></p>", html);
        Assert.Contains("<a href=\"https://cdn.example.net/gone/harbour.jpg\" rel=\"noopener noreferrer\">The harbour</a>", ArticleMarkdown.SanitizeHtml(html));
    }

    [Fact]
    public async Task Inside_a_link_a_missing_image_leaves_its_text_and_a_picture_becomes_its_image()
    {
        var html = await ImportedImages.RewriteAsync(
            "<a href=\"https://example.org/story\"><img src=\"https://cdn.example.net/x.jpg\" alt=\"Story\"></a>" +
            "<picture><source srcset=\"https://cdn.example.net/a.webp\"><img src=\"/uploads/a.jpg\" alt=\"A\"></picture>",
            Site, Store([]));

        Assert.Equal($"<a href=\"https://example.org/story\">Story</a><img src=\"/media/{Name}\" alt=\"A\">", html);
    }
}
