using System.Net;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Staff;

/// <summary>
/// Each staff member reads the admin in their own language (English or Russian), chosen on their account page and
/// carried in their sign-in cookie; before sign-in the browser's Accept-Language chooses. Reader pages never follow it.
/// </summary>
public abstract class StaffLanguageTests(MastheadFactory factory)
{
    private const string AccountPath = "/admin/account/sessions";

    [Fact]
    public async Task A_staff_member_who_chooses_Russian_reads_the_admin_in_Russian_and_a_colleague_still_in_English()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Editor);
        using var russian = await factory.SignedInClientAsync(email, password);
        using var english = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        await ChooseAsync(russian, StaffLanguages.Russian);

        Assert.Equal("ru", await factory.WithDbAsync(db => db.Staff.Where(s => s.Email == email).Select(s => s.Language).SingleAsync()));
        var list = await factory.GetPageAsync(russian, "/admin");
        Assert.Equal("ru", list.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Статьи", list.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Выйти", list.QuerySelector("header")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Новая статья", (await factory.GetPageAsync(russian, "/admin/articles/new")).QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Где выполнен вход", (await factory.GetPageAsync(russian, AccountPath)).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var appeals = await factory.GetPageAsync(russian, "/admin/appeals");
        Assert.Equal("ru", appeals.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Призывы", appeals.QuerySelector("nav")!.TextContent, StringComparison.Ordinal);

        var theirs = await factory.GetPageAsync(english, "/admin");
        Assert.Equal("en", theirs.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Articles", theirs.QuerySelector("h1")!.TextContent.Trim());

        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == Masthead.Audit.AuditActions.LanguageChanged).Select(e => e.Detail).ToListAsync());
        Assert.Contains("en to ru", audit);
    }

    [Fact]
    public async Task An_admin_who_chooses_Russian_reads_the_staff_supporters_and_audit_pages_in_Russian()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Admin);
        using var admin = await factory.SignedInClientAsync(email, password);
        await ChooseAsync(admin, StaffLanguages.Russian);

        var staff = await factory.GetPageAsync(admin, "/admin/staff");
        Assert.Equal("ru", staff.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Сотрудники", staff.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains(staff.QuerySelectorAll("select[name='role'] option"), option => option.TextContent == "Редактор");
        Assert.Equal("Сторонники", (await factory.GetPageAsync(admin, "/admin/supporters")).QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Журнал действий", (await factory.GetPageAsync(admin, "/admin/audit")).QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_Russian_validation_message_comes_back_with_a_400_and_the_typed_text_kept()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Editor);
        using var client = await factory.SignedInClientAsync(email, password);
        await ChooseAsync(client, StaffLanguages.Russian);
        var author = await EditorDesk.AddAuthorAsync(factory);

        using var response = await EditorDesk.SubmitAsync(client, null, new ArticleInput("Бюджет города принят", [author], Slug: "Not A Slug"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("Используйте только строчные латинские буквы", page.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Бюджет города принят", EditorDesk.FieldValue(page, "Form.Headline"));
        Assert.Equal("Not A Slug", EditorDesk.FieldValue(page, "Form.Slug"));
    }

    [Fact]
    public async Task An_unknown_language_is_refused_with_a_400()
    {
        using var client = await EditorDesk.SignedInAsAsync(factory, StaffRole.Writer);
        using var refused = await factory.PostFormAsync(client, AccountPath, new Dictionary<string, string> { ["language"] = "xx" }, AccountPath + "/Language");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Choose English or Russian.", (await Html.ParseAsync(refused)).QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_page_follows_the_browser_s_language_between_English_and_Russian()
    {
        using var client = factory.CreateBrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru-RU,ru;q=0.9,en;q=0.5");
        var russian = await factory.GetPageAsync(client, "/admin/signin");
        Assert.Equal("ru", russian.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Вход", russian.QuerySelector("h1")!.TextContent.Trim());

        using var german = factory.CreateBrowserClient();
        german.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE,de;q=0.9");
        var english = await factory.GetPageAsync(german, "/admin/signin");
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Sign in", english.QuerySelector("h1")!.TextContent.Trim());

        using var refused = await factory.PostFormAsync(client, "/admin/signin", new Dictionary<string, string> { ["Input.Email"] = "", ["Input.Password"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Введите адрес электронной почты.", (await Html.ParseAsync(refused)).QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_page_is_unaffected_by_a_staff_member_s_language_or_the_browser_s()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Editor);
        using var client = await factory.SignedInClientAsync(email, password);
        await ChooseAsync(client, StaffLanguages.Russian);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var seenByStaff = await factory.GetPageAsync(client, "/");

        using var reader = factory.CreateBrowserClient();
        var seenByReader = await factory.GetPageAsync(reader, "/");
        Assert.Equal(seenByReader.DocumentElement.GetAttribute("lang"), seenByStaff.DocumentElement.GetAttribute("lang"));
        Assert.NotEqual("ru", seenByStaff.DocumentElement.GetAttribute("lang"));
        Assert.Equal(seenByReader.QuerySelector("h1, .masthead")?.TextContent, seenByStaff.QuerySelector("h1, .masthead")?.TextContent);
    }

    private async Task ChooseAsync(HttpClient client, string language)
    {
        using var chosen = await factory.PostFormAsync(client, AccountPath, new Dictionary<string, string> { ["language"] = language }, AccountPath + "/Language");
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal(AccountPath, chosen.Headers.Location!.OriginalString);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class StaffLanguageTestsOnSqlite(SqliteFactory factory) : StaffLanguageTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class StaffLanguageTestsOnPostgres(PostgresFactory factory) : StaffLanguageTests(factory);
