using System.Security.Claims;
using Masthead.Appeals;
using Masthead.Appeals.Admin;
using Masthead.Data;
using Masthead.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Appeals;

/// <summary>
/// The appeal's stale-save rule where the page cannot reach it: a save whose copy of the appeal was read before another save
/// committed passes the form's check, and only the database's concurrency token stops it.
/// </summary>
public abstract class AppealEditingTests(MastheadFactory factory)
{
    // The message in the staff member's language; these saves run outside a request, in English.
    private const string SavedMeanwhile = "Someone saved this appeal while you were editing. Your text is below, unsaved: " +
        "compare it with theirs in another tab, then save again to replace it.";

    private static readonly ClaimsPrincipal Editor = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "Editor")], "test"));

    [Fact]
    public async Task A_save_read_before_another_save_committed_is_refused_keeps_the_typed_text_and_then_goes_through()
    {
        var id = await SaveNewAsync();
        await using var first = await EditorAsync(id, "The first editor's words.");
        await using var second = await EditorAsync(id, "The second editor's words.");
        Assert.NotNull(await first.SaveAsync());

        var refused = await second.SaveAsync();

        Assert.Null(refused);
        Assert.Contains(SavedMeanwhile, second.Errors[""]!.Errors.Select(e => e.ErrorMessage));
        Assert.Equal("The second editor's words.", second.Input.Body);
        Assert.Equal(2, second.Input.Version);
        Assert.Equal(("The first editor's words.", 2), await StoredAsync(id));

        await using var again = await EditorAsync(id, second.Input.Body);
        again.Input.Version = second.Input.Version;
        Assert.NotNull(await again.SaveAsync());
        Assert.Equal(("The second editor's words.", 3), await StoredAsync(id));
    }

    [Fact]
    public async Task Of_two_saves_from_the_same_version_at_the_same_moment_exactly_one_lands_and_the_other_keeps_its_text()
    {
        var id = await SaveNewAsync();
        await using var first = await EditorAsync(id, "The first editor's words.");
        await using var second = await EditorAsync(id, "The second editor's words.");

        var saved = await Task.WhenAll(Task.Run(first.SaveAsync), Task.Run(second.SaveAsync));

        Assert.Single(saved, appeal => appeal is not null);
        var (winner, loser) = saved[0] is not null ? (first, second) : (second, first);
        Assert.Equal((winner.Input.Body, 2), await StoredAsync(id));
        Assert.Contains(SavedMeanwhile, loser.Errors[""]!.Errors.Select(e => e.ErrorMessage));
        Assert.StartsWith(loser == first ? "The first" : "The second", loser.Input.Body, StringComparison.Ordinal);
        Assert.Equal(2, loser.Input.Version);
    }

    private async Task<int> SaveNewAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var input = new AppealInput { Name = $"Shared {Guid.NewGuid():N}", Body = "Original." };
        var appeal = await scope.ServiceProvider.GetRequiredService<AppealEditing>().SaveAsync(null, input, false, Editor, new ModelStateDictionary(), "Input", default);
        Assert.Equal(1, appeal!.Version);
        return appeal.Id;
    }

    private Task<(string Body, int Version)> StoredAsync(int id) => factory.WithDbAsync(async db =>
    {
        var appeal = await db.Appeals.Where(a => a.Id == id).Select(a => new { a.BodyMarkdown, a.Version }).SingleAsync();
        return (appeal.BodyMarkdown, appeal.Version);
    });

    /// <summary>One editor's request: its own scope and database context, with the appeal as it read it and the form filled from it, then <paramref name="typed"/> as the message.</summary>
    private async Task<OpenEditor> EditorAsync(int id, string? typed)
    {
        var scope = factory.Services.CreateAsyncScope();
        var appeal = await scope.ServiceProvider.GetRequiredService<MastheadDb>().Appeals.SingleAsync(a => a.Id == id);
        var input = AppealInput.From(appeal, TimeZoneInfo.Utc);
        input.Body = typed;
        return new OpenEditor(scope, appeal, input);
    }

    private sealed class OpenEditor(AsyncServiceScope scope, Appeal appeal, AppealInput input) : IAsyncDisposable
    {
        public AppealInput Input { get; } = input;

        public ModelStateDictionary Errors { get; } = new();

        public Task<Appeal?> SaveAsync() =>
            scope.ServiceProvider.GetRequiredService<AppealEditing>().SaveAsync(appeal, Input, false, Editor, Errors, "Input", default);

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AppealEditingTestsOnSqlite(SqliteFactory factory) : AppealEditingTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class AppealEditingTestsOnPostgres(PostgresFactory factory) : AppealEditingTests(factory);
