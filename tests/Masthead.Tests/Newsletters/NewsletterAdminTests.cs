using System.Globalization;
using System.Net;
using Masthead.Articles;
using Masthead.Audit;
using Masthead.Editions;
using Masthead.Newsletters;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsletters;

/// <summary>
/// The editors' side of newsletters: lists made and switched off in the admin, an issue written with articles picked
/// from the site, previewed, sent as a test to staff and then to readers through real SMTP, with its progress shown;
/// and every refused form back with its reason, a 4xx and what was typed.
/// </summary>
public abstract class NewsletterAdminTests(MastheadFactory factory) : IDisposable
{
    private const string BaseUrl = "https://news.example";
    private readonly SmtpInbox _inbox = new();

    public void Dispose()
    {
        _inbox.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task An_editor_writes_previews_tests_and_sends_an_issue_that_reaches_readers_with_the_mirrors_and_shows_its_progress()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:BaseUrl"] = BaseUrl;
        foreach (var (key, value) in _inbox.Settings())
        {
            own.Settings[key] = value;
        }

        var (list, _) = await NewsletterDesk.ListsAsync(own);
        using var reader = own.CreateBrowserClient();
        var address = SmtpInbox.UniqueAddress("reader");
        (await NewsletterDesk.SubscribeAsync(own, reader, address, list)).Dispose();
        (await own.PostFormAsync(reader, NewsletterPaths.Confirm(await NewsletterDesk.TokenOfAsync(own, address)), [])).Dispose();
        var article = await PublishedAsync(own, "Ports close at dawn");

        var (email, password) = await EditorDesk.AddStaffAsync(own, StaffRole.Editor);
        using var editor = await own.SignedInClientAsync(email, password);
        var mirror = $"https://copy-{EditorDesk.Unique()}.example.net";
        (await own.PostFormAsync(editor, "/admin/mirrors", [new("Input.Address", mirror), new("Input.Note", ""), new("Input.ReachesLiveSite", "false")])).Dispose();

        using var saved = await SubmitAsync(own, editor, "new", Fields(list, "Ports close", "The week in *one* story.", article), "Save");
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        var page = saved.Headers.Location!.ToString();
        var issue = int.Parse(page[(page.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);

        var shown = await own.GetPageAsync(editor, page);
        var text = shown.QuerySelector("pre.issue-preview-text")!.TextContent;
        Assert.Contains("Ports close at dawn", text, StringComparison.Ordinal);
        Assert.Contains(mirror, text, StringComparison.Ordinal);
        Assert.Equal(2, shown.QuerySelectorAll($"iframe[src='/admin/newsletters/issues/{issue}/preview'][sandbox]").Length);

        using var preview = await editor.GetAsync(new Uri($"/admin/newsletters/issues/{issue}/preview", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("text/html", preview.Content.Headers.ContentType!.MediaType);
        Assert.Contains("sandbox", preview.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("<em>one</em>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{BaseUrl}/articles/", html, StringComparison.Ordinal);

        var staffId = await own.WithDbAsync(db => db.Staff.Where(s => s.Email == email).Select(s => s.Id).SingleAsync());
        using var tested = await SubmitAsync(own, editor, $"{issue}", [.. Fields(list, "Ports close", "The week in *one* story.", article), new("Form.TestTo", $"{staffId}")], "Test");
        Assert.Equal(HttpStatusCode.Redirect, tested.StatusCode);
        var test = await _inbox.WaitForMessageToAsync(email);
        Assert.Equal("[Test] Ports close", test.Subject);
        Assert.Null(await SubjectToAsync(address, "[Test] Ports close"));

        using var sent = await SubmitAsync(own, editor, $"{issue}", Fields(list, "Ports close", "The week in *one* story.", article), "SendNow");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var message = await WaitForSubjectAsync(address, "Ports close");
        Assert.Contains(mirror, message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{BaseUrl}/reach", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{mirror}\"", message.HtmlBody, StringComparison.Ordinal);

        Assert.True(await SentAsync(own, issue), "The issue was not marked sent.");
        var after = await own.GetPageAsync(editor, page);
        Assert.Null(after.QuerySelector("form.article-form"));
        var progress = after.QuerySelectorAll(".issue-progress div").ToDictionary(d => d.QuerySelector("dt")!.TextContent, d => d.QuerySelector("dd")!.TextContent);
        Assert.Equal("1", progress["Sent"]);
        Assert.Equal("1", progress["Readers in all"]);
        Assert.Equal("0", progress["Failed"]);
        var listed = await own.GetPageAsync(editor, "/admin/newsletters");
        Assert.Contains("1 of 1", listed.QuerySelector($"tr:has(a[href='{page}'])")!.TextContent, StringComparison.Ordinal);

        using var late = await SubmitAsync(own, editor, $"{issue}", Fields(list, "Changed after sending", "", article), "Save");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        using var kept = await SubmitAsync(own, editor, $"{issue}", [], "Delete");
        Assert.Equal(HttpStatusCode.Conflict, kept.StatusCode);
        Assert.Equal("Ports close", await own.WithDbAsync(db => db.NewsletterIssues.Where(i => i.Id == issue).Select(i => i.Subject).SingleAsync()));
        var actions = await own.WithDbAsync(db => db.AuditEntries.Where(e => e.Target == $"newsletter-issue:{issue}").OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditActions.NewsletterTestSent, AuditActions.NewsletterScheduled], actions);
    }

    [Fact]
    public async Task The_demo_newsroom_ships_a_draft_weekly_with_the_week_s_stories_ready_to_preview()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:SeedDemo"] = "true";
        using var editor = await EditorDesk.SignedInAsAsync(own, StaffRole.Editor);

        var listed = await own.GetPageAsync(editor, "/admin/newsletters");
        var row = listed.QuerySelectorAll("tr").Single(r => r.TextContent.Contains("This week at the Meridian", StringComparison.Ordinal));
        Assert.Contains("Draft", row.TextContent, StringComparison.Ordinal);
        var issue = await own.GetPageAsync(editor, row.QuerySelector("a")!.GetAttribute("href")!);
        Assert.Equal(3, issue.QuerySelectorAll("fieldset.article-picks input:checked").Length);
        Assert.Contains("/articles/", issue.QuerySelector("pre.issue-preview-text")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_issue_whose_only_article_was_unpublished_before_its_time_goes_back_to_the_drafts_unsent()
    {
        await using var own = factory.Fresh();
        var (list, _) = await NewsletterDesk.ListsAsync(own);
        using var reader = own.CreateBrowserClient();
        var address = SmtpInbox.UniqueAddress("reader");
        (await NewsletterDesk.SubscribeAsync(own, reader, address, list)).Dispose();
        (await own.PostFormAsync(reader, NewsletterPaths.Confirm(await NewsletterDesk.TokenOfAsync(own, address)), [])).Dispose();
        var article = await PublishedAsync(own, "Pulled before sending");
        var issue = await own.WithDbAsync(async db =>
        {
            await db.Articles.Where(a => a.Id == article).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Unpublished));
            var row = db.NewsletterIssues.Add(new NewsletterIssue
            {
                ListId = list, Subject = "Pulled before sending", ArticleIds = $"{article}", Status = IssueStatus.Scheduled, SendAt = own.Clock.GetUtcNow(), CreatedAt = own.Clock.GetUtcNow(),
            }).Entity;
            await db.SaveChangesAsync();
            return row.Id;
        });

        await using (var scope = own.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IssueSending>().RunOnceAsync(CancellationToken.None);
        }

        Assert.Equal(IssueStatus.Draft, await own.WithDbAsync(db => db.NewsletterIssues.Where(i => i.Id == issue).Select(i => i.Status).SingleAsync()));
        Assert.Equal(0, await own.WithDbAsync(db => db.NewsletterDeliveries.CountAsync(d => d.IssueId == issue)));
    }

    public static TheoryData<string, string, string, string, string, string> RefusedIssues => new()
    {
        // subject, intro, more articles, send at, intent → the message
        { "", "Some words.", "", "", "Save", "Give the issue a subject" },
        { new string('s', 201), "Some words.", "", "", "Save", "at most 200 characters" },
        { "Nothing inside", "", "", "", "Save", "has nothing to send" },
        { "Unknown article", "", "no-such-story", "", "Save", "No published article \"no-such-story\"" },
        { "Past", "Some words.", "", "2001-01-01T09:00", "Schedule", "That time has passed" },
        { "No time", "Some words.", "", "tomorrow", "Schedule", "Choose the date and time" },
        { "Odd button", "Some words.", "", "", "Erase", "is not one of this form's buttons" },
        { "No staff ticked", "Some words.", "", "", "Test", "Tick the staff members" },
    };

    [Theory]
    [MemberData(nameof(RefusedIssues))]
    public async Task A_refused_issue_comes_back_with_its_reason_a_400_and_what_was_typed(string subject, string intro, string more, string sendAt, string intent, string reason)
    {
        var (list, _) = await NewsletterDesk.ListsAsync(factory);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var before = await factory.WithDbAsync(db => db.NewsletterIssues.CountAsync());

        using var response = await SubmitAsync(factory, editor, "new",
            [new("Form.ListId", $"{list}"), new("Form.Subject", subject), new("Form.Intro", intro), new("Form.MoreArticles", more), new("Form.SendAt", sendAt)], intent);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains(reason, page.QuerySelector(".form-errors")!.TextContent + page.QuerySelectorAll(".field-error").Select(e => e.TextContent).Aggregate("", string.Concat), StringComparison.Ordinal);
        Assert.Equal(subject, EditorDesk.FieldValue(page, "Form.Subject"));
        Assert.Equal(intro, EditorDesk.FieldValue(page, "Form.Intro"));
        Assert.Equal(more, EditorDesk.FieldValue(page, "Form.MoreArticles"));
        Assert.Equal(before, await factory.WithDbAsync(db => db.NewsletterIssues.CountAsync()));
    }

    [Fact]
    public async Task A_draft_article_an_unknown_list_and_a_switched_off_list_are_refused()
    {
        var (list, _) = await NewsletterDesk.ListsAsync(factory);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var draft = await factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow();
            var row = db.Articles.Add(new Article { Slug = $"draft-{EditorDesk.Unique()}", Headline = "Not yet", Status = ArticleStatus.Draft, CreatedAt = now, UpdatedAt = now }).Entity;
            await db.SaveChangesAsync();
            return row.Id;
        });

        using var drafted = await SubmitAsync(factory, editor, "new", Fields(list, "With a draft", "", draft), "Save");
        Assert.Equal(HttpStatusCode.BadRequest, drafted.StatusCode);
        Assert.Contains("Only articles readers can see", (await Html.ParseAsync(drafted)).QuerySelector("[data-valmsg-for='Form.Articles']")!.TextContent, StringComparison.Ordinal);

        using var unknown = await SubmitAsync(factory, editor, "new", [new("Form.ListId", "999999"), new("Form.Subject", "Nowhere"), new("Form.Intro", "Words.")], "Save");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Choose the list", (await Html.ParseAsync(unknown)).QuerySelector("[data-valmsg-for='Form.ListId']")!.TextContent, StringComparison.Ordinal);

        await factory.WithDbAsync(db => db.NewsletterLists.Where(l => l.Id == list).ExecuteUpdateAsync(s => s.SetProperty(l => l.IsActive, false)));
        using var saved = await SubmitAsync(factory, editor, "new", [new("Form.ListId", $"{list}"), new("Form.Subject", "To a list that is off"), new("Form.Intro", "Words.")], "Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var off = await SubmitAsync(factory, editor, "new", [new("Form.ListId", $"{list}"), new("Form.Subject", "To a list that is off"), new("Form.Intro", "Words.")], "SendNow");
        Assert.Equal(HttpStatusCode.BadRequest, off.StatusCode);
        Assert.Contains("is switched off", (await Html.ParseAsync(off)).QuerySelector("[data-valmsg-for='Form.ListId']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scheduled_issue_waits_for_its_time_in_the_newsroom_s_zone_and_can_go_back_to_draft()
    {
        var (list, _) = await NewsletterDesk.ListsAsync(factory);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var at = factory.Clock.GetUtcNow().AddDays(1);
        var subject = $"Tomorrow {EditorDesk.Unique()}";

        using var scheduled = await SubmitAsync(factory, editor, "new", [new("Form.ListId", $"{list}"), new("Form.Subject", subject), new("Form.Intro", "Words."),
            new("Form.SendAt", EditorDesk.LocalTime(at))], "Schedule");
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        var issue = await factory.WithDbAsync(db => db.NewsletterIssues.AsNoTracking().SingleAsync(i => i.Subject == subject));
        Assert.Equal(IssueStatus.Scheduled, issue.Status);
        Assert.Equal(at.ToUnixTimeSeconds() / 60, issue.SendAt!.Value.ToUnixTimeSeconds() / 60);
        Assert.Contains("goes out", (await factory.GetPageAsync(editor, $"/admin/newsletters/issues/{issue.Id}")).QuerySelector(".admin-heading")!.TextContent, StringComparison.Ordinal);

        using var back = await SubmitAsync(factory, editor, $"{issue.Id}", [], "Unschedule");
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal(IssueStatus.Draft, await factory.WithDbAsync(db => db.NewsletterIssues.Where(i => i.Id == issue.Id).Select(i => i.Status).SingleAsync()));

        using var again = await SubmitAsync(factory, editor, $"{issue.Id}", [], "Unschedule");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        using var deleted = await SubmitAsync(factory, editor, $"{issue.Id}", [], "Delete");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Contains(subject, (await factory.GetPageAsync(editor, "/admin/newsletters")).QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.NewsletterIssues.AnyAsync(i => i.Id == issue.Id)));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.NewsletterDeleted && e.Detail == subject)));
    }

    [Fact]
    public async Task An_editor_makes_a_list_that_readers_are_offered_and_switches_it_off()
    {
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var name = $"Morning {EditorDesk.Unique()}";
        using var made = await factory.PostFormAsync(editor, "/admin/newsletters/lists/new", ListFields(name, "DailyBriefing", "6", true));
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var list = await factory.WithDbAsync(db => db.NewsletterLists.AsNoTracking().SingleAsync(l => l.Name == name));
        Assert.Equal((NewsletterKind.DailyBriefing, 6, true), (list.Kind, list.Hour, list.IsActive));
        Assert.Contains("Daily briefing at 06:00", (await factory.GetPageAsync(editor, "/admin/newsletters")).QuerySelector($"tr:has(a[href='/admin/newsletters/lists/{list.Id}'])")!.TextContent, StringComparison.Ordinal);

        using var reader = factory.CreateBrowserClient();
        Assert.Contains(name, (await factory.GetPageAsync(reader, "/newsletter")).QuerySelector("main form")!.TextContent, StringComparison.Ordinal);

        using var off = await factory.PostFormAsync(editor, $"/admin/newsletters/lists/{list.Id}", ListFields(name, "DailyBriefing", "6", false));
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.DoesNotContain(name, (await factory.GetPageAsync(reader, "/newsletter")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.NewsletterListSaved && e.Detail == name)));
    }

    [Theory]
    [InlineData("", "Manual", "", "Give the list a name")]
    [InlineData("Too late", "DailyBriefing", "24", "from 0 to 23")]
    [InlineData("No hour", "Weekly", "", "from 0 to 23")]
    [InlineData("Odd kind", "42", "", "Choose what makes")]
    public async Task A_refused_list_comes_back_with_its_reason_and_nothing_saved(string name, string kind, string hour, string reason)
    {
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var description = $"Kept {EditorDesk.Unique()}";
        using var response = await factory.PostFormAsync(editor, "/admin/newsletters/lists/new",
            [new("Form.Name", name), new("Form.Description", description), new("Form.Kind", kind), new("Form.Hour", hour), new("Form.Position", "1")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains(reason, page.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(description, EditorDesk.FieldValue(page, "Form.Description"));
        Assert.False(await factory.WithDbAsync(db => db.NewsletterLists.AnyAsync(l => l.Description == description)));
    }

    private static KeyValuePair<string, string>[] ListFields(string name, string kind, string hour, bool active) =>
        [new("Form.Name", name), new("Form.Description", "Before the day starts."), new("Form.Kind", kind), new("Form.Hour", hour), new("Form.Position", "3"),
            new("Form.IsActive", active ? "true" : "false")];

    private static KeyValuePair<string, string>[] Fields(int list, string subject, string intro, int article) =>
        [new("Form.ListId", $"{list}"), new("Form.Subject", subject), new("Form.Intro", intro), new("Form.Articles", $"{article}")];

    private static Task<HttpResponseMessage> SubmitAsync(MastheadFactory own, HttpClient editor, string issue, KeyValuePair<string, string>[] fields, string intent) =>
        own.PostFormAsync(editor, $"/admin/newsletters/issues/{issue}", [.. fields, new("intent", intent)]);

    private static Task<int> PublishedAsync(MastheadFactory own, string headline) => own.WithDbAsync(async db =>
    {
        var now = own.Clock.GetUtcNow();
        var row = db.Articles.Add(new Article
        {
            Slug = $"story-{EditorDesk.Unique()}", Headline = headline, Standfirst = "Before the vote.", Status = ArticleStatus.Published, PublishAt = now, CreatedAt = now, UpdatedAt = now,
            Edition = own.Services.GetRequiredService<SiteEditions>().Default.Code,
        }).Entity;
        await db.SaveChangesAsync();
        return row.Id;
    });

    /// <summary>The first message with <paramref name="subject"/> to <paramref name="address"/>, waiting (bounded) for the job to send it.</summary>
    private async Task<MimeKit.MimeMessage> WaitForSubjectAsync(string address, string subject)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await SubjectToAsync(address, subject) is { } message)
            {
                return message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No message \"{subject}\" reached {address}.");
    }

    private async Task<MimeKit.MimeMessage?> SubjectToAsync(string address, string subject)
    {
        foreach (var id in await _inbox.MessageIdsToAsync(address))
        {
            if (await _inbox.ReadAsync(id) is { } message && message.Subject == subject)
            {
                return message;
            }
        }

        return null;
    }

    /// <summary>Whether the job marked the issue sent, waiting (bounded) for it to record the delivery it made.</summary>
    private static async Task<bool> SentAsync(MastheadFactory own, int issue)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await own.WithDbAsync(db => db.NewsletterIssues.Where(i => i.Id == issue).Select(i => i.Status).SingleAsync()) == IssueStatus.Sent)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class NewsletterAdminTestsOnSqlite(SqliteFactory factory) : NewsletterAdminTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class NewsletterAdminTestsOnPostgres(PostgresFactory factory) : NewsletterAdminTests(factory);
