using System.Net;
using Masthead.Articles;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Nodes;

/// <summary>An image uploaded through one app node is served by another that shares only the database.</summary>
// In the PostgreSQL collection: one after another with the other PostgreSQL tests, whose real processes they would otherwise starve.
[Collection(PostgresCollection.Name)]
public sealed class SharedMediaTests
{
    [Fact]
    public async Task A_cover_uploaded_on_one_node_is_served_by_another_with_its_own_data_directory()
    {
        await using var a = new PostgresFactory();
        var author = await EditorDesk.AddAuthorAsync(a);
        using var editor = await EditorDesk.SignedInAsAsync(a, StaffRole.Editor);
        var input = new ArticleInput($"Lighthouse restored {EditorDesk.Unique()}", [author]);
        await EditorDesk.SubmitOkAsync(editor, null, input, "Publish", new Upload("lighthouse.png", "image/png", TestImages.Png));

        await using var b = a.OtherNode();
        using var reader = b.CreateClient();
        var page = await b.GetPageAsync(reader, $"/articles/{Slugs.From(input.Headline)}");
        var src = page.QuerySelector(".cover img")!.GetAttribute("src")!;
        using var image = await reader.GetAsync(new Uri(src, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(TestImages.Png, await image.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", image.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(b.DataDirectory, "media")));
    }
}
