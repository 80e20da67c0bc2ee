using System.Net;
using AngleSharp.Html.Dom;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Editions;

/// <summary>
/// A newsroom with an English edition at the root, a Russian one under /ru and an Arabic one under /ar: each edition's
/// pages in its language and direction, its own lists and feeds, its own appeal, and translations linked both ways.
/// </summary>
public abstract class EditionTests(MastheadFactory factory)
{
    /// <summary>A newsroom of its own with three editions (the shared one has only its default edition).</summary>
    private MastheadFactory ThreeEditions()
    {
        var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:Editions:ru:Prefix"] = "/ru";
        own.Settings["Masthead:Newsroom:Editions:ru:NewsroomName"] = "Меридиан";
        own.Settings["Masthead:Newsroom:Editions:ru:Currency"] = "EUR";
        own.Settings["Masthead:Newsroom:Editions:ar:Prefix"] = "/ar";
        own.Settings["Masthead:Newsroom:Editions:ar:NewsroomName"] = "ميريديان";
        return own;
    }

    private static async Task<(int Id, string Slug)> PublishAsync(MastheadFactory own, HttpClient editor, int author, string headline, string edition, string? translationOf = null)
    {
        var extra = new List<KeyValuePair<string, string>> { new("Form.Edition", edition) };
        if (translationOf is not null)
        {
            extra.Add(new("Form.TranslationOf", translationOf));
        }

        var id = await EditorDesk.SubmitOkAsync(editor, null, new ArticleInput(headline, [author], Slug: $"{edition}-{EditorDesk.Unique()}"), "Publish", extra: extra);
        return (id, await own.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Slug).SingleAsync()));
    }

    [Fact]
    public async Task Each_edition_prints_its_own_articles_in_its_language_and_direction()
    {
        await using var own = ThreeEditions();
        var author = await EditorDesk.AddAuthorAsync(own);
        using var editor = await own.SignedInAdminAsync();
        await PublishAsync(own, editor, author, "Council votes on the budget", "en");
        await PublishAsync(own, editor, author, "Совет голосует по бюджету", "ru");
        await PublishAsync(own, editor, author, "المجلس يصوّت على الميزانية", "ar");
        using var client = own.CreateClient();

        var english = await own.GetPageAsync(client, "/");
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Equal("ltr", english.DocumentElement.GetAttribute("dir"));
        Assert.Contains("Council votes on the budget", english.QuerySelector(".article-list")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Совет", english.QuerySelector(".article-list")!.TextContent, StringComparison.Ordinal);

        var russian = await own.GetPageAsync(client, "/ru/");
        Assert.Equal("ru", russian.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Последние новости", russian.QuerySelector("main h1")!.TextContent);
        Assert.Equal("Меридиан", russian.QuerySelector(".masthead-name")!.TextContent);
        Assert.Equal("/ru/", russian.QuerySelector(".masthead-name")!.GetAttribute("href"));
        Assert.Contains("Совет голосует по бюджету", russian.QuerySelector(".article-list")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Council", russian.QuerySelector(".article-list")!.TextContent, StringComparison.Ordinal);
        Assert.All(russian.QuerySelectorAll(".article-list a"), link => Assert.StartsWith("/ru/articles/", link.GetAttribute("href"), StringComparison.Ordinal));

        using var arabicResponse = await client.GetAsync(new Uri("/ar/", UriKind.Relative));
        var arabicText = await arabicResponse.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", arabicText, StringComparison.Ordinal);
        Assert.Contains("المجلس يصوّت على الميزانية", arabicText, StringComparison.Ordinal);
        Assert.Contains("آخر الأخبار", arabicText, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x6", arabicText, StringComparison.Ordinal);

        using var noRedirects = own.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var bare = await noRedirects.GetAsync(new Uri("/ru", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, bare.StatusCode);
        Assert.Equal("/ru/", bare.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_article_lives_at_its_own_editions_address_and_its_translations_link_both_ways_with_hreflang()
    {
        await using var own = ThreeEditions();
        var author = await EditorDesk.AddAuthorAsync(own);
        using var editor = await own.SignedInAdminAsync();
        var (_, original) = await PublishAsync(own, editor, author, "What sanctions mean for exiles", "en");
        var (_, translation) = await PublishAsync(own, editor, author, "Что санкции значат для эмигрантов", "ru", translationOf: original);
        using var client = own.CreateClient();
        using var noRedirects = own.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var elsewhere = await noRedirects.GetAsync(new Uri($"/articles/{translation}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, elsewhere.StatusCode);
        Assert.EndsWith($"/ru/articles/{translation}", elsewhere.Headers.Location!.ToString(), StringComparison.Ordinal);

        var english = await own.GetPageAsync(client, $"/articles/{original}");
        var toRussian = english.QuerySelector(".translations a")!;
        Assert.Equal("Читать по-русски", toRussian.TextContent);
        Assert.Equal("ru", toRussian.GetAttribute("hreflang"));
        Assert.EndsWith($"/ru/articles/{translation}", toRussian.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal(
            [("en", $"/articles/{original}"), ("ru", $"/ru/articles/{translation}")],
            english.QuerySelectorAll("link[rel=alternate][hreflang]").Select(l => (l.GetAttribute("hreflang")!, new Uri(l.GetAttribute("href")!).AbsolutePath)).ToArray());

        var russian = await own.GetPageAsync(client, $"/ru/articles/{translation}");
        Assert.Equal("Read in English", russian.QuerySelector(".translations a")!.TextContent);
        Assert.Equal("en", russian.QuerySelector(".translations a")!.GetAttribute("lang"));
        Assert.Contains(russian.QuerySelectorAll("link[rel=alternate][hreflang]"), l => l.GetAttribute("hreflang") == "en");
    }

    [Fact]
    public async Task A_translation_must_name_an_article_of_another_edition_and_the_form_says_why_not()
    {
        await using var own = ThreeEditions();
        var author = await EditorDesk.AddAuthorAsync(own);
        using var editor = await own.SignedInAdminAsync();
        var (_, english) = await PublishAsync(own, editor, author, "An English original", "en");

        async Task<string> RefusalAsync(string edition, string translationOf)
        {
            using var response = await EditorDesk.SubmitAsync(editor, null, new ArticleInput("A translation", [author]), "Publish",
                extra: [new("Form.Edition", edition), new("Form.TranslationOf", translationOf)]);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var page = await Html.ParseAsync(response);
            Assert.Equal("A translation", EditorDesk.FieldValue(page, "Form.Headline"));
            return page.QuerySelector(".form-errors")!.TextContent;
        }

        Assert.Contains("No article has the address \"no-such-story\"", await RefusalAsync("ru", "no-such-story"), StringComparison.Ordinal);
        Assert.Contains("links to an article in another edition", await RefusalAsync("en", english), StringComparison.Ordinal);
        Assert.Contains("Choose one of the site's editions", await RefusalAsync("xx", english), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_edition_has_its_own_appeal_whose_fixed_words_and_money_are_in_its_language()
    {
        await using var own = ThreeEditions();
        var author = await EditorDesk.AddAuthorAsync(own);
        using var editor = await own.SignedInAdminAsync();
        var (_, slug) = await PublishAsync(own, editor, author, "Новости регионов", "ru");
        await own.WithDbAsync(async db =>
        {
            db.Appeals.Add(new Masthead.Appeals.Appeal
            {
                Name = "Русское обращение", Edition = "ru", BodyMarkdown = "Нас читают.", BodyHtml = "<p>Нас читают.</p>", IsActive = true,
                ContinueLabel = "Поддержать", NotTodayLine = "Не сегодня?", SnoozeLabel = "Напомнить позже", UpdatedAt = own.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        });
        using var client = own.CreateClient();

        var page = await own.GetPageAsync(client, $"/ru/articles/{slug}");
        var appeal = page.QuerySelector(".appeal")!;
        Assert.Equal("Обращение редакции «Меридиан»", appeal.QuerySelector("h2")!.TextContent);
        Assert.Equal("Поддержите нас ежемесячно — от 2 €. Это займёт минуту.", appeal.QuerySelector(".appeal-ask")!.TextContent.Replace('\u00A0', ' '));
        Assert.Equal("/ru/support", appeal.QuerySelector(".appeal-continue")!.GetAttribute("href"));
        Assert.Equal("/ru/appeal/snooze", appeal.QuerySelector("form")!.GetAttribute("action"));
        Assert.Equal(["one", "few", "many", "other"], ((IHtmlTemplateElement)appeal.QuerySelector("template.appeal-count-forms")!).Content.QuerySelectorAll("span").Select(s => s.GetAttribute("data-category")!).ToArray());

        // The English edition has no active appeal here: its articles show none.
        var (_, english) = await PublishAsync(own, editor, author, "Regional news", "en");
        Assert.Null((await own.GetPageAsync(client, $"/articles/{english}")).QuerySelector(".appeal"));
    }

    [Fact]
    public async Task Feeds_and_the_sitemap_are_per_edition()
    {
        await using var own = ThreeEditions();
        var author = await EditorDesk.AddAuthorAsync(own);
        using var editor = await own.SignedInAdminAsync();
        var (_, english) = await PublishAsync(own, editor, author, "An English report", "en");
        var (_, russian) = await PublishAsync(own, editor, author, "Русский репортаж", "ru");
        using var client = own.CreateClient();

        var feed = await client.GetStringAsync(new Uri("/ru/feed.xml", UriKind.Relative));
        Assert.Contains("<language>ru</language>", feed, StringComparison.Ordinal);
        Assert.Contains("Русский репортаж", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("An English report", feed, StringComparison.Ordinal);

        var sitemap = await client.GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative));
        Assert.Contains($"/articles/{english}<", sitemap, StringComparison.Ordinal);
        Assert.DoesNotContain(russian, sitemap, StringComparison.Ordinal);
        Assert.Contains($"/ru/articles/{russian}<", await client.GetStringAsync(new Uri("/ru/sitemap.xml", UriKind.Relative)), StringComparison.Ordinal);

        var api = await client.GetStringAsync(new Uri("/ru/api/articles", UriKind.Relative));
        Assert.Contains(russian, api, StringComparison.Ordinal);
        Assert.DoesNotContain(english, api, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Masthead:Newsroom:Editions:qq-zz-nowhere:Prefix", "/qq", "\"qq-zz-nowhere\" is not a language this machine knows")]
    [InlineData("Masthead:Newsroom:Editions:ru:Prefix", "/admin", "is one of the site's own addresses")]
    [InlineData("Masthead:Newsroom:Editions:ru:Prefix", "/Рус", "must be one path segment of lower-case letters")]
    [InlineData("Masthead:Newsroom:Editions:en:Prefix", "/en", "must be empty: en is Masthead:Newsroom:Language")]
    [InlineData("Masthead:Newsroom:Editions:ru:BaseUrl", "ru.news.example", "must be the site's address alone")]
    [InlineData("Masthead:Newsroom:Editions:ru:Currency", "RUB", "Masthead:Newsroom:Editions:ru:Currency \"RUB\" is not one of the currencies the site takes (USD, EUR)")]
    public async Task An_edition_that_cannot_be_served_is_refused_at_start_in_one_sentence(string setting, string value, string says)
    {
        await using var own = factory.Fresh();
        own.Settings[setting] = value;

        Assert.Contains(says, StartChecks.Refusal(own), StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class EditionTestsOnSqlite(SqliteFactory factory) : EditionTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class EditionTestsOnPostgres(PostgresFactory factory) : EditionTests(factory);
