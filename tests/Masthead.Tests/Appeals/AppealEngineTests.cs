using System.Net;
using System.Text;
using Masthead.Appeals;
using Masthead.Contributions;
using Masthead.Data;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Appeals;

/// <summary>The appeal engine over HTTP: the page's appeals and their rules, the counting endpoint, attribution of gifts.</summary>
public abstract class AppealEngineTests(MastheadFactory factory)
{
    internal static Appeal NewAppeal(string name, int priority, Action<Appeal>? set = null)
    {
        var appeal = new Appeal
        {
            Name = name, Edition = "en", BodyMarkdown = name, BodyHtml = $"<p>{name}</p>", IsActive = true, Priority = priority, UpdatedAt = DateTimeOffset.UnixEpoch,
        };
        set?.Invoke(appeal);
        return appeal;
    }

    private static async Task<Dictionary<string, int>> SeedAsync(MastheadFactory own, params Appeal[] appeals)
    {
        await own.WithDbAsync(async db =>
        {
            db.Appeals.AddRange(appeals);
            await db.SaveChangesAsync();
        });
        await RefreshAsync(own);
        return appeals.ToDictionary(a => a.Name, a => a.Id);
    }

    private static async Task RefreshAsync(MastheadFactory own)
    {
        await using var scope = own.Services.CreateAsyncScope();
        await own.Services.GetRequiredService<AppealCounts>().RefreshAsync(scope.ServiceProvider.GetRequiredService<MastheadDb>(), CancellationToken.None);
    }

    private static async Task FlushAsync(MastheadFactory own)
    {
        await using var scope = own.Services.CreateAsyncScope();
        await own.Services.GetRequiredService<AppealCounts>().FlushAsync(scope.ServiceProvider.GetRequiredService<MastheadDb>(), CancellationToken.None);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string body) =>
        await client.PostAsync(AppealEvents.Path, new StringContent(body, Encoding.UTF8, "text/plain"));

    [Fact]
    public async Task The_page_carries_every_appeal_switched_on_in_priority_order_and_shows_the_one_a_fresh_browser_gets()
    {
        await using var own = factory.Fresh();
        var ids = await SeedAsync(own,
            NewAppeal("Loyal", 20, a => (a.MinArticles, a.ReadingWeeks) = (5, 4)),
            NewAppeal("Back", 10, a => a.Audience = AppealAudience.FormerSupporters),
            NewAppeal("First", 30, a =>
            {
                (a.Audience, a.BelowArticles, a.Test, a.TestStartedAt) = (AppealAudience.NeverGave, 5, AppealTestStatus.Running, own.Clock.GetUtcNow());
                a.Variants.Add(new AppealVariant { Number = 1, Name = "Short", BodyMarkdown = "Short", BodyHtml = "<p>Short</p>", ContinueLabel = "Give $2" });
            }),
            NewAppeal("Banner", 50, a => (a.Placement, a.BannerCapShowings, a.BannerCapDays, a.BannerGapDays) = (AppealPlacement.BannerTop, 2, 30, 3)),
            NewAppeal("Over", 1, a => a.EndsAt = own.Clock.GetUtcNow().AddHours(-1)),
            NewAppeal("Later", 1, a => a.StartsAt = own.Clock.GetUtcNow().AddHours(1)));
        var article = await AppealTests.PublishAsync(own, sensitive: false);
        using var reader = own.CreateBrowserClient();

        var page = await own.GetPageAsync(reader, article);

        var visible = page.QuerySelector("#appeal")!;
        Assert.Equal((ids["First"].ToString(), "0", "never", "5"), (visible.GetAttribute("data-appeal"), visible.GetAttribute("data-variant"), visible.GetAttribute("data-audience"), visible.GetAttribute("data-below")));
        var options = page.QuerySelectorAll("template.appeal-option").Select(t => ((AngleSharp.Html.Dom.IHtmlTemplateElement)t).Content.QuerySelector("aside")!).ToList();
        Assert.Equal(
            [("Back", "0", "former", "e"), ("Loyal", "0", "readers", "e"), ("First", "1", "never", "e"), ("Banner", "0", "readers", "t")],
            options.Select(o => (ids.Single(i => i.Value.ToString() == o.GetAttribute("data-appeal")).Key, o.GetAttribute("data-variant")!, o.GetAttribute("data-audience")!, o.GetAttribute("data-placement")!)));
        Assert.Equal(["0", "1", "2", "3", "4"], new[] { visible }.Concat(options).Select(o => o.GetAttribute("data-order")!).Order());
        var variant = options[2];
        Assert.Equal(($"{ids["First"]}-{own.Clock.GetUtcNow().ToUnixTimeSeconds()}", "Give $2"), (variant.GetAttribute("data-test"), variant.QuerySelector(".appeal-continue")!.TextContent));
        Assert.Equal($"{ids["First"]}-{own.Clock.GetUtcNow().ToUnixTimeSeconds()}", visible.GetAttribute("data-test"));
        Assert.Equal("2/30/3", options[3].GetAttribute("data-cap"));
        Assert.NotNull(options[3].QuerySelector("button.appeal-dismiss[aria-label]"));
        Assert.Equal("5", options[1].GetAttribute("data-min"));
    }

    [Fact]
    public async Task A_campaign_s_start_and_end_evict_the_cached_pages_so_readers_see_it_come_and_go()
    {
        await using var own = factory.Fresh();
        var start = own.Clock.GetUtcNow().AddMinutes(30);
        await SeedAsync(own, NewAppeal("Drive", 5, a => (a.StartsAt, a.EndsAt) = (start, start.AddDays(1))));
        var article = await AppealTests.PublishAsync(own, sensitive: false);
        using var reader = own.CreateBrowserClient();
        var schedule = own.Services.GetRequiredService<AppealSchedule>();
        await schedule.RunOnceAsync(CancellationToken.None);
        Assert.DoesNotContain("Drive", (await own.GetPageAsync(reader, article)).QuerySelector("#appeal")?.TextContent ?? "");

        own.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.True(await schedule.RunOnceAsync(CancellationToken.None));
        Assert.Contains("Drive", (await own.GetPageAsync(reader, article)).QuerySelector("#appeal")!.TextContent);

        own.Clock.Advance(TimeSpan.FromDays(1));
        Assert.True(await schedule.RunOnceAsync(CancellationToken.None));
        Assert.DoesNotContain("Drive", (await own.GetPageAsync(reader, article)).QuerySelector("#appeal")?.TextContent ?? "");
        Assert.False(await schedule.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Events_are_added_up_per_hour_with_no_cookie_set_and_nothing_about_the_reader_kept()
    {
        await using var own = factory.Fresh();
        var ids = await SeedAsync(own, NewAppeal("Counted", 10, a =>
        {
            (a.Test, a.TestStartedAt) = (AppealTestStatus.Running, own.Clock.GetUtcNow());
            a.Variants.Add(new AppealVariant { Number = 1, Name = "B", BodyHtml = "<p>B</p>" });
        }));
        var id = ids["Counted"];
        using var reader = own.CreateBrowserClient(out var cookies);

        using var sent = await SendAsync(reader, $"{id}.0.e.s\n{id}.0.e.c\n{id}.1.e.s\n{id}.1.e.z\n{id}.0.t.s\n{id}.0.t.d");
        using var again = await SendAsync(reader, $"{id}.1.e.s");

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (sent.StatusCode, again.StatusCode));
        Assert.False(sent.Headers.Contains("Set-Cookie"));
        Assert.Empty(cookies.Names);
        Assert.Equal("no-store", sent.Headers.CacheControl?.ToString());
        await FlushAsync(own);
        var tallies = await own.WithDbAsync(db => db.AppealTallies.OrderBy(t => t.Variant).ThenBy(t => t.Placement).ToListAsync());
        Assert.Equal(
            [(0, AppealPlacement.EndOfArticle, 1L, 1L, 0L, 0L), (0, AppealPlacement.BannerTop, 1L, 0L, 0L, 1L), (1, AppealPlacement.EndOfArticle, 2L, 0L, 1L, 0L)],
            tallies.Select(t => (t.Variant, t.Placement, t.Shown, t.Continued, t.Snoozed, t.Dismissed)));
        Assert.All(tallies, t => Assert.Equal(own.Clock.GetUtcNow().ToUnixTimeSeconds() / 3600 * 3600, t.Hour.ToUnixTimeSeconds()));

        // A second flush adds to the hour's rows rather than writing new ones.
        using var more = await SendAsync(reader, $"{id}.1.e.s");
        await FlushAsync(own);
        Assert.Equal(3L, await own.WithDbAsync(db => db.AppealTallies.Where(t => t.Variant == 1 && t.Placement == AppealPlacement.EndOfArticle).Select(t => t.Shown).SingleAsync()));
        Assert.Equal(3, await own.WithDbAsync(db => db.AppealTallies.CountAsync()));
    }

    [Theory]
    [InlineData("", HttpStatusCode.BadRequest)]
    [InlineData("hello", HttpStatusCode.BadRequest)]
    [InlineData("1.0.e", HttpStatusCode.BadRequest)]
    [InlineData("1.0.x.s", HttpStatusCode.BadRequest)]
    [InlineData("1.0.e.q", HttpStatusCode.BadRequest)]
    [InlineData("-1.0.e.s", HttpStatusCode.BadRequest)]
    [InlineData("1.99.e.s", HttpStatusCode.BadRequest)]
    [InlineData("99999999999.0.e.s", HttpStatusCode.BadRequest)]
    [InlineData("{\"e\":[1,0]}", HttpStatusCode.BadRequest)]
    public async Task A_malformed_batch_is_refused_whole_with_a_4xx(string body, HttpStatusCode expected)
    {
        using var reader = factory.CreateBrowserClient();
        using var response = await SendAsync(reader, body);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Oversized_batches_are_refused_and_events_of_unknown_appeals_or_variants_dropped()
    {
        await using var own = factory.Fresh();
        var id = (await SeedAsync(own, NewAppeal("Known", 10)))["Known"];
        using var reader = own.CreateBrowserClient();

        using var tooMany = await SendAsync(reader, string.Join('\n', Enumerable.Repeat($"{id}.0.e.s", AppealEvents.MaxEvents + 1)));
        using var tooLong = await SendAsync(reader, new string(' ', AppealEvents.MaxBytes + 1) + $"{id}.0.e.s");
        using var unknown = await SendAsync(reader, $"{id + 1000}.0.e.s\n{id}.3.e.s\n{id}.0.e.s");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.NoContent), (tooMany.StatusCode, tooLong.StatusCode, unknown.StatusCode));
        await FlushAsync(own);
        var tally = Assert.Single(await own.WithDbAsync(db => db.AppealTallies.ToListAsync()));
        Assert.Equal((id, 0, 1L), (tally.AppealId, tally.Variant, tally.Shown));
    }

    [Fact]
    public async Task One_address_over_its_rate_is_refused_while_another_is_counted()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:RateLimits:AppealEvents:Permits"] = "25";
        var id = (await SeedAsync(own, NewAppeal("Limited", 10)))["Limited"];
        using var busy = TestClientAddresses.From(own.CreateBrowserClient(), "203.0.113.7");
        using var other = TestClientAddresses.From(own.CreateBrowserClient(), "203.0.113.8");
        var batch = string.Join('\n', Enumerable.Repeat($"{id}.0.e.s", 10));

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await SendAsync(busy, batch);
            answers.Add(response.StatusCode);
        }

        using var fromOther = await SendAsync(other, batch);

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.NoContent, fromOther.StatusCode);
        await FlushAsync(own);
        Assert.Equal(30L, await own.WithDbAsync(db => db.AppealTallies.SumAsync(t => t.Shown)));
    }

    [Fact]
    public async Task A_gift_through_an_appeal_is_counted_as_its_conversion_and_the_campaign_code_is_then_dropped()
    {
        await using var own = factory.Fresh();
        var id = (await SeedAsync(own, NewAppeal("Converting", 10)))["Converting"];
        using var reader = own.CreateBrowserClient();
        var code = $"{id}.0.e";

        var form = await own.GetPageAsync(reader, $"/support?campaign={code}");
        Assert.Equal(code, form.QuerySelector("input[name='Form.Campaign']")!.GetAttribute("value"));
        Assert.Contains($"campaign={code}", form.QuerySelector(".choice-tabs a")!.GetAttribute("href"));
        using var submitted = await own.PostFormAsync(reader, "/support", new Dictionary<string, string>
        {
            ["Form.Frequency"] = "Monthly", ["Form.Currency"] = "USD", ["Form.Amount"] = "other", ["Form.OtherAmount"] = "5",
            ["Form.Email"] = "converted@example.org", ["Form.Anonymous"] = "true", ["Form.Campaign"] = code,
        });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var session = submitted.Headers.Location!.AbsolutePath.Split('/')[^1];
        var checkoutId = await own.WithDbAsync(db => db.Checkouts.Where(c => c.ProviderSessionId == session).Select(c => c.Id).SingleAsync());
        Assert.Equal(code, await own.WithDbAsync(db => db.Checkouts.Where(c => c.Id == checkoutId).Select(c => c.Campaign).SingleAsync()));
        var paymentPage = submitted.Headers.Location!.PathAndQuery;
        using (var paid = await own.PostFormAsync(reader, paymentPage, [], paymentPage + "?handler=Pay"))
        {
            Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        }

        var tally = await own.WithDbAsync(db => db.AppealTallies.SingleAsync(t => t.Currency == "USD"));
        Assert.Equal((id, 0, AppealPlacement.EndOfArticle, 1L, 1L, 6000L, 3600d), (tally.AppealId, tally.Variant, tally.Placement, tally.Conversions, tally.Recurring, tally.Annualised, tally.AnnualisedSquares));
        Assert.Null(await own.WithDbAsync(db => db.Checkouts.Where(c => c.Id == checkoutId).Select(c => c.Campaign).SingleAsync()));
    }

    [Fact]
    public async Task A_campaign_code_that_is_not_one_is_dropped_and_the_gift_still_goes_through()
    {
        await using var own = factory.Fresh();
        using var reader = own.CreateBrowserClient();
        var form = await own.GetPageAsync(reader, "/support?campaign=<script>");
        Assert.Null(form.QuerySelector("input[name='Form.Campaign']"));

        var checkoutId = await SupportDesk.GiveAsync(own, reader, "plain@example.org");

        Assert.Null(await own.WithDbAsync(db => db.Checkouts.Where(c => c.Id == checkoutId).Select(c => c.Campaign).SingleAsync()));
        Assert.Equal(0, await own.WithDbAsync(db => db.AppealTallies.CountAsync()));
    }

    [Fact]
    public void Nothing_the_counters_store_can_name_a_reader_or_a_browser()
    {
        // The whole of what is kept per appeal: its hour, the appeal, variant, placement, currency, and sums.
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var columns = db.Model.FindEntityType(typeof(AppealTally))!.GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["Annualised", "AnnualisedSquares", "AppealId", "Continued", "Conversions", "Currency", "Dismissed", "Hour", "Id", "Placement", "Recurring", "Shown", "Snoozed", "Variant"],
            columns);
        Assert.DoesNotContain(db.Model.FindEntityType(typeof(Contribution))!.GetProperties(), p => p.Name.Contains("Campaign", StringComparison.Ordinal));
        Assert.DoesNotContain(db.Model.FindEntityType(typeof(Supporter))!.GetProperties(), p => p.Name.Contains("Campaign", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Remind_me_later_without_script_keeps_the_appeal_away_for_the_days_of_the_appeal_it_was_pressed_on()
    {
        await using var own = factory.Fresh();
        var ids = await SeedAsync(own, NewAppeal("Short", 10, a => a.SnoozeDays = 3), NewAppeal("Long", 20, a => a.SnoozeDays = 14));
        using var reader = own.CreateBrowserClient(out var cookies);

        using var snoozed = await reader.PostAsync(new Uri("/appeal/snooze", UriKind.Relative),
            new FormUrlEncodedContent([new("return", "/"), new("appeal", ids["Long"].ToString(System.Globalization.CultureInfo.InvariantCulture))]));

        Assert.Equal(HttpStatusCode.Redirect, snoozed.StatusCode);
        Assert.Equal(own.Clock.GetUtcNow().AddDays(14).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), cookies[AppealVisibility.SnoozeCookie]);
        using var unnamed = await reader.PostAsync(new Uri("/appeal/snooze", UriKind.Relative), new FormUrlEncodedContent([new("return", "/"), new("appeal", "nonsense")]));
        Assert.Equal(own.Clock.GetUtcNow().AddDays(3).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), cookies[AppealVisibility.SnoozeCookie]);
    }

    [Fact]
    public async Task The_page_about_what_the_browser_keeps_is_the_same_for_everyone_and_sets_nothing()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:Editions:ru:Prefix"] = "/ru";
        using var reader = own.CreateBrowserClient();

        using var response = await reader.GetAsync(new Uri("/privacy/this-browser", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var page = await Html.ParseAsync(response);
        Assert.Equal("What this browser keeps for us", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Count again", page.QuerySelector("button.counting-on")!.TextContent);
        Assert.Null(page.DocumentElement.GetAttribute("data-consent"));
        var ru = await Html.GetPageAsync(reader, "/ru/privacy/this-browser");
        Assert.Equal("Что этот браузер хранит для нас", ru.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Where_the_newsroom_asks_first_every_page_says_so_and_the_appeal_carries_the_question()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:CountOnlyWithConsent"] = "true";
        await SeedAsync(own, NewAppeal("Ask", 10));
        var article = await AppealTests.PublishAsync(own, sensitive: false);
        using var reader = own.CreateBrowserClient();

        var page = await own.GetPageAsync(reader, article);
        var browserPage = await Html.GetPageAsync(reader, "/privacy/this-browser");

        Assert.Equal("ask", page.DocumentElement.GetAttribute("data-consent"));
        Assert.True(page.QuerySelector("#appeal .appeal-consent")!.HasAttribute("hidden"));
        Assert.Equal(("ask", "Allow counting in this browser"), (browserPage.DocumentElement.GetAttribute("data-consent"), browserPage.QuerySelector("button.counting-on")!.TextContent));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AppealEngineTestsOnSqlite(SqliteFactory factory) : AppealEngineTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class AppealEngineTestsOnPostgres(PostgresFactory factory) : AppealEngineTests(factory);
