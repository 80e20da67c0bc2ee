using System.Net;
using Masthead.Newsletters;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Newsletters;

/// <summary>
/// Double opt-in through real SMTP: the sign-up answers alike for every address, the emailed link's page only shows a
/// button (mail scanners follow links), and the button starts the lists; the manage page changes them or leaves all.
/// </summary>
public abstract class SubscribeTests(MastheadFactory factory) : IDisposable
{
    private const string BaseUrl = "https://news.example";
    private readonly SmtpInbox _inbox = new();

    public void Dispose()
    {
        _inbox.Dispose();
        GC.SuppressFinalize(this);
    }

    private MastheadFactory Sending()
    {
        var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:BaseUrl"] = BaseUrl;
        foreach (var (key, value) in _inbox.Settings())
        {
            own.Settings[key] = value;
        }

        return own;
    }

    [Fact]
    public async Task Subscribing_sends_a_link_whose_page_confirms_only_when_its_button_is_pressed()
    {
        await using var own = Sending();
        var (first, second) = await NewsletterDesk.ListsAsync(own);
        using var reader = own.CreateBrowserClient();
        var email = SmtpInbox.UniqueAddress("subscriber");

        using (var asked = await NewsletterDesk.SubscribeAsync(own, reader, email, first, second))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            Assert.Contains(email, (await Html.ParseAsync(asked)).QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        }

        await own.SendMailAsync();
        var message = await _inbox.WaitForMessageToAsync(email);
        Assert.Contains("Confirm your newsletters", message.Subject, StringComparison.Ordinal);
        Assert.Contains("Every article", message.TextBody, StringComparison.Ordinal);
        var link = new Uri(NewsletterDesk.ConfirmLink(message.TextBody, BaseUrl)).AbsolutePath;
        var token = link[(link.LastIndexOf('/') + 1)..];

        // Opening the link, as a mail scanner would, shows the button and starts nothing.
        var page = await own.GetPageAsync(reader, link);
        Assert.NotNull(page.QuerySelector("form[method=post] button"));
        Assert.All((await NewsletterDesk.StatesAsync(own, token)).Values, state => Assert.Equal(SubscriptionState.Pending, state));

        using var pressed = await own.PostFormAsync(reader, link, []);
        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        Assert.Contains("You are subscribed", await pressed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(new Dictionary<int, SubscriptionState> { [first] = SubscriptionState.Confirmed, [second] = SubscriptionState.Confirmed },
            await NewsletterDesk.StatesAsync(own, token));
        Assert.Null(await own.WithDbAsync(db => db.Subscribers.Select(s => s.ConfirmationAskedAt).SingleAsync()));
    }

    [Fact]
    public async Task The_answer_is_the_same_for_a_new_address_and_one_already_subscribed_and_the_address_is_sealed()
    {
        await using var own = Sending();
        var (first, _) = await NewsletterDesk.ListsAsync(own);
        using var reader = own.CreateBrowserClient();
        var known = SmtpInbox.UniqueAddress("known");
        (await NewsletterDesk.SubscribeAsync(own, reader, known, first)).Dispose();
        var token = await NewsletterDesk.TokenOfAsync(own, known);
        (await own.PostFormAsync(reader, NewsletterPaths.Confirm(token), [])).Dispose();

        var answers = new List<string>();
        foreach (var address in new[] { known, SmtpInbox.UniqueAddress("stranger") })
        {
            using var asked = await NewsletterDesk.SubscribeAsync(own, reader, address, first);
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            answers.Add((await Html.ParseAsync(asked)).QuerySelector("main")!.TextContent.Replace(address, "ADDRESS", StringComparison.Ordinal));
        }

        Assert.Equal(answers[0], answers[1]);
        var stored = await own.WithDbAsync(db => db.Subscribers.Select(s => s.EmailProtected + s.TokenProtected).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.DoesNotContain(stored, s => s.Contains("@example.org", StringComparison.Ordinal) || s.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_manage_page_changes_the_lists_and_leaving_all_deletes_the_address()
    {
        await using var own = Sending();
        var (first, second) = await NewsletterDesk.ListsAsync(own);
        using var reader = own.CreateBrowserClient();
        var email = SmtpInbox.UniqueAddress("manager");
        (await NewsletterDesk.SubscribeAsync(own, reader, email, first)).Dispose();
        var token = await NewsletterDesk.TokenOfAsync(own, email);
        var manage = NewsletterPaths.Manage(token);

        using (var changed = await own.PostFormAsync(reader, manage, [new("Input.Lists", second.ToString(System.Globalization.CultureInfo.InvariantCulture))]))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            var page = await Html.ParseAsync(changed);
            Assert.NotNull(page.QuerySelector("[role=status]"));
            Assert.NotNull(page.QuerySelector($"input[name='Input.Lists'][value='{second}'][checked]"));
            Assert.Null(page.QuerySelector($"input[name='Input.Lists'][value='{first}'][checked]"));
        }

        Assert.Equal(new Dictionary<int, SubscriptionState> { [first] = SubscriptionState.Unsubscribed, [second] = SubscriptionState.Confirmed },
            await NewsletterDesk.StatesAsync(own, token));

        using (var none = await own.PostFormAsync(reader, manage, []))
        {
            Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
            Assert.Contains("Tick at least one newsletter", (await Html.ParseAsync(none)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        }

        using (var left = await own.PostFormAsync(reader, manage, [], postUrl: manage + "?handler=Leave"))
        {
            Assert.Equal(HttpStatusCode.OK, left.StatusCode);
            Assert.Contains("You are unsubscribed", await left.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.All((await NewsletterDesk.StatesAsync(own, token)).Values, state => Assert.Equal(SubscriptionState.Unsubscribed, state));
        var stored = await own.WithDbAsync(db => db.Subscribers.Select(s => new { s.EmailProtected, s.EmailHash }).SingleAsync());
        Assert.Equal(("", (string?)null), (stored.EmailProtected, stored.EmailHash));
        using var gone = await reader.GetAsync(new Uri(manage, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Each_edition_offers_its_own_lists_in_its_language_and_the_pages_link_to_the_form()
    {
        await using var own = Sending();
        own.Settings["Masthead:Newsroom:Editions:ru:Prefix"] = "/ru";
        own.Settings["Masthead:Newsroom:SeedDemo"] = "true";
        using var reader = own.CreateBrowserClient();

        var english = await own.GetPageAsync(reader, "/newsletter");
        Assert.Equal(["Every article", "Weekly"], english.QuerySelectorAll("fieldset label strong").Select(l => l.TextContent));
        var russian = await own.GetPageAsync(reader, "/ru/newsletter");
        Assert.Equal("Рассылки", russian.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Все материалы", "Еженедельная"], russian.QuerySelectorAll("fieldset label strong").Select(l => l.TextContent));

        var email = SmtpInbox.UniqueAddress("chitatel");
        var list = russian.QuerySelector("input[name='Input.Lists']")!.GetAttribute("value")!;
        (await NewsletterDesk.SubscribeAsync(own, reader, email, [list], "/ru/newsletter")).Dispose();
        await own.SendMailAsync();
        var message = await _inbox.WaitForMessageToAsync(email);
        Assert.Contains("Подтвердите", message.Subject, StringComparison.Ordinal);
        Assert.StartsWith(BaseUrl + "/ru/newsletter/confirm/", NewsletterDesk.ConfirmLink(message.TextBody, BaseUrl), StringComparison.Ordinal);

        // The footer on every page, the end of each article: the plain link, the same in every cached copy.
        var front = await own.GetPageAsync(reader, "/");
        Assert.NotNull(front.QuerySelector("footer a[href='/newsletter']"));
        var article = front.QuerySelector("a[href^='/articles/']")!.GetAttribute("href")!;
        Assert.NotNull((await own.GetPageAsync(reader, article)).QuerySelector("main .newsletter-line a[href='/newsletter']"));
        Assert.NotNull((await own.GetPageAsync(reader, "/ru/")).QuerySelector("footer a[href='/ru/newsletter']"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SubscribeTestsOnSqlite(SqliteFactory factory) : SubscribeTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class SubscribeTestsOnPostgres(PostgresFactory factory) : SubscribeTests(factory);
