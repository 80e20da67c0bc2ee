using System.Net;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Appeals;

/// <summary>
/// "Email me one reminder": next month, in three months, the first of a month from the list, or a day of the reader's
/// own, each stored as 09:00 in the newsroom's time zone; and every choice the form does not offer shown back with
/// the reason and the address kept, never a 500.
/// </summary>
public abstract class ReminderFormTests(MastheadFactory factory)
{
    /// <summary>A Thursday in winter, Berlin time (UTC+1); the summer time starts on 28 March 2027.</summary>
    private static readonly DateTimeOffset Thursday = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private MastheadFactory InBerlin()
    {
        var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:TimeZone"] = "Europe/Berlin";
        own.Clock.SetUtcNow(Thursday);
        return own;
    }

    private static Task<HttpResponseMessage> RemindAsync(MastheadFactory own, HttpClient reader, string email, string when, string month = "", string day = "") =>
        own.PostFormAsync(reader, "/appeal/remind", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.When"] = when, ["Input.Month"] = month, ["Input.Day"] = day,
        });

    [Fact]
    public async Task Each_choice_stores_its_day_at_nine_in_the_newsroom_s_time_zone()
    {
        await using var own = InBerlin();
        using var reader = own.CreateBrowserClient();
        var cases = new (string When, string Month, string Day, DateTimeOffset Due, string Shown)[]
        {
            ("next-month", "", "", new(2027, 1, 1, 8, 0, 0, TimeSpan.Zero), "1 Jan 2027"),
            ("three-months", "", "", new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero), "1 Mar 2027"),
            // Summer time by then: 09:00 in Berlin is 07:00 UTC.
            ("month", "2027-06", "", new(2027, 6, 1, 7, 0, 0, TimeSpan.Zero), "1 Jun 2027"),
            ("day", "", "2027-03-28", new(2027, 3, 28, 7, 0, 0, TimeSpan.Zero), "28 Mar 2027"),
            ("day", "", "2026-12-04", new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero), "4 Dec 2026"),
            ("day", "", "2027-12-03", new(2027, 12, 3, 8, 0, 0, TimeSpan.Zero), "3 Dec 2027"),
            // The radio decides: a month left in the list, or a day left in its field, is not read for "next month".
            ("next-month", "2027-06", "2027-03-28", new(2027, 1, 1, 8, 0, 0, TimeSpan.Zero), "1 Jan 2027"),
        };

        foreach (var (when, month, day, due, shown) in cases)
        {
            var email = $"later.{when}.{Guid.NewGuid():N}@example.org";
            using var response = await RemindAsync(own, reader, email, when, month, day);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var status = (await Html.ParseAsync(response)).QuerySelector("[role=status]")!.TextContent;
            Assert.Contains(email, status, StringComparison.Ordinal);
            Assert.Contains(shown, status, StringComparison.Ordinal);
            var stored = await own.WithDbAsync(db => db.Reminders.OrderByDescending(r => r.Id).Select(r => r.DueAt).FirstAsync());
            Assert.Equal(due, stored);
        }

        Assert.Equal(cases.Length, await own.WithDbAsync(db => db.Reminders.CountAsync()));
    }

    [Fact]
    public async Task The_form_offers_the_twelve_months_after_this_one_by_name_and_days_from_tomorrow_to_a_year_ahead()
    {
        await using var own = InBerlin();
        using var reader = own.CreateBrowserClient();

        var page = await own.GetPageAsync(reader, "/appeal/remind");

        var options = page.QuerySelectorAll("select[name='Input.Month'] option").Select(o => (o.GetAttribute("value"), o.TextContent.Trim())).ToList();
        Assert.Equal(12, options.Count);
        Assert.Equal(("2027-01", "January 2027"), options[0]);
        Assert.Equal(("2027-12", "December 2027"), options[^1]);
        var day = page.QuerySelector("input[name='Input.Day']")!;
        Assert.Equal("date", day.GetAttribute("type"));
        Assert.Equal("2026-12-04", day.GetAttribute("min"));
        Assert.Equal("2027-12-03", day.GetAttribute("max"));
        Assert.Equal(["next-month", "three-months", "month", "day"], page.QuerySelectorAll("input[name='Input.When']").Select(r => r.GetAttribute("value")));
        Assert.Equal("next-month", page.QuerySelector("input[name='Input.When'][checked]")!.GetAttribute("value"));
        var ids = page.QuerySelectorAll("[id]").Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task The_months_are_named_in_the_edition_s_language()
    {
        await using var own = InBerlin();
        own.Settings["Masthead:Newsroom:Editions:ru:Prefix"] = "/ru";
        own.Settings["Masthead:Newsroom:Editions:ar:Prefix"] = "/ar";
        using var reader = own.CreateBrowserClient();

        var russian = await own.GetPageAsync(reader, "/ru/appeal/remind");
        Assert.StartsWith("Январь 2027", russian.QuerySelector("select[name='Input.Month'] option")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("1-го числа месяца", russian.QuerySelector("fieldset")!.TextContent, StringComparison.Ordinal);

        var arabic = await own.GetPageAsync(reader, "/ar/appeal/remind");
        Assert.Contains("يناير", arabic.QuerySelector("select[name='Input.Month'] option")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2027-01", arabic.QuerySelector("select[name='Input.Month'] option")!.GetAttribute("value"));
        Assert.Equal("2026-12-04", arabic.QuerySelector("input[name='Input.Day']")!.GetAttribute("min"));
    }

    /// <summary>What the form does not offer on <see cref="Thursday"/> in Berlin: when, month, day, and the reason shown.</summary>
    private static readonly (string When, string Month, string Day, string Message)[] BadChoices =
    [
        ("day", "", "2026-12-02", "Choose a day from 4 Dec 2026 to 3 Dec 2027."),
        ("day", "", "2026-12-03", "Choose a day from 4 Dec 2026 to 3 Dec 2027."),
        ("day", "", "2027-12-04", "Choose a day from 4 Dec 2026 to 3 Dec 2027."),
        ("day", "", "9999-12-31", "Choose a day from 4 Dec 2026 to 3 Dec 2027."),
        ("day", "", "0001-01-01", "Choose a day from 4 Dec 2026 to 3 Dec 2027."),
        ("day", "", "", "Enter the day as year-month-day, such as 2026-12-04."),
        ("day", "", "2027-02-30", "Enter the day as year-month-day, such as 2026-12-04."),
        ("day", "", "14/03/2027", "Enter the day as year-month-day, such as 2026-12-04."),
        ("day", "", "tomorrow", "Enter the day as year-month-day, such as 2026-12-04."),
        ("day", "", "2027-03-14T00:00:00", "Enter the day as year-month-day, such as 2026-12-04."),
        ("day", "", " 2027-03-14", "Enter the day as year-month-day, such as 2026-12-04."),
        ("day", "", "\u202e<script>alert(1)</script>", "Enter the day as year-month-day, such as 2026-12-04."),
        ("day", "", new string('9', 5000), "Enter the day as year-month-day, such as 2026-12-04."),
        ("month", "2026-12", "", "Choose one of the months in the list."),
        ("month", "2028-01", "", "Choose one of the months in the list."),
        ("month", "2027-13", "", "Choose one of the months in the list."),
        ("month", "2027-03-01", "", "Choose one of the months in the list."),
        ("month", "", "", "Choose one of the months in the list."),
        ("month", "March 2027", "", "Choose one of the months in the list."),
        ("fortnight", "", "", "Choose when we should remind you."),
        ("", "", "", "Choose when we should remind you."),
        ("day-after", "", "2027-01-05", "Choose when we should remind you."),
    ];

    [Fact]
    public async Task A_choice_the_form_does_not_offer_shows_the_form_again_with_the_reason_and_the_address()
    {
        await using var own = InBerlin();
        using var reader = own.CreateBrowserClient(out var cookies);

        foreach (var (when, month, day, message) in BadChoices)
        {
            var email = $"kept.{Guid.NewGuid():N}@example.org";
            using var response = await RemindAsync(own, reader, email, when, month, day);

            // Refused as every reader's form refuses what it cannot take: the page again, with 400.
            var said = $"when={when} month={month} day={day[..Math.Min(day.Length, 20)]}";
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{said}: {(int)response.StatusCode}");
            var page = await Html.ParseAsync(response);
            Assert.True(page.QuerySelector("[role=alert]")?.TextContent.Contains(message, StringComparison.Ordinal) == true, $"{said}: {page.QuerySelector("[role=alert]")?.TextContent}");
            Assert.Equal(email, page.QuerySelector("input[name='Input.Email']")!.GetAttribute("value"));
            Assert.NotNull(page.QuerySelector("select[name='Input.Month']"));
            Assert.Null(page.QuerySelector("[role=status]"));
        }

        Assert.Equal(0, await own.WithDbAsync(db => db.Reminders.CountAsync()));
        Assert.Null(cookies["mh_snooze"]);
    }

    [Fact]
    public async Task The_reasons_are_in_the_edition_s_language()
    {
        await using var own = InBerlin();
        own.Settings["Masthead:Newsroom:Editions:ru:Prefix"] = "/ru";
        using var reader = own.CreateBrowserClient();

        using var response = await own.PostFormAsync(reader, "/ru/appeal/remind", new Dictionary<string, string>
        {
            ["Input.Email"] = "chitatel@example.org", ["Input.When"] = "day", ["Input.Day"] = "2030-01-01",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var alert = (await Html.ParseAsync(response)).QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains("Выберите день с 4 дек. 2026", alert, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_day_typed_just_before_midnight_is_read_on_the_newsroom_s_day()
    {
        // 23:30 UTC is already the next day in Berlin: the reader there cannot ask for what is now today.
        await using var own = InBerlin();
        own.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero));
        using var reader = own.CreateBrowserClient();

        using (var today = await RemindAsync(own, reader, "late@example.org", "day", day: "2027-01-01"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, today.StatusCode);
        }

        using var tomorrow = await RemindAsync(own, reader, "late@example.org", "day", day: "2027-01-02");
        Assert.Equal(HttpStatusCode.OK, tomorrow.StatusCode);
        Assert.Equal(new DateTimeOffset(2027, 1, 2, 8, 0, 0, TimeSpan.Zero), await own.WithDbAsync(db => db.Reminders.Select(r => r.DueAt).SingleAsync()));
        Assert.Equal("2027-01-02", (await own.GetPageAsync(reader, "/appeal/remind")).QuerySelector("input[name='Input.Day']")!.GetAttribute("min"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReminderFormTestsOnSqlite(SqliteFactory factory) : ReminderFormTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ReminderFormTestsOnPostgres(PostgresFactory factory) : ReminderFormTests(factory);
