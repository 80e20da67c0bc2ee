using Masthead.Appeals;
using System.Net;
using AngleSharp.Html.Dom;
using Masthead.Articles;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Admin;

public abstract class AppealEditorTests(MastheadFactory factory)
{
    [Fact]
    public async Task An_editor_writes_an_appeal_which_is_listed_and_stays_off_until_made_active()
    {
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var name = $"Spring drive {EditorDesk.Unique()}";

        var id = await AppealDesk.SaveOkAsync(editor, null, AppealDesk.Fields(name, "We are *still* here."));

        var list = await factory.GetPageAsync(editor, "/admin/appeals");
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(name, StringComparison.Ordinal));
        Assert.Contains("Off", row.QuerySelector(".status")!.TextContent);
        var saved = await factory.WithDbAsync(db => db.Appeals.SingleAsync(a => a.Id == id));
        Assert.Equal("<p>We are <em>still</em> here.</p>", saved.BodyHtml.Trim());
        Assert.False(saved.IsActive);
    }

    [Fact]
    public async Task An_edit_is_saved_and_the_editor_comes_back_to_the_form_with_the_new_text()
    {
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var id = await AppealDesk.SaveOkAsync(editor, null, AppealDesk.Fields($"Edited {EditorDesk.Unique()}", "First words."));

        await AppealDesk.SaveOkAsync(editor, id, AppealDesk.Fields("Renamed", "Second words.", snoozeDays: "14"));

        var page = await factory.GetPageAsync(editor, $"/admin/appeals/{id}/edit");
        Assert.Equal("Renamed", EditorDesk.FieldValue(page, "Input.Name"));
        Assert.Equal("Second words.", EditorDesk.FieldValue(page, "Input.Body"));
        Assert.Equal("14", EditorDesk.FieldValue(page, "Input.SnoozeDays"));
        Assert.Contains("Second words.", page.QuerySelector("#appeal-preview .appeal-body")!.TextContent);
    }

    [Fact]
    public async Task Making_an_appeal_active_shows_it_to_readers_at_once_before_older_ones_of_the_same_priority()
    {
        await using var own = factory.Fresh();
        using var editor = await EditorDesk.SignedInAsAsync(own, StaffRole.Editor);
        var article = await PublishArticleAsync(own, editor);
        using var reader = own.CreateBrowserClient();
        Assert.Null((await own.GetPageAsync(reader, article)).QuerySelector("#appeal"));

        var first = await AppealDesk.SaveOkAsync(editor, null, AppealDesk.Fields("First", "The first appeal."), "Activate");
        Assert.Contains("The first appeal.", AppealBody(await own.GetPageAsync(reader, article)));

        own.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await AppealDesk.SaveOkAsync(editor, null, AppealDesk.Fields("Second", "The second appeal.", continueLabel: "Join us"), "Activate");
        var page = await own.GetPageAsync(reader, article);
        Assert.Contains("The second appeal.", AppealBody(page));
        Assert.Equal("Join us", page.QuerySelector("#appeal a.appeal-continue")!.TextContent);
        Assert.Equal([first, second], await own.WithDbAsync(db => db.Appeals.Where(a => a.IsActive).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync()));

        await AppealDesk.SaveOkAsync(editor, second, AppealDesk.Fields("Second", "Edited while live."));
        Assert.Contains("Edited while live.", AppealBody(await own.GetPageAsync(reader, article)));

        // The ask above Continue is the editors' own when they write one, the standard one naming the minimum when not.
        Assert.StartsWith("Support us monthly, from $2", (await own.GetPageAsync(reader, article)).QuerySelector("#appeal .appeal-ask")!.TextContent, StringComparison.Ordinal);
        var asking = AppealDesk.Fields("Second", "Edited while live.");
        asking["Input.AskLine"] = "Two dollars a month keeps us reporting.";
        await AppealDesk.SaveOkAsync(editor, second, asking);
        Assert.Equal("Two dollars a month keeps us reporting.", (await own.GetPageAsync(reader, article)).QuerySelector("#appeal .appeal-ask")!.TextContent);
        Assert.Equal("Two dollars a month keeps us reporting.", (await own.GetPageAsync(editor, $"/admin/appeals/{second}/edit")).QuerySelector("input[name='Input.AskLine']")!.GetAttribute("value"));

        var list = await own.GetPageAsync(editor, "/admin/appeals");
        Assert.Equal(2, list.QuerySelectorAll("tbody tr .status-active").Length);
    }

    [Fact]
    public async Task An_appeal_s_audience_placement_dates_and_caps_are_saved_shown_back_and_switched_off_alone()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:TimeZone"] = "Europe/Riga";
        using var editor = await EditorDesk.SignedInAsAsync(own, StaffRole.Editor);
        var fields = AppealDesk.Fields("Year-end banner", "Give before the year ends.");
        fields["Input.Audience"] = "FormerSupporters";
        fields["Input.MinArticles"] = "3";
        fields["Input.BelowArticles"] = "20";
        fields["Input.ReadingWeeks"] = "8";
        fields["Input.Topic"] = "Elections 2026";
        fields["Input.Placement"] = "BannerBottom";
        fields["Input.Priority"] = "15";
        fields["Input.StartsAt"] = "2026-12-01T00:00";
        fields["Input.EndsAt"] = "2026-12-31T23:59";
        fields["Input.BannerCapShowings"] = "2";
        fields["Input.BannerCapDays"] = "14";
        fields["Input.BannerGapDays"] = "2";
        fields["Input.BannerWithArticleAppeal"] = "true";
        var kept = await AppealDesk.SaveOkAsync(editor, null, fields, "Activate");
        var other = await AppealDesk.SaveOkAsync(editor, null, AppealDesk.Fields("Standing", "Please give."), "Activate");

        var appeal = await own.WithDbAsync(db => db.Appeals.SingleAsync(a => a.Id == kept));
        Assert.Equal(
            (AppealAudience.FormerSupporters, 3, (int?)20, 8, "elections-2026", AppealPlacement.BannerBottom, 15, 2, 14, 2, true),
            (appeal.Audience, appeal.MinArticles, appeal.BelowArticles, appeal.ReadingWeeks, appeal.Topic, appeal.Placement, appeal.Priority,
                appeal.BannerCapShowings, appeal.BannerCapDays, appeal.BannerGapDays, appeal.BannerWithArticleAppeal));
        // Riga is two hours ahead of UTC in winter.
        Assert.Equal((new DateTimeOffset(2026, 11, 30, 22, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 31, 21, 59, 0, TimeSpan.Zero)), (appeal.StartsAt, appeal.EndsAt));
        var form = await own.GetPageAsync(editor, $"/admin/appeals/{kept}/edit");
        Assert.Equal("FormerSupporters", form.QuerySelector("select[name='Input.Audience'] option[selected]")!.GetAttribute("value"));
        Assert.Equal("2026-12-01T00:00:00.000", form.QuerySelector("input[name='Input.StartsAt']")!.GetAttribute("value"));

        using var off = await AppealDesk.SubmitAsync(editor, kept, AppealInputFields(form), "SwitchOff");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Equal([other], await own.WithDbAsync(db => db.Appeals.Where(a => a.IsActive).Select(a => a.Id).ToListAsync()));
    }

    [Theory]
    [InlineData("Input.Audience", "Everybody", "Choose who sees this appeal.")]
    [InlineData("Input.Placement", "Popup", "Choose where on the page it shows.")]
    [InlineData("Input.BelowArticles", "0", "Articles read: a whole number from 1 to 1000.")]
    [InlineData("Input.Priority", "-3", "Priority: a whole number from 0 to 1000.")]
    [InlineData("Input.EndsAt", "2026-01-01T00:00", "The end must come after the start.")]
    public async Task A_rule_that_cannot_work_is_refused_beside_its_field_with_the_text_kept(string field, string value, string message)
    {
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var fields = AppealDesk.Fields("Rule check", "Keep this text.");
        fields["Input.StartsAt"] = "2026-06-01T00:00";
        fields[field] = value;

        using var response = await AppealDesk.SubmitAsync(editor, null, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal("Keep this text.", page.QuerySelector("textarea[name='Input.Body']")!.TextContent.Trim());
    }

    private static Dictionary<string, string> AppealInputFields(AngleSharp.Html.Dom.IHtmlDocument form) =>
        form.QuerySelectorAll("form input[name^='Input.'], form textarea[name^='Input.']")
            .Where(e => e.GetAttribute("type") != "checkbox" || e.HasAttribute("checked"))
            .GroupBy(e => e.GetAttribute("name")!).ToDictionary(g => g.Key, g => g.First() is AngleSharp.Html.Dom.IHtmlTextAreaElement area ? area.Value : g.First().GetAttribute("value") ?? "");

    [Fact]
    public async Task Switching_all_appeals_off_leaves_readers_with_no_appeal()
    {
        await using var own = factory.Fresh();
        using var editor = await EditorDesk.SignedInAsAsync(own, StaffRole.Editor);
        var article = await PublishArticleAsync(own, editor);
        await AppealDesk.SaveOkAsync(editor, null, AppealDesk.Fields("Live", "Please give."), "Activate");

        using var off = await own.PostFormAsync(editor, "/admin/appeals", [], "/admin/appeals?handler=SwitchOff");

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        using var reader = own.CreateBrowserClient();
        Assert.Null((await own.GetPageAsync(reader, article)).QuerySelector("#appeal"));
        Assert.Contains("All appeals are off", (await own.GetPageAsync(editor, "/admin/appeals")).QuerySelector(".notice")!.TextContent);
    }

    [Theory]
    [InlineData("Input.Body", "", "Write what the newsroom wants to tell its readers.")]
    [InlineData("Input.ContinueLabel", "A label far too long for a button that a reader has to read on a phone", "Keep the button's label under 60 characters.")]
    [InlineData("Input.SnoozeDays", "abc", "Enter the days as a whole number, like 7.")]
    [InlineData("Input.SnoozeDays", "0", "Choose from 1 to 90 days.")]
    [InlineData("Input.SnoozeDays", "1000", "Choose from 1 to 90 days.")]
    public async Task Bad_input_is_refused_with_a_message_and_everything_typed_kept(string field, string value, string message)
    {
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var name = $"Rejected {EditorDesk.Unique()}";
        var fields = AppealDesk.Fields(name, "Typed words that must survive.");
        fields[field] = value;

        using var response = await AppealDesk.SubmitAsync(editor, null, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal(value, EditorDesk.FieldValue(page, field));
        Assert.Equal(name, EditorDesk.FieldValue(page, "Input.Name"));
        Assert.False(await factory.WithDbAsync(db => db.Appeals.AnyAsync(a => a.Name == name)));
    }

    [Fact]
    public async Task A_save_over_someone_else_s_newer_save_is_refused_with_the_typed_text_kept_and_then_goes_through()
    {
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        using var colleague = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var id = await AppealDesk.SaveOkAsync(editor, null, AppealDesk.Fields($"Shared {EditorDesk.Unique()}", "Original."));
        var loaded = await factory.GetPageAsync(editor, $"/admin/appeals/{id}/edit");
        await AppealDesk.SaveOkAsync(colleague, id, AppealDesk.Fields("Shared", "The colleague's words."));

        using var stale = await AppealDesk.SubmitAsync(editor, id, AppealDesk.Fields("Shared", "My words."), from: loaded);

        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        var page = await Html.ParseAsync(stale);
        Assert.Contains("Someone saved this appeal while you were editing", page.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal("My words.", EditorDesk.FieldValue(page, "Input.Body"));
        Assert.Equal("The colleague's words.", await factory.WithDbAsync(db => db.Appeals.Where(a => a.Id == id).Select(a => a.BodyMarkdown).SingleAsync()));

        using var again = await AppealDesk.SubmitAsync(editor, id, AppealDesk.Fields("Shared", "My words."), from: page);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("My words.", await factory.WithDbAsync(db => db.Appeals.Where(a => a.Id == id).Select(a => a.BodyMarkdown).SingleAsync()));
    }

    [Fact]
    public async Task The_preview_fragment_is_the_readers_appeal_with_script_removed_and_nothing_saved()
    {
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var name = $"Previewed {EditorDesk.Unique()}";
        var fields = AppealDesk.Fields(name, "**Bold** words <script>alert('x')</script><img src=x onerror=alert(1)>", snoozeLabel: "Later, please");

        using var response = await factory.PostFormAsync(editor, "/admin/appeals/new", fields, "/admin/appeals/new?handler=Preview");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        var fragment = Html.Parse(html);
        Assert.Equal("<strong>Bold</strong>", fragment.QuerySelector("aside#appeal .appeal-body strong")!.OuterHtml);
        Assert.Equal("Later, please", fragment.QuerySelector("aside#appeal .appeal-snooze button")!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.Appeals.AnyAsync(a => a.Name == name)));
    }

    [Fact]
    public async Task Without_JavaScript_the_Preview_button_shows_the_typed_appeal_and_saves_nothing()
    {
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var name = $"No script {EditorDesk.Unique()}";

        using var response = await AppealDesk.SubmitAsync(editor, null, AppealDesk.Fields(name, "Seen before saving."), "Preview");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("Seen before saving.", page.QuerySelector("#appeal-preview .appeal-body")!.TextContent);
        Assert.Equal(name, EditorDesk.FieldValue(page, "Input.Name"));
        Assert.False(await factory.WithDbAsync(db => db.Appeals.AnyAsync(a => a.Name == name)));
    }

    [Fact]
    public async Task A_writer_can_neither_open_nor_post_to_the_appeal_editor()
    {
        using var writer = await EditorDesk.SignedInAsAsync(factory, StaffRole.Writer);
        foreach (var url in new[] { "/admin/appeals", "/admin/appeals/new" })
        {
            using var response = await writer.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Contains("/admin/denied", response.Headers.Location!.ToString());
        }

        using var post = await writer.PostAsync(new Uri("/admin/appeals?handler=SwitchOff", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.Contains("/admin/denied", post.Headers.Location!.ToString());
        Assert.DoesNotContain("Appeals", (await factory.GetPageAsync(writer, "/admin")).QuerySelector("nav")!.TextContent, StringComparison.Ordinal);
    }

    private static string AppealBody(IHtmlDocument page) => page.QuerySelector("#appeal .appeal-body")?.TextContent ?? "(no appeal)";

    private static async Task<string> PublishArticleAsync(MastheadFactory factory, HttpClient editor)
    {
        var author = await EditorDesk.AddAuthorAsync(factory);
        var input = new ArticleInput($"Appeal editor story {EditorDesk.Unique()}", [author]);
        await EditorDesk.SubmitOkAsync(editor, null, input, "Publish");
        return $"/articles/{Slugs.From(input.Headline)}";
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AppealEditorTestsOnSqlite(SqliteFactory factory) : AppealEditorTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class AppealEditorTestsOnPostgres(PostgresFactory factory) : AppealEditorTests(factory);
