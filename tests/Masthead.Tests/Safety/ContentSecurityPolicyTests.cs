using System.Net;
using System.Text.RegularExpressions;
using Masthead.Contributions;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Safety;

/// <summary>
/// Which scripts may run where: shared public pages run only this origin's own files and carry no nonce (the same
/// bytes go to every reader); pages made for one person run only scripts carrying that response's fresh nonce.
/// And the cookies the site sets are as closed as their use allows.
/// </summary>
public abstract partial class ContentSecurityPolicyTests(MastheadFactory factory)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/feed.xml")]
    public async Task Shared_public_pages_allow_only_this_origin_s_scripts_and_carry_no_nonce(string url)
    {
        using var reader = factory.CreateBrowserClient();
        for (var visit = 0; visit < 2; visit++)
        {
            // The second visit is answered from the page cache, before routing: the same policy must come with it.
            using var response = await reader.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var policy = Policy(response);
            Assert.Contains("script-src 'self'", policy);
            Assert.DoesNotContain("nonce", policy);
            Assert.DoesNotContain("nonce=", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task An_article_page_runs_the_reader_script_without_a_nonce()
    {
        using var editor = await factory.SignedInAdminAsync();
        var author = await EditorDesk.AddAuthorAsync(factory);
        var id = await EditorDesk.SubmitOkAsync(editor, null, new ArticleInput($"Policy {EditorDesk.Unique()}", [author]), "Publish");
        var slug = await factory.WithDbAsync(db => Task.FromResult(db.Articles.Single(a => a.Id == id).Slug));
        using var reader = factory.CreateBrowserClient();

        using var response = await reader.GetAsync(new Uri($"/articles/{slug}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("script-src 'self'", Policy(response));
        var page = await Html.ParseAsync(response);
        var script = Assert.Single(page.QuerySelectorAll("script[src]"));
        Assert.Equal("/reader.js", script.GetAttribute("src"));
        Assert.False(script.HasAttribute("nonce"));
    }

    [Fact]
    public async Task An_article_shows_only_its_own_media_images_which_the_policy_allows()
    {
        using var editor = await factory.SignedInAdminAsync();
        var author = await EditorDesk.AddAuthorAsync(factory);
        var name = await factory.WithDbAsync(async db =>
        {
            var stored = await Masthead.Articles.MediaImages.AddAsync(db, [.. TestImages.Png, .. Guid.NewGuid().ToByteArray()], CancellationToken.None);
            await db.SaveChangesAsync();
            return stored;
        });
        var body = $"![The harbour](/media/{name})\n\n![A tracker](https://example.org/pixel.png)";
        var id = await EditorDesk.SubmitOkAsync(editor, null, new ArticleInput($"Images {EditorDesk.Unique()}", [author], body), "Publish");
        var slug = await factory.WithDbAsync(db => Task.FromResult(db.Articles.Single(a => a.Id == id).Slug));
        using var reader = factory.CreateBrowserClient();

        using var response = await reader.GetAsync(new Uri($"/articles/{slug}", UriKind.Relative));

        Assert.Contains("img-src 'self' data:;", Policy(response));
        var page = await Html.ParseAsync(response);
        var image = Assert.Single(page.QuerySelectorAll(".story-body img"));
        Assert.Equal($"/media/{name}", image.GetAttribute("src"));
        Assert.Contains("A tracker", page.QuerySelector(".story-body")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("example.org/pixel", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var served = await reader.GetAsync(new Uri(image.GetAttribute("src")!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Theory]
    [InlineData("/support", 1)]
    [InlineData("/support/restore", 1)]
    [InlineData("/articles/no-such-article", 1)]
    [InlineData("/admin/signin", 0)]
    public async Task Personal_pages_run_only_scripts_with_a_fresh_nonce_of_their_own(string url, int scripts)
    {
        using var reader = factory.CreateBrowserClient();
        var nonces = new List<string>();
        for (var visit = 0; visit < 2; visit++)
        {
            using var response = await reader.GetAsync(new Uri(url, UriKind.Relative));
            var nonce = NonceOf(Policy(response));
            var page = await Html.ParseAsync(response);
            Assert.Equal(scripts, page.QuerySelectorAll("script[src]").Length);
            AssertEveryScriptCarries(page, nonce, url);
            nonces.Add(nonce);
        }

        Assert.NotEqual(nonces[0], nonces[1]);
    }

    [Fact]
    public async Task The_appeal_editor_s_script_carries_the_nonce_of_its_response()
    {
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);

        using var response = await editor.GetAsync(new Uri("/admin/appeals/new", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains(page.QuerySelectorAll("script[src]"), s => s.GetAttribute("src") == "/admin.js");
        AssertEveryScriptCarries(page, NonceOf(Policy(response)), "/admin/appeals/new");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/support")]
    [InlineData("/admin/signin")]
    public async Task No_policy_allows_inline_code_eval_or_another_host(string url)
    {
        using var reader = factory.CreateBrowserClient();
        using var response = await reader.GetAsync(new Uri(url, UriKind.Relative));
        var policy = Policy(response);
        Assert.DoesNotContain("unsafe-", policy);
        Assert.DoesNotContain("http", policy);
        Assert.DoesNotContain("*", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.Contains("base-uri 'none'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory]
    [InlineData("/", null)]
    [InlineData("/support", null)]
    [InlineData("/support/restore", null)]
    [InlineData("/admin/signin", null)]
    [InlineData("/admin", StaffRole.Admin)]
    [InlineData("/admin/articles/new", StaffRole.Admin)]
    [InlineData("/admin/appeals/new", StaffRole.Admin)]
    [InlineData("/admin/supporters", StaffRole.Admin)]
    [InlineData("/admin/staff", StaffRole.Admin)]
    public async Task Pages_carry_no_inline_style_script_or_event_handler_the_policy_would_refuse(string url, StaffRole? role)
    {
        using var client = role is { } signedIn ? await EditorDesk.SignedInAsAsync(factory, signedIn) : factory.CreateBrowserClient();

        var page = await factory.GetPageAsync(client, url);

        var refused = page.All
            .Where(e => e.HasAttribute("style")
                || e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal))
                || (e.LocalName is "style")
                || (e.LocalName is "script" && !e.HasAttribute("src") && e.GetAttribute("type") != "application/ld+json"))
            .Select(e => e.OuterHtml[..Math.Min(120, e.OuterHtml.Length)]);
        Assert.Empty(refused);
    }

    [Fact]
    public async Task Every_cookie_is_same_site_secure_over_https_and_hidden_from_scripts_unless_the_reader_script_needs_it()
    {
        // Gives, snoozes, opens the manage page by a link and signs in: every cookie the site sets on the way.
        using var reader = factory.CreateBrowserClient(out var readerCookies);
        var email = $"cookies-{EditorDesk.Unique()}@example.org";
        await SupportDesk.GiveAsync(factory, reader, email);
        using (var snooze = await reader.PostAsync(new Uri("/appeal/snooze", UriKind.Relative), new FormUrlEncodedContent([new("return", "/")])))
        {
            Assert.Equal(HttpStatusCode.Redirect, snooze.StatusCode);
        }

        var link = await factory.WithDbAsync(db => new MagicLinks(db, factory.Clock)
            .IssueAsync(SupportDesk.HashOf(factory, email), MagicLinks.RequestedLifetime, CancellationToken.None));
        using (var opened = await factory.PostFormAsync(reader, link, []))
        {
            Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        }

        // The admin signs in in two steps (password, then a code): both steps' cookies.
        using (await factory.SignedInAdminAsync())
        {
            // Sets up the admin's two-factor sign-in if no earlier test has.
        }

        using var staff = factory.CreateBrowserClient(out var staffCookies);
        using (await TwoFactorSteps.PasswordAsync(factory, staff, factory.AdminEmail, factory.AdminPassword))
        {
        }

        var pending = staffCookies.All.Where(c => c.Name == StaffSignIn.PendingCookie).ToList();
        using (await TwoFactorSteps.AnswerAsync(factory, staff, await TwoFactorSteps.FreshCodeAsync(factory, factory.AdminEmail)))
        {
        }

        var cookies = readerCookies.All.Concat(staffCookies.All).Concat(pending).ToList();
        string[] readByTheReaderScript = [SupporterPass.CookieName, Masthead.Appeals.AppealVisibility.SnoozeCookie];
        Assert.Superset(
            new HashSet<string>([.. readByTheReaderScript, ManageSession.CookieName, "masthead_csrf", "masthead_staff", StaffSignIn.PendingCookie]),
            cookies.Select(c => c.Name).ToHashSet());
        Assert.All(cookies, cookie =>
        {
            Assert.True(cookie.Secure, $"{cookie.Name} is not marked Secure over HTTPS");
            Assert.True(cookie.SameSite is "strict" or "lax", $"{cookie.Name} has SameSite={cookie.SameSite}");
            Assert.True(cookie.HttpOnly != readByTheReaderScript.Contains(cookie.Name), $"{cookie.Name} HttpOnly={cookie.HttpOnly}");
        });
    }

    private static string Policy(HttpResponseMessage response) => response.Headers.GetValues("Content-Security-Policy").Single();

    private static string NonceOf(string policy)
    {
        var match = NoncePattern().Match(policy);
        Assert.True(match.Success, $"No nonce in: {policy}");
        Assert.DoesNotContain("script-src 'self'", policy);
        return match.Groups[1].Value;
    }

    private static void AssertEveryScriptCarries(AngleSharp.Html.Dom.IHtmlDocument page, string nonce, string url)
    {
        var scripts = page.QuerySelectorAll("script").Where(s => s.GetAttribute("type") != "application/ld+json").ToList();
        Assert.All(scripts, s => Assert.True(s.GetAttribute("nonce") == nonce, $"{url}: <script src={s.GetAttribute("src")}> has nonce {s.GetAttribute("nonce")}, not {nonce}"));
    }

    [GeneratedRegex("'nonce-([A-Za-z0-9+/=]{22,})'")]
    private static partial Regex NoncePattern();
}

[Collection(SqliteCollection.Name)]
public sealed class ContentSecurityPolicyTestsOnSqlite(SqliteFactory factory) : ContentSecurityPolicyTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ContentSecurityPolicyTestsOnPostgres(PostgresFactory factory) : ContentSecurityPolicyTests(factory);
