using System.Net;
using AngleSharp.Html.Dom;
using Masthead.Contributions;
using Masthead.Tests.Articles;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Readers;

/// <summary>
/// The public forms and staff sign-in against bots, on the production settings (each test on a factory of its own
/// with <see cref="MastheadFactory.BotDefencesAsInProduction"/>): the honeypot, the time check, and the rate limits
/// per client address and per mailbox.
/// </summary>
public abstract class BotDefenceTests(MastheadFactory factory)
{
    /// <summary>How long a person takes over one of these forms; well over the 2-second minimum.</summary>
    private static readonly TimeSpan HumanPace = TimeSpan.FromSeconds(8);

    /// <summary>The default per-address limit of every guarded form (Masthead:RateLimits:*:Permits).</summary>
    private const int PerAddressPermits = 10;

    /// <summary>The default per-mailbox limit of the reminder and the supporter's link.</summary>
    private const int PerMailboxPermits = 3;

    private const string Supporter = "ada.reader@example.org";

    public static TheoryData<string> Forms => new() { "/support", "/appeal/remind", "/support/restore", "/newsletter", "/admin/signin" };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_person_who_takes_their_time_gets_through(string url)
    {
        await using var own = await OwnAsync();
        using var client = own.CreateBrowserClient(out var cookies);
        var before = await EffectsAsync(own);

        using var response = await PostAsync(own, client, url, Fields(own, url, Supporter), HumanPace);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect,
            $"{url} answered {(int)response.StatusCode}: {Html.Messages(await response.Content.ReadAsStringAsync())}");
        await AssertItWorkedAsync(own, url, before, cookies);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_filled_honeypot_is_dropped_with_nothing_stored_or_sent(string url)
    {
        await using var own = await OwnAsync();
        using var client = own.CreateBrowserClient(out var cookies);
        var before = await EffectsAsync(own);

        using var response = await PostAsync(own, client, url, Fields(own, url, Supporter), HumanPace, honeypot: "https://spam.example/");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(before, await EffectsAsync(own));
        Assert.DoesNotContain("masthead_staff", cookies.Names);
        if (url is "/appeal/remind" or "/support/restore" or "/newsletter")
        {
            // Answered as a success, so the bot is not taught to leave the field empty.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(url switch { "/appeal/remind" => "We will email", "/newsletter" => "Check your inbox", _ => "a link is on its way" }, body);
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("leave this empty", Html.Parse(body).QuerySelector(".form-errors")!.TextContent);
        }
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_form_sent_faster_than_a_person_can_fill_it_is_shown_again_with_a_message_and_the_input_kept(string url)
    {
        await using var own = await OwnAsync();
        using var client = own.CreateBrowserClient(out var cookies);
        var before = await EffectsAsync(own);

        using var response = await PostAsync(own, client, url, Fields(own, url, Supporter), TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("faster than a person", page.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal(EmailOf(own, url, Supporter), EditorDesk.FieldValue(page, EmailField(url)));
        Assert.Equal(before, await EffectsAsync(own));

        // The page carries a new stamp: sent again at a person's pace, it goes through.
        var again = Fields(own, url, Supporter);
        again[Html.AntiforgeryField] = EditorDesk.FieldValue(page, Html.AntiforgeryField)!;
        again[Html.ShownAtField] = Html.ShownAt(page)!;
        own.Clock.Advance(HumanPace);
        using var resent = await client.PostAsync(Html.ToUri(url), new FormUrlEncodedContent(again));
        Assert.True(resent.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, Html.Messages(await resent.Content.ReadAsStringAsync()));
        await AssertItWorkedAsync(own, url, before, cookies);
    }

    [Fact]
    public async Task A_form_left_open_for_more_than_a_day_or_sent_without_its_stamp_is_shown_again_with_the_input_kept()
    {
        await using var own = await OwnAsync();
        using var client = own.CreateBrowserClient();

        using (var stale = await PostAsync(own, client, "/support", Fields(own, "/support", Supporter), TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
            var page = await Html.ParseAsync(stale);
            Assert.Contains("open too long", page.QuerySelector(".form-errors")!.TextContent);
            Assert.Equal("7", EditorDesk.FieldValue(page, "Form.OtherAmount"));
        }

        using (var unstamped = await PostAsync(own, client, "/support", Fields(own, "/support", Supporter), HumanPace, stamp: "forged"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unstamped.StatusCode);
        }

        Assert.Equal(0, await EffectsAsync(own));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task One_address_sending_a_form_too_often_gets_429_with_Retry_After_and_the_input_kept(string url)
    {
        await using var own = await OwnAsync();
        using var client = own.CreateBrowserClient();
        for (var i = 0; i < PerAddressPermits; i++)
        {
            // Different addresses each time, so only the per-address limit can apply (and no account is locked).
            using var allowed = await PostAsync(own, client, url, Fields(own, url, $"reader{i}@example.org"), HumanPace);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }

        var before = await EffectsAsync(own);
        using var refused = await PostAsync(own, client, url, Fields(own, url, "one.more@example.org"), HumanPace);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
        var page = await Html.ParseAsync(refused);
        Assert.Contains("Too many forms", page.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal("one.more@example.org", EditorDesk.FieldValue(page, EmailField(url)));
        Assert.Equal(before, await EffectsAsync(own));
    }

    [Fact]
    public async Task A_client_cannot_escape_the_limit_by_claiming_other_addresses_in_X_Forwarded_For()
    {
        // No Masthead:Proxy:KnownProxies here, so the header is nobody's word and the connection's address counts.
        await using var own = await OwnAsync();
        using var client = own.CreateBrowserClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= PerAddressPermits; i++)
        {
            client.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            using var response = await PostAsync(own, client, "/appeal/remind", Fields(own, "/appeal/remind", $"reader{i}@example.org"), HumanPace);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Sign_in_is_limited_per_address_even_with_the_right_password_after_many_guesses_at_other_accounts()
    {
        await using var own = await OwnAsync();
        using var client = own.CreateBrowserClient(out var cookies);
        for (var i = 0; i < PerAddressPermits; i++)
        {
            using var guess = await PostAsync(own, client, "/admin/signin",
                new() { ["Input.Email"] = $"staff{i}@masthead.test", ["Input.Password"] = "guess" }, HumanPace);
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        }

        using var refused = await PostAsync(own, client, "/admin/signin", Fields(own, "/admin/signin", ""), HumanPace);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.DoesNotContain("masthead_staff", cookies.Names);
    }

    [Theory]
    [InlineData("/appeal/remind")]
    [InlineData("/support/restore")]
    [InlineData("/newsletter")]
    public async Task One_mailbox_cannot_be_flooded_from_many_addresses(string url)
    {
        await using var own = await OwnAsync();
        for (var i = 0; i < PerMailboxPermits; i++)
        {
            using var client = own.CreateBrowserClient();
            using var allowed = await PostAsync(own, client, url, Fields(own, url, Supporter), HumanPace);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        var before = await EffectsAsync(own);
        using var another = own.CreateBrowserClient();
        using var refused = await PostAsync(own, another, url, Fields(own, url, Supporter.ToUpperInvariant()), HumanPace);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
        var page = await Html.ParseAsync(refused);
        Assert.Contains("several requests for this address", page.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal(before, await EffectsAsync(own));

        // Another mailbox is not held up by it.
        using var other = await PostAsync(own, another, url, Fields(own, url, "someone.else@example.org"), HumanPace);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task The_honeypot_is_hidden_by_the_stylesheet_and_from_screen_readers_and_labelled_for_people()
    {
        await using var own = await OwnAsync();
        using var client = own.CreateBrowserClient();
        foreach (var url in new[] { "/support", "/appeal/remind", "/support/restore", "/newsletter", "/admin/signin" })
        {
            var page = await own.GetPageAsync(client, url);
            var field = (IHtmlInputElement)page.QuerySelector($"form input[name='{Html.HoneypotField}']")!;
            var box = field.Closest(".honeypot")!;
            Assert.Equal("true", box.GetAttribute("aria-hidden"));
            Assert.Null(box.GetAttribute("style"));
            Assert.Equal("-1", field.GetAttribute("tabindex"));
            Assert.Equal("off", field.GetAttribute("autocomplete"));
            Assert.Contains("Leave this empty", page.QuerySelector($"label[for='{field.Id}']")!.TextContent);
            Assert.NotNull(Html.ShownAt(page));
        }
    }

    /// <summary>A factory of this test's own, with the bot defences as in production and one supporter on file.</summary>
    private async Task<MastheadFactory> OwnAsync()
    {
        var own = factory.Fresh();
        own.BotDefencesAsInProduction = true;
        var hash = SupportDesk.HashOf(own, Supporter);
        await own.WithDbAsync(async db =>
        {
            db.Supporters.Add(new Supporter
            {
                Provider = "sandbox", CustomerRef = "cus_bot_test", EmailHash = hash, CreatedAt = own.Clock.GetUtcNow(),
            });
            db.NewsletterLists.Add(new Masthead.Newsletters.NewsletterList { Edition = own.Services.GetRequiredService<Masthead.Editions.SiteEditions>().Default.Code, Name = "Weekly" });
            await db.SaveChangesAsync();
        });
        return own;
    }

    /// <summary>A form went through: staff sign-in gave the staff cookie; any other form left something behind.</summary>
    private static async Task AssertItWorkedAsync(MastheadFactory own, string url, int before, TestCookieJar cookies)
    {
        if (url == "/admin/signin")
        {
            Assert.Contains("masthead_staff", cookies.Names);
        }
        else
        {
            Assert.True(await EffectsAsync(own) > before, $"A person's {url} form changed nothing.");
        }
    }

    /// <summary>Everything a public form can leave behind, once the mail it asked for is sent: checkouts, reminders, links, newsletter sign-ups, mail in the outbox.</summary>
    private static async Task<int> EffectsAsync(MastheadFactory own)
    {
        await own.SendMailAsync();
        var outbox = Path.Combine(own.DataDirectory, "outbox");
        var mail = Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml").Length : 0;
        return mail + own.WithDb(db => db.Checkouts.Count() + db.Reminders.Count() + db.MagicLinks.Count() + db.Subscribers.Count());
    }

    private static string EmailField(string url) => url == "/support" ? "Form.Email" : "Input.Email";

    /// <summary>The address a form is sent with: the admin's own for sign-in when none is given.</summary>
    private static string EmailOf(MastheadFactory own, string url, string email) =>
        url == "/admin/signin" && email is "" or Supporter ? own.AdminEmail : email;

    private static Dictionary<string, string> Fields(MastheadFactory own, string url, string email) => url switch
    {
        "/support" => new()
        {
            ["Form.Frequency"] = "Monthly", ["Form.Currency"] = "USD", ["Form.Amount"] = "other", ["Form.OtherAmount"] = "7",
            ["Form.Email"] = email, ["Form.Name"] = "Ada Reader", ["Form.Anonymous"] = "false",
        },
        "/appeal/remind" => new() { ["Input.Email"] = email, ["Input.When"] = "next-month" },
        "/support/restore" => new() { ["Input.Email"] = email },
        "/newsletter" => new() { ["Input.Email"] = email, ["Input.Lists"] = own.WithDb(db => db.NewsletterLists.Select(l => l.Id).First()).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        "/admin/signin" => new() { ["Input.Email"] = EmailOf(own, url, email), ["Input.Password"] = email is "" or Supporter ? own.AdminPassword : "guess" },
        _ => throw new ArgumentOutOfRangeException(nameof(url), url, "Not a guarded form."),
    };

    /// <summary>
    /// Fetches the form at <paramref name="url"/>, waits <paramref name="pause"/> on the app's clock as the person
    /// (or bot) fills it in, and posts it back with its antiforgery token and stamp.
    /// </summary>
    private static async Task<HttpResponseMessage> PostAsync(
        MastheadFactory own, HttpClient client, string url, Dictionary<string, string> fields, TimeSpan pause,
        string? honeypot = null, string? stamp = null)
    {
        var page = await own.GetPageAsync(client, url);
        fields[Html.AntiforgeryField] = Html.AntiforgeryToken(page, url)!;
        fields[Html.ShownAtField] = stamp ?? Html.ShownAt(page)!;
        if (honeypot is not null)
        {
            fields[Html.HoneypotField] = honeypot;
        }

        own.Clock.Advance(pause);
        return await client.PostAsync(Html.ToUri(url), new FormUrlEncodedContent(fields));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BotDefenceTestsOnSqlite(SqliteFactory factory) : BotDefenceTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class BotDefenceTestsOnPostgres(PostgresFactory factory) : BotDefenceTests(factory);
