using System.Net;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Newsletters;

/// <summary>What the sign-up form cannot take: the form again with 400, the reason, the address and the ticks kept; nothing stored.</summary>
public abstract class SubscribeFormTests(MastheadFactory factory)
{
    [Fact]
    public async Task Hostile_input_shows_the_form_again_with_the_reason_and_what_was_typed()
    {
        await using var own = factory.Fresh();
        var (first, second) = await NewsletterDesk.ListsAsync(own);
        using var reader = own.CreateBrowserClient();
        string[] good = [first.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var cases = new (string Email, string[] Lists, string Message)[]
        {
            ("", good, "Enter the email address the newsletters should go to."),
            ("not-an-address", good, "That does not look like an email address."),
            ("two@@example.org", good, "That does not look like an email address."),
            ("<script>@example.org", good, "That does not look like an email address."),
            (new string('a', 300) + "@example.org", good, "That is longer than any email address."),
            ("reader@example.org", [], "Tick at least one newsletter."),
            ("reader@example.org", ["999999"], "is not offered here any more"),
            ("reader@example.org", ["abc"], "is not offered here any more"),
            ("reader@example.org", ["-1"], "is not offered here any more"),
            ("reader@example.org", [new string('9', 5000)], "is not offered here any more"),
            ("reader@example.org", [good[0], "\u202e"], "is not offered here any more"),
        };

        foreach (var (email, lists, message) in cases)
        {
            using var response = await NewsletterDesk.SubscribeAsync(own, reader, email, lists);

            var said = $"email={email[..Math.Min(email.Length, 30)]} lists={string.Join(',', lists.Select(l => l[..Math.Min(l.Length, 10)]))}";
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{said}: {(int)response.StatusCode}");
            var page = await Html.ParseAsync(response);
            Assert.True(page.QuerySelector("[role=alert]")?.TextContent.Contains(message, StringComparison.Ordinal) == true, $"{said}: {page.QuerySelector("[role=alert]")?.TextContent}");
            Assert.Equal(email, page.QuerySelector("input[name='Input.Email']")!.GetAttribute("value"));
            Assert.Equal(lists.Contains(good[0]), page.QuerySelector($"input[name='Input.Lists'][value='{first}']")!.HasAttribute("checked"));
            Assert.False(page.QuerySelector($"input[name='Input.Lists'][value='{second}']")!.HasAttribute("checked"));
            Assert.Null(page.QuerySelector("[role=status]"));
        }

        Assert.Equal(0, await own.WithDbAsync(db => db.Subscribers.CountAsync()));
    }

    [Fact]
    public async Task The_reasons_are_in_the_edition_s_language()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:Editions:ru:Prefix"] = "/ru";
        await NewsletterDesk.ListsAsync(own, "ru");
        using var reader = own.CreateBrowserClient();

        using var response = await NewsletterDesk.SubscribeAsync(own, reader, "chitatel@example.org", [], "/ru/newsletter");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Отметьте хотя бы одну рассылку.", (await Html.ParseAsync(response)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_of_another_edition_or_switched_off_is_not_taken()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:Editions:ru:Prefix"] = "/ru";
        var (russian, _) = await NewsletterDesk.ListsAsync(own, "ru");
        var (english, _) = await NewsletterDesk.ListsAsync(own);
        await own.WithDbAsync(db => db.NewsletterLists.Where(l => l.Id == english).ExecuteUpdateAsync(l => l.SetProperty(x => x.IsActive, false)));
        using var reader = own.CreateBrowserClient();

        foreach (var list in new[] { russian, english })
        {
            using var response = await NewsletterDesk.SubscribeAsync(own, reader, "reader@example.org", list);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(0, await own.WithDbAsync(db => db.Subscribers.CountAsync()));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SubscribeFormTestsOnSqlite(SqliteFactory factory) : SubscribeFormTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class SubscribeFormTestsOnPostgres(PostgresFactory factory) : SubscribeFormTests(factory);
