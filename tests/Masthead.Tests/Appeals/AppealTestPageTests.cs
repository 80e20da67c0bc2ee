using System.Net;
using Masthead.Appeals;
using Masthead.Appeals.Experiments;
using Masthead.Staff;
using Masthead.Tests.Admin;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Appeals;

/// <summary>An editor runs an A/B test from the admin: adds a version, starts it with a planned size, reads the results, keeps the winner.</summary>
public abstract class AppealTestPageTests(MastheadFactory factory)
{
    [Fact]
    public async Task An_editor_adds_a_version_starts_the_test_reads_the_results_and_keeps_the_winner()
    {
        await using var own = factory.Fresh();
        using var editor = await EditorDesk.SignedInAsAsync(own, StaffRole.Editor);
        var id = await AppealDesk.SaveOkAsync(editor, null, AppealDesk.Fields("Year-end", "The long text."), "Activate");

        using (var added = await own.PostFormAsync(editor, $"/admin/appeals/{id}/test", new Dictionary<string, string>
        {
            ["Variant.Name"] = "Short", ["Variant.Body"] = "The **short** text.", ["Variant.ContinueLabel"] = "Give $2", ["Variant.DefaultFrequency"] = "Annual",
            ["Variant.AskLine"] = "  $24 a year keeps a reporter on the story.  ",
        }, $"/admin/appeals/{id}/test?handler=AddVariant"))
        {
            Assert.True(added.StatusCode == HttpStatusCode.Redirect, Html.Messages(await added.Content.ReadAsStringAsync()));
        }

        using (var started = await own.PostFormAsync(editor, $"/admin/appeals/{id}/test", new Dictionary<string, string>
        {
            ["Plan.Baseline"] = "5", ["Plan.Lift"] = "20",
        }, $"/admin/appeals/{id}/test?handler=Start"))
        {
            Assert.True(started.StatusCode == HttpStatusCode.Redirect, Html.Messages(await started.Content.ReadAsStringAsync()));
        }

        var appeal = await own.WithDbAsync(db => db.Appeals.Include(a => a.Variants).SingleAsync(a => a.Id == id));
        Assert.Equal((AppealTestStatus.Running, ExperimentStatistics.SampleSizePerVariant(0.05, 0.2)), (appeal.Test, (long)appeal.TestPlannedShowings));
        var variant = Assert.Single(appeal.Variants);
        Assert.Equal((1, "<p>The <strong>short</strong> text.</p>", "Give $2", Masthead.Contributions.Frequency.Annual),
            (variant.Number, variant.BodyHtml!.Trim(), variant.ContinueLabel, variant.DefaultFrequency));

        // The readers' page now carries both versions under the test's key.
        var article = await AppealTests.PublishAsync(own, sensitive: false);
        using var reader = own.CreateBrowserClient();
        var page = await own.GetPageAsync(reader, article);
        var option = ((AngleSharp.Html.Dom.IHtmlTemplateElement)page.QuerySelector("template.appeal-option")!).Content.QuerySelector("aside")!;
        Assert.Equal(("1", page.QuerySelector("#appeal")!.GetAttribute("data-test")), (option.GetAttribute("data-variant"), option.GetAttribute("data-test")));
        Assert.Equal("/support?frequency=annual", option.QuerySelector(".appeal-continue")!.GetAttribute("href"));
        Assert.Equal("$24 a year keeps a reporter on the story.", option.QuerySelector(".appeal-ask")!.TextContent);
        Assert.StartsWith("Support us monthly, from $2", page.QuerySelector("#appeal .appeal-ask")!.TextContent, StringComparison.Ordinal);

        // Counts as the endpoint and the ledger would add them.
        var hour = AppealCounts.HourOf(own.Clock.GetUtcNow());
        await own.WithDbAsync(async db =>
        {
            db.AppealTallies.AddRange(
                new AppealTally { Hour = hour, AppealId = id, Variant = 0, Shown = 1000, Continued = 20 },
                new AppealTally { Hour = hour, AppealId = id, Variant = 1, Shown = 1000, Continued = 45 },
                new AppealTally { Hour = hour, AppealId = id, Variant = 1, Currency = "USD", Conversions = 3, Recurring = 3, Annualised = 7200, AnnualisedSquares = 3 * 24 * 24 });
            await db.SaveChangesAsync();
        });
        var results = await own.GetPageAsync(editor, $"/admin/appeals/{id}/test");
        Assert.Contains("Too early to tell", results.QuerySelector(".verdict")!.TextContent);
        var rows = results.QuerySelectorAll(".test-results tbody tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("Appeal · Year-end", rows[0][0]);
        Assert.Equal("1,000", rows[1][1]);
        Assert.StartsWith("4.5%", rows[1][2]);
        Assert.Contains("USD 72.00", rows[1][4]);
        Assert.Null(results.QuerySelector(".notice-problem"));

        using (var kept = await own.PostFormAsync(editor, $"/admin/appeals/{id}/test", [], $"/admin/appeals/{id}/test?handler=Keep&number=1"))
        {
            Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        }

        appeal = await own.WithDbAsync(db => db.Appeals.Include(a => a.Variants).SingleAsync(a => a.Id == id));
        Assert.Equal((AppealTestStatus.None, 0, "Give $2", "$24 a year keeps a reporter on the story."), (appeal.Test, appeal.Variants.Count, appeal.ContinueLabel, appeal.AskLine));
        Assert.Contains("short", appeal.BodyHtml);
        Assert.Contains("The short text.", (await own.GetPageAsync(reader, article)).QuerySelector("#appeal")!.TextContent);
    }

    [Fact]
    public async Task A_test_cannot_start_without_a_version_nor_change_while_running_and_bad_plans_are_refused()
    {
        await using var own = factory.Fresh();
        using var editor = await EditorDesk.SignedInAsAsync(own, StaffRole.Editor);
        var id = await AppealDesk.SaveOkAsync(editor, null, AppealDesk.Fields("Lonely", "Only one text."), "Activate");
        var url = $"/admin/appeals/{id}/test";

        using var alone = await own.PostFormAsync(editor, url, new Dictionary<string, string> { ["Plan.Baseline"] = "2", ["Plan.Lift"] = "20" }, url + "?handler=Start");
        Assert.Equal(HttpStatusCode.BadRequest, alone.StatusCode);
        Assert.Contains("Add a variant first", (await Html.ParseAsync(alone)).QuerySelector(".form-errors")!.TextContent);

        using var noName = await own.PostFormAsync(editor, url, new Dictionary<string, string> { ["Variant.Name"] = "", ["Variant.Body"] = "Kept text" }, url + "?handler=AddVariant");
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        var noNamePage = await Html.ParseAsync(noName);
        Assert.Contains("Name the variant", noNamePage.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal("Kept text", noNamePage.QuerySelector("textarea[name='Variant.Body']")!.TextContent.Trim());

        using var badFrequency = await own.PostFormAsync(editor, url, new Dictionary<string, string> { ["Variant.Name"] = "B", ["Variant.DefaultFrequency"] = "Weekly" }, url + "?handler=AddVariant");
        Assert.Equal(HttpStatusCode.BadRequest, badFrequency.StatusCode);

        using var longAsk = await own.PostFormAsync(editor, url, new Dictionary<string, string> { ["Variant.Name"] = "B", ["Variant.AskLine"] = new string('a', 201) }, url + "?handler=AddVariant");
        Assert.Equal(HttpStatusCode.BadRequest, longAsk.StatusCode);
        Assert.Contains("Keep the ask under 200 characters.", (await Html.ParseAsync(longAsk)).QuerySelector(".form-errors")!.TextContent);

        using (var added = await own.PostFormAsync(editor, url, new Dictionary<string, string> { ["Variant.Name"] = "B", ["Variant.ContinueLabel"] = "Go" }, url + "?handler=AddVariant"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        using var badPlan = await own.PostFormAsync(editor, url, new Dictionary<string, string> { ["Plan.Baseline"] = "0", ["Plan.Lift"] = "20" }, url + "?handler=Start");
        Assert.Equal(HttpStatusCode.BadRequest, badPlan.StatusCode);
        Assert.Contains("The expected rate", (await Html.ParseAsync(badPlan)).QuerySelector(".form-errors")!.TextContent);

        using (var started = await own.PostFormAsync(editor, url, new Dictionary<string, string> { ["Plan.Baseline"] = "2", ["Plan.Lift"] = "20" }, url + "?handler=Start"))
        {
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        }

        using var whileRunning = await own.PostFormAsync(editor, url, new Dictionary<string, string> { ["Variant.Name"] = "C" }, url + "?handler=AddVariant");
        Assert.Equal(HttpStatusCode.BadRequest, whileRunning.StatusCode);

        using (var stopped = await own.PostFormAsync(editor, url, [], url + "?handler=Stop"))
        {
            Assert.Equal(HttpStatusCode.Redirect, stopped.StatusCode);
        }

        Assert.Equal(AppealTestStatus.Ended, await own.WithDbAsync(db => db.Appeals.Where(a => a.Id == id).Select(a => a.Test).SingleAsync()));
        using var missing = await editor.GetAsync(new Uri("/admin/appeals/999999/test", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_version_s_suggested_amounts_reach_the_form_and_a_gift_of_one_of_them_goes_through()
    {
        await using var own = factory.Fresh();
        using var editor = await EditorDesk.SignedInAsAsync(own, StaffRole.Editor);
        var id = await AppealDesk.SaveOkAsync(editor, null, AppealDesk.Fields("Amounts", "Try other amounts."), "Activate");
        var url = $"/admin/appeals/{id}/test";

        using (var low = await own.PostFormAsync(editor, url, new Dictionary<string, string> { ["Variant.Name"] = "Low", ["Variant.SuggestedAmounts"] = "1 5" }, url + "?handler=AddVariant"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, low.StatusCode);
            Assert.Contains("at least the form's minimum", (await Html.ParseAsync(low)).QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        }

        using (var one = await own.PostFormAsync(editor, url, new Dictionary<string, string> { ["Variant.Name"] = "One", ["Variant.SuggestedAmounts"] = "5" }, url + "?handler=AddVariant"))
        {
            Assert.Contains("Give 2 to 6 amounts in USD", (await Html.ParseAsync(one)).QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        }

        using (var added = await own.PostFormAsync(editor, url, new Dictionary<string, string> { ["Variant.Name"] = "Higher", ["Variant.SuggestedAmounts"] = " 3  7.50 15 " }, url + "?handler=AddVariant"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        using (var started = await own.PostFormAsync(editor, url, new Dictionary<string, string> { ["Plan.Baseline"] = "5", ["Plan.Lift"] = "20" }, url + "?handler=Start"))
        {
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        }

        var article = await AppealTests.PublishAsync(own, sensitive: false);
        using var reader = own.CreateBrowserClient();
        var page = await own.GetPageAsync(reader, article);
        var option = ((AngleSharp.Html.Dom.IHtmlTemplateElement)page.QuerySelector("template.appeal-option")!).Content.QuerySelector("aside")!;
        var href = option.QuerySelector(".appeal-continue")!.GetAttribute("href")!;
        Assert.Equal("/support?amounts=300%2C750%2C1500", href);

        var form = await own.GetPageAsync(reader, href + "&campaign=" + id + ".1.e");
        Assert.Equal(["300", "750", "1500", "other"], form.QuerySelectorAll("input[name='Form.Amount']").Select(i => i.GetAttribute("value")));
        Assert.Equal("300,750,1500", form.QuerySelector("input[name='Form.Suggested']")!.GetAttribute("value"));
        using var given = await own.PostFormAsync(reader, "/support", new Dictionary<string, string>
        {
            ["Form.Frequency"] = "Monthly", ["Form.Currency"] = "USD", ["Form.Amount"] = "750", ["Form.Suggested"] = "300,750,1500", ["Form.Email"] = "higher@example.org",
        });
        Assert.Equal(HttpStatusCode.Redirect, given.StatusCode);
        Assert.Equal(750, await own.WithDbAsync(db => db.Checkouts.Select(c => c.Amount).SingleAsync()));

        // Without the carried list, or with one out of bounds, only the settings' amounts are offered and taken.
        using var forged = await own.PostFormAsync(reader, "/support", new Dictionary<string, string>
        {
            ["Form.Frequency"] = "Monthly", ["Form.Currency"] = "USD", ["Form.Amount"] = "750", ["Form.Email"] = "forged@example.org",
        });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var tooLow = await own.GetPageAsync(reader, "/support?amounts=1%2C750");
        Assert.Equal(["200", "500", "1000", "2500", "other"], tooLow.QuerySelectorAll("input[name='Form.Amount']").Select(i => i.GetAttribute("value")));
        Assert.Null(tooLow.QuerySelector("input[name='Form.Suggested']"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AppealTestPageTestsOnSqlite(SqliteFactory factory) : AppealTestPageTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class AppealTestPageTestsOnPostgres(PostgresFactory factory) : AppealTestPageTests(factory);
