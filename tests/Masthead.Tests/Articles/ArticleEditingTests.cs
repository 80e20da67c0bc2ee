using System.Security.Claims;
using Masthead.Articles;
using Masthead.Articles.Admin;
using Masthead.Data;
using Masthead.Staff;
using Masthead.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Articles;

/// <summary>
/// The article's stale-save rule where the page cannot reach it: a save whose copy of the article was read before another
/// save committed passes the form's check, and only the database's concurrency token stops it. Revisions stay a history.
/// </summary>
public abstract class ArticleEditingTests(MastheadFactory factory)
{
    private static readonly ClaimsPrincipal Editor = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "Editor")], "test"));

    [Fact]
    public async Task A_save_read_before_another_save_committed_is_refused_keeps_the_typed_text_and_adds_no_revision()
    {
        var id = await WriteAsync();
        await using var first = await EditorAsync(id, "The first editor's text.");
        await using var second = await EditorAsync(id, "The second editor's text.");
        Assert.True(await first.SaveAsync("First editor"));

        var saved = await second.SaveAsync("Second editor");

        Assert.False(saved);
        Assert.Contains("First editor saved this article while you were editing (revision 2)", Messages(second.Errors), StringComparison.Ordinal);
        Assert.Equal("The second editor's text.", second.Form.Body);
        Assert.Equal(2, second.Form.Version);
        Assert.Equal(("The first editor's text.", 2, 2), await StoredAsync(id));

        await using var again = await EditorAsync(id, second.Form.Body);
        again.Form.Version = second.Form.Version;
        Assert.True(await again.SaveAsync("Second editor"));
        Assert.Equal(("The second editor's text.", 3, 3), await StoredAsync(id));
    }

    [Fact]
    public async Task Of_two_saves_from_the_same_version_at_the_same_moment_exactly_one_lands_and_the_other_keeps_its_text()
    {
        var id = await WriteAsync();
        await using var first = await EditorAsync(id, "The first editor's text.");
        await using var second = await EditorAsync(id, "The second editor's text.");

        var saved = await Task.WhenAll(Task.Run(() => first.SaveAsync("First editor")), Task.Run(() => second.SaveAsync("Second editor")));

        Assert.Single(saved, s => s);
        var (winner, loser) = saved[0] ? (first, second) : (second, first);
        Assert.Equal((winner.Form.Body!, 2, 2), await StoredAsync(id));
        Assert.Contains("saved this article while you were editing", Messages(loser.Errors), StringComparison.Ordinal);
        Assert.StartsWith(loser == first ? "The first" : "The second", loser.Form.Body, StringComparison.Ordinal);
        Assert.Equal(2, loser.Form.Version);
    }

    private async Task<int> WriteAsync()
    {
        var author = await EditorDesk.AddAuthorAsync(factory);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        return await EditorDesk.SubmitOkAsync(editor, null, new ArticleInput($"Shared story {EditorDesk.Unique()}", [author], "Original."));
    }

    private static string Messages(ModelStateDictionary errors) => string.Join(" ", errors.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));

    /// <summary>The stored body, the article's version and how many revisions it has.</summary>
    private Task<(string Body, int Version, int Revisions)> StoredAsync(int id) => factory.WithDbAsync(async db =>
    {
        var article = await db.Articles.Where(a => a.Id == id).Select(a => new { a.BodyMarkdown, a.Version }).SingleAsync();
        return (article.BodyMarkdown, article.Version, await db.ArticleRevisions.CountAsync(r => r.ArticleId == id));
    });

    /// <summary>One editor's request: its own scope and database context, with the article as it read it and the form filled from it, then <paramref name="typed"/> as the body.</summary>
    private async Task<OpenEditor> EditorAsync(int id, string? typed)
    {
        var scope = factory.Services.CreateAsyncScope();
        var article = await scope.ServiceProvider.GetRequiredService<MastheadDb>().Articles.Include(a => a.Authors).Include(a => a.Tags).SingleAsync(a => a.Id == id);
        var editing = scope.ServiceProvider.GetRequiredService<ArticleEditing>();
        var form = ArticleForm.From(article, editing.Zone);
        form.Body = typed;
        return new OpenEditor(scope, editing, article, form);
    }

    private sealed class OpenEditor(AsyncServiceScope scope, ArticleEditing editing, Article article, ArticleForm form) : IAsyncDisposable
    {
        public ArticleForm Form { get; } = form;

        public ModelStateDictionary Errors { get; } = new();

        public Task<bool> SaveAsync(string savedBy) => editing.SaveAsync(article, Form, Editor, savedBy, Errors, default);

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ArticleEditingTestsOnSqlite(SqliteFactory factory) : ArticleEditingTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ArticleEditingTestsOnPostgres(PostgresFactory factory) : ArticleEditingTests(factory);
