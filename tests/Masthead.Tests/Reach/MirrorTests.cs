using System.Net;
using Masthead.Audit;
using Masthead.Newsroom;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Reach;

/// <summary>The mirrors editors list at /admin/mirrors, and where readers see them: the "Reach us" page and Onion-Location.</summary>
public abstract class MirrorTests(MastheadFactory factory)
{
    [Fact]
    public async Task An_editor_lists_a_new_mirror_and_readers_see_it_first_on_the_reach_page_until_it_is_removed()
    {
        var unique = EditorDesk.Unique();
        var older = $"https://older-{unique}.example.net";
        var newer = $"https://newer-{unique}.example.net/copy";
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        await AddOkAsync(editor, older, "Updated weekly");
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await AddOkAsync(editor, $"HTTPS://NEWER-{unique}.example.net/copy/", "");

        using var reader = factory.CreateBrowserClient();
        var front = await factory.GetPageAsync(reader, "/");
        Assert.NotNull(front.QuerySelector("footer a[href='/reach']"));
        var page = await factory.GetPageAsync(reader, "/reach");
        var listed = page.QuerySelectorAll(".mirrors li a").Select(a => a.TextContent).ToList();
        Assert.True(listed.IndexOf(newer) >= 0 && listed.IndexOf(newer) < listed.IndexOf(older), string.Join(", ", listed));
        Assert.Contains("Updated weekly", page.QuerySelector($".mirrors li:has(a[href='{older}/'])")!.TextContent, StringComparison.Ordinal);

        var id = await factory.WithDbAsync(db => db.Mirrors.Where(m => m.Address == older).Select(m => m.Id).SingleAsync());
        using var removed = await factory.PostFormAsync(editor, "/admin/mirrors", [], $"/admin/mirrors?handler=Remove&id={id}");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotContain(older, (await factory.GetPageAsync(reader, "/reach")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var actions = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Target == "mirror" && (e.Detail == older || e.Detail == newer)).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditActions.MirrorAdded, AuditActions.MirrorAdded, AuditActions.MirrorRemoved], actions);
    }

    [Theory]
    [InlineData("meridian.example.net", "full address")]
    [InlineData("ftp://meridian.example.net", "full address")]
    [InlineData("https://meridian.example.net/?page=2", "full address")]
    [InlineData("https://user@meridian.example.net", "full address")]
    [InlineData("javascript:alert(1)", "full address")]
    public async Task An_address_that_is_not_a_web_address_is_refused_beside_the_field_with_the_form_kept(string address, string message)
    {
        var note = $"Kept {EditorDesk.Unique()}";
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        using var response = await factory.PostFormAsync(editor, "/admin/mirrors", Fields(address, note));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("[data-valmsg-for='Input.Address']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(address, EditorDesk.FieldValue(page, "Input.Address"));
        Assert.Equal(note, EditorDesk.FieldValue(page, "Input.Note"));
        Assert.False(await factory.WithDbAsync(db => db.Mirrors.AnyAsync(m => m.Note == note)));
    }

    [Fact]
    public async Task A_listed_address_a_too_long_address_and_a_too_long_note_are_refused()
    {
        var address = $"https://taken-{EditorDesk.Unique()}.example.net";
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        await AddOkAsync(editor, address, "");

        using var taken = await factory.PostFormAsync(editor, "/admin/mirrors", Fields(address + "/", ""));
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("already listed", (await Html.ParseAsync(taken)).QuerySelector("[data-valmsg-for='Input.Address']")!.TextContent, StringComparison.Ordinal);

        using var longAddress = await factory.PostFormAsync(editor, "/admin/mirrors", Fields("https://example.net/" + new string('a', 300), ""));
        Assert.Equal(HttpStatusCode.BadRequest, longAddress.StatusCode);

        using var longNote = await factory.PostFormAsync(editor, "/admin/mirrors", Fields($"https://note-{EditorDesk.Unique()}.example.net", new string('n', 201)));
        Assert.Equal(HttpStatusCode.BadRequest, longNote.StatusCode);
        Assert.Contains("at most 200", (await Html.ParseAsync(longNote)).QuerySelector("[data-valmsg-for='Input.Note']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Mirrors.CountAsync(m => m.Address == address)));
    }

    [Fact]
    public async Task A_writer_cannot_change_the_mirrors()
    {
        using var writer = await EditorDesk.SignedInAsAsync(factory, StaffRole.Writer);
        using var page = await writer.GetAsync(new Uri("/admin/mirrors", UriKind.Relative));

        Assert.Contains("/admin/denied", page.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private static List<KeyValuePair<string, string>> Fields(string address, string note, bool reachesLiveSite = false) =>
        [new("Input.Address", address), new("Input.Note", note), new("Input.ReachesLiveSite", reachesLiveSite ? "true" : "false")];

    private async Task AddOkAsync(HttpClient editor, string address, string note)
    {
        using var response = await factory.PostFormAsync(editor, "/admin/mirrors", Fields(address, note));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"adding answered {(int)response.StatusCode}: {Html.Messages(await response.Content.ReadAsStringAsync())}");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MirrorTestsOnSqlite(SqliteFactory factory) : MirrorTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class MirrorTestsOnPostgres(PostgresFactory factory) : MirrorTests(factory);

/// <summary>The demo newsroom's mirrors on a fresh database, and the onion address every answer names.</summary>
public sealed class DemoMirrorTests
{
    [Fact]
    public async Task The_demo_lists_two_mirrors_and_its_onion_address_and_the_feeds_link_it_and_every_page_cached_or_not_sends_Onion_Location_except_on_the_onion()
    {
        await using var demo = new SqliteFactory { SeedDemo = true };
        using var reader = demo.CreateBrowserClient();

        var page = await demo.GetPageAsync(reader, "/reach");
        Assert.Equal(2, page.QuerySelectorAll(".mirrors li").Length);
        Assert.Equal(DemoNewsroom.DemoOnion, page.QuerySelector(".onions a")!.TextContent);

        for (var i = 0; i < 2; i++)
        {
            using var front = await reader.GetAsync(new Uri("/?page=1", UriKind.Relative));
            Assert.Equal(DemoNewsroom.DemoOnion + "/?page=1", Assert.Single(front.Headers.GetValues("Onion-Location")));
        }

        using var russian = await reader.GetAsync(new Uri("/ru/reach", UriKind.Relative));
        Assert.Equal(DemoNewsroom.DemoOnion + "/ru/reach", Assert.Single(russian.Headers.GetValues("Onion-Location")));
        var translated = await Html.ParseAsync(russian);
        Assert.Equal("Как нас читать", translated.QuerySelector("h1")!.TextContent);
        Assert.Equal(2, translated.QuerySelectorAll(".mirrors li").Length);

        foreach (var feed in new[] { "/feed.xml", "/atom.xml", "/ru/feed.xml" })
        {
            Assert.Contains("/reach\" rel=\"related\"", await reader.GetStringAsync(new Uri(feed, UriKind.Relative)), StringComparison.Ordinal);
        }

        using var onTor = new HttpRequestMessage(HttpMethod.Get, "/reach");
        onTor.Headers.Host = new Uri(DemoNewsroom.DemoOnion).Host;
        using var answer = await reader.SendAsync(onTor);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.False(answer.Headers.Contains("Onion-Location"));
    }
}
