using System.Net;
using System.Text;
using Masthead.Articles;
using Masthead.Staff;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Articles;

/// <summary>Every way an editor's form can be wrong: a 400 that says what and where, with everything typed kept, and nothing stored.</summary>
public abstract class BadArticleInputTests(MastheadFactory factory)
{
    public enum Case
    {
        EmptyHeadline,
        OverlongHeadline,
        OverlongStandfirst,
        InvalidSlug,
        DuplicateSlug,
        NoAuthor,
        TooManyTags,
        MalformedDate,
        OutOfRangeDate,
        ScheduleInThePast,
        ScheduleWithoutTime,
        UnknownIntent,
    }

    [Theory]
    [InlineData(Case.EmptyHeadline, "Form.Headline", "Write a headline.")]
    [InlineData(Case.OverlongHeadline, "Form.Headline", "Keep the headline under 200 characters.")]
    [InlineData(Case.OverlongStandfirst, "Form.Standfirst", "Keep the standfirst under 500 characters.")]
    [InlineData(Case.InvalidSlug, "Form.Slug", "Use only lower-case Latin letters")]
    [InlineData(Case.DuplicateSlug, "Form.Slug", "already uses the address")]
    [InlineData(Case.NoAuthor, "Form.AuthorIds", "Choose at least one author.")]
    [InlineData(Case.TooManyTags, "Form.Tags", "Use at most 12 tags.")]
    [InlineData(Case.MalformedDate, "Form.PublishAt", "Give the date and time as year-month-day")]
    [InlineData(Case.OutOfRangeDate, "Form.PublishAt", "Give the date and time as year-month-day")]
    [InlineData(Case.ScheduleInThePast, "Form.PublishAt", "That time has passed")]
    [InlineData(Case.ScheduleWithoutTime, "Form.PublishAt", "Choose when to publish.")]
    [InlineData(Case.UnknownIntent, "", "is not valid")]
    public async Task A_bad_form_comes_back_with_a_message_beside_the_field_and_everything_typed(Case badCase, string field, string message)
    {
        var author = await EditorDesk.AddAuthorAsync(factory);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var unique = EditorDesk.Unique();
        var taken = $"taken-{unique}";
        await EditorDesk.SubmitOkAsync(editor, null, new ArticleInput($"Taken {unique}", [author], Slug: taken));
        var good = new ArticleInput($"Rejected draft {unique}", [author], $"Body that must not be lost {unique}.",
            Standfirst: "A standfirst.", Tags: "Politics, Economy", Dateline: "RIGA");
        var now = factory.Clock.GetUtcNow();
        var (input, intent) = badCase switch
        {
            Case.EmptyHeadline => (good with { Headline = "" }, "Save"),
            Case.OverlongHeadline => (good with { Headline = new string('x', 201) }, "Save"),
            Case.OverlongStandfirst => (good with { Standfirst = new string('s', 501) }, "Save"),
            Case.InvalidSlug => (good with { Slug = "Bad Slug!" }, "Save"),
            Case.DuplicateSlug => (good with { Slug = taken }, "Save"),
            Case.NoAuthor => (good with { AuthorIds = [] }, "Save"),
            Case.TooManyTags => (good with { Tags = string.Join(",", Enumerable.Range(1, 13).Select(i => $"tag{i}")) }, "Save"),
            Case.MalformedDate => (good with { PublishAt = "next tuesday" }, "Schedule"),
            Case.OutOfRangeDate => (good with { PublishAt = "2026-02-30T10:00" }, "Schedule"),
            Case.ScheduleInThePast => (good with { PublishAt = EditorDesk.LocalTime(now.AddHours(-1)) }, "Schedule"),
            Case.ScheduleWithoutTime => (good, "Schedule"),
            Case.UnknownIntent => (good, "Obliterate"),
            _ => throw new ArgumentOutOfRangeException(nameof(badCase)),
        };

        using var response = await EditorDesk.SubmitAsync(editor, null, input, intent);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var shown = field.Length == 0
            ? page.QuerySelector(".form-errors")!.TextContent
            : page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent;
        Assert.Contains(message, shown);
        Assert.Equal(input.Body, EditorDesk.FieldValue(page, "Form.Body"));
        Assert.Equal(input.Headline, EditorDesk.FieldValue(page, "Form.Headline"));
        Assert.Equal(input.Tags, EditorDesk.FieldValue(page, "Form.Tags"));
        if (input.PublishAt is not null)
        {
            Assert.Equal(input.PublishAt, EditorDesk.FieldValue(page, "Form.PublishAt"));
        }

        var stored = await factory.WithDbAsync(db => db.Articles.AnyAsync(a => a.BodyMarkdown == input.Body));
        Assert.False(stored);
    }

    public static TheoryData<string, string, string, int> BadUploads => new()
    {
        { "notes.png", "image/png", "text", 0 },
        { "script.png", "image/png", "script", 0 },
        { "vector.svg", "image/svg+xml", "svg", 0 },
        { "../../etc/cover.png", "image/png", "png", 0 },
        { "..\\windows\\cover.png", "image/png", "png", 0 },
        { "huge.png", "image/png", "png", 6 * 1024 * 1024 },
        { "empty.png", "image/png", "empty", 0 },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task A_bad_upload_is_refused_with_a_message_and_the_article_text_kept(string fileName, string contentType, string kind, int padding)
    {
        var author = await EditorDesk.AddAuthorAsync(factory);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var input = new ArticleInput($"Upload test {EditorDesk.Unique()}", [author], $"Text to keep {EditorDesk.Unique()}");
        var bytes = kind switch
        {
            "text" => Encoding.UTF8.GetBytes("just some notes, not an image"),
            "script" => Encoding.UTF8.GetBytes("<script>alert(document.cookie)</script>"),
            "svg" => Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"),
            "empty" => [],
            _ => [.. TestImages.Png, .. new byte[padding]],
        };
        var before = await factory.WithDbAsync(db => db.MediaFiles.CountAsync());

        using var response = await EditorDesk.SubmitAsync(editor, null, input, "Save", new Upload(fileName, contentType, bytes));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var message = page.QuerySelector("[data-valmsg-for='Form.Cover']")!.TextContent;
        Assert.Matches("not a JPEG, PNG, GIF or WebP image|without folders|limit is 5 MB|empty", message);
        Assert.Equal(input.Body, EditorDesk.FieldValue(page, "Form.Body"));
        Assert.Equal(before, await factory.WithDbAsync(db => db.MediaFiles.CountAsync()));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BadArticleInputTestsOnSqlite(SqliteFactory factory) : BadArticleInputTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class BadArticleInputTestsOnPostgres(PostgresFactory factory) : BadArticleInputTests(factory);
