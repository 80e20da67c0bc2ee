using System.Net;
using AngleSharp.Html.Dom;
using Masthead.Appeals;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Appeals;

/// <summary>/admin/appeals/preview: for a described reader, the appeal each placement shows now, previewed, and why not the others.</summary>
public abstract class AppealPreviewTests(MastheadFactory factory)
{
    private static async Task SeedAsync(MastheadFactory own) => await own.WithDbAsync(async db =>
    {
        db.Appeals.AddRange(
            AppealEngineTests.NewAppeal("First ask", 30, a =>
            {
                (a.Audience, a.BelowArticles, a.Test, a.TestStartedAt, a.TestPlannedShowings) = (AppealAudience.NeverGave, 5, AppealTestStatus.Running, DateTimeOffset.UnixEpoch, 1000);
                a.Variants.Add(new AppealVariant { Number = 1, Name = "Short", BodyMarkdown = "Short", BodyHtml = "<p>Short version</p>" });
            }),
            AppealEngineTests.NewAppeal("Regulars", 20, a => a.MinArticles = 5),
            AppealEngineTests.NewAppeal("Come back", 10, a => a.Audience = AppealAudience.FormerSupporters),
            AppealEngineTests.NewAppeal("Thanks", 10, a => a.Audience = AppealAudience.Supporters),
            AppealEngineTests.NewAppeal("Drive", 50, a => (a.Placement, a.MinArticles, a.BannerWithArticleAppeal) = (AppealPlacement.BannerTop, 2, true)),
            AppealEngineTests.NewAppeal("Switched off", 1, a => a.IsActive = false),
            AppealEngineTests.NewAppeal("Over", 1, a => a.EndsAt = DateTimeOffset.UnixEpoch));
        await db.SaveChangesAsync();
    });

    private static string Chosen(IHtmlDocument page, string section) =>
        page.QuerySelector($"section[aria-labelledby='{section}'] .chosen")!.TextContent.Trim();

    private static Dictionary<string, string> Reasons(IHtmlDocument page) =>
        page.QuerySelectorAll("table.appeal-reasons tbody tr").ToDictionary(r => r.Children[0].TextContent.Trim(), r => r.Children[2].TextContent.Trim());

    [Fact]
    public async Task An_editor_sees_which_appeal_a_regular_reader_who_never_gave_would_see_and_why_not_the_others()
    {
        await using var own = factory.Fresh();
        await SeedAsync(own);
        using var editor = await EditorDesk.SignedInAsAsync(own, StaffRole.Editor);

        var page = await Html.GetPageAsync(editor, "/admin/appeals/preview?Input.State=NeverGave&Input.Articles=12&Input.Weeks=4");

        Assert.Equal("Regulars", Chosen(page, "seen-end-title"));
        Assert.StartsWith("Drive", Chosen(page, "seen-banner-title"), StringComparison.Ordinal);
        Assert.Equal(["Regulars", "Drive"], page.QuerySelectorAll(".appeal-preview .appeal-body").Select(b => b.TextContent.Trim()));
        Assert.Equal(new Dictionary<string, string>
        {
            ["Come back"] = "Only for former supporters.",
            ["Thanks"] = "Only for supporters.",
            ["Regulars"] = "Shown",
            ["First ask"] = "For fewer than 5 articles in 4 weeks; this reader read 12.",
            ["Drive"] = "Shown",
        }, Reasons(page));
    }

    [Fact]
    public async Task A_new_reader_sees_each_version_of_the_running_test_a_supporter_the_thanks_and_a_snoozed_reader_nothing()
    {
        await using var own = factory.Fresh();
        await SeedAsync(own);
        using var editor = await EditorDesk.SignedInAsAsync(own, StaffRole.Editor);

        var fresh = await Html.GetPageAsync(editor, "/admin/appeals/preview?Input.State=NeverGave&Input.Articles=0");
        Assert.Equal("First ask · a test is running: the reader sees one of its 2 versions", Chosen(fresh, "seen-end-title"));
        Assert.Equal(["First ask", "Short version"], fresh.QuerySelectorAll(".appeal-preview .appeal-body").Select(b => b.TextContent.Trim()));
        Assert.Equal(2, fresh.QuerySelectorAll("aside[id^='preview-']").Select(e => e.Id).Distinct().Count());
        Assert.Equal("Needs at least 2 articles in 4 weeks; this reader read 0.", Reasons(fresh)["Drive"]);

        var supporter = await Html.GetPageAsync(editor, "/admin/appeals/preview?Input.State=Supporter&Input.Articles=30");
        Assert.Equal(("Thanks", "Nothing here for this reader."), (Chosen(supporter, "seen-end-title"), Chosen(supporter, "seen-banner-title")));

        var former = await Html.GetPageAsync(editor, "/admin/appeals/preview?Input.State=FormerSupporter&Input.Articles=3");
        Assert.Equal("Come back", Chosen(former, "seen-end-title"));
        Assert.Equal("Only for readers who never gave; this one did.", Reasons(former)["First ask"]);

        var snoozed = await Html.GetPageAsync(editor, "/admin/appeals/preview?Input.State=Snoozed&Input.Articles=30");
        Assert.Equal(0, snoozed.QuerySelectorAll(".appeal-preview").Length);
        Assert.DoesNotContain("Switched off", snoozed.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Over", Reasons(snoozed).Keys);
    }

    [Theory]
    [InlineData("Input.Articles=-1", "Articles read: a whole number from 0 to 10000.")]
    [InlineData("Input.Weeks=0", "Weeks: a whole number from 1 to 53.")]
    [InlineData("Input.State=Everyone", "Pick what the reader's browser holds from the list.")]
    [InlineData("Input.Edition=xx", "There is no such edition: pick one from the list.")]
    [InlineData("Input.Articles=lots", "lots")]
    public async Task A_description_that_cannot_be_is_refused_with_a_message_beside_the_form(string query, string message)
    {
        await using var own = factory.Fresh();
        using var editor = await EditorDesk.SignedInAsAsync(own, StaffRole.Editor);

        using var response = await editor.GetAsync(new Uri("/admin/appeals/preview?" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("form.described-reader"));
        Assert.Empty(page.QuerySelectorAll("section.reader-sees"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AppealPreviewTestsOnSqlite(SqliteFactory factory) : AppealPreviewTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class AppealPreviewTestsOnPostgres(PostgresFactory factory) : AppealPreviewTests(factory);
