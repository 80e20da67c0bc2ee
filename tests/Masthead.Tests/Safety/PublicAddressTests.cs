using System.Net;
using System.Text.RegularExpressions;
using Masthead.Email;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Masthead.Tests.Safety;

/// <summary>
/// Every absolute URL comes from the configured public address, never from the Host a client sends: emails never
/// (not even in Development without a base address, where they use where the server listens), pages and feeds only
/// in Development without one. Outside Development the start needs the address and only its host names are answered.
/// </summary>
public abstract partial class PublicAddressTests(MastheadFactory factory) : IDisposable
{
    private const string Hostile = "https://evil.example/";
    private readonly SmtpInbox _inbox = new();

    public void Dispose()
    {
        _inbox.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData("https://news.example", "https://news.example/")]
    [InlineData("", "http://localhost/")]
    public async Task Every_email_a_form_sends_with_a_hostile_host_links_only_to_the_configured_address(string baseUrl, string linksOn)
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:BaseUrl"] = baseUrl;
        foreach (var (key, value) in _inbox.Settings())
        {
            own.Settings[key] = value;
        }

        using var attacker = HostileClient(own);
        var supporter = SmtpInbox.UniqueAddress("supporter");

        // A gift made on the hostile host: its receipt carries a magic link.
        await SupportDesk.GiveAsync(own, attacker, supporter, "5");
        var receipt = await _inbox.WaitForMessageToAsync(supporter);
        AssertLinksOnlyOn(linksOn, receipt, expected: 1);

        // "Already a supporter?" posted with the supporter's address on the hostile host.
        using (var restore = await own.PostFormAsync(attacker, "/support/restore", new Dictionary<string, string> { ["Input.Email"] = supporter }))
        {
            Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        }

        var restoreLink = await NextMessageToAsync(supporter, after: 1);
        AssertLinksOnlyOn(linksOn, restoreLink, expected: 1);

        // "Remind me later", sent on its day by the mail job.
        var reminded = SmtpInbox.UniqueAddress("later");
        using (var remind = await own.PostFormAsync(attacker, "/appeal/remind", new Dictionary<string, string> { ["Input.Email"] = reminded, ["Input.When"] = "next-month" }))
        {
            Assert.Contains("We will email", await remind.Content.ReadAsStringAsync());
        }

        own.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await own.Services.GetRequiredService<MailJob>().RunOnceAsync(CancellationToken.None);
        AssertLinksOnlyOn(linksOn, await _inbox.WaitForMessageToAsync(reminded), expected: 1);
    }

    [Fact]
    public async Task Canonical_links_og_url_feeds_the_sitemap_robots_and_the_api_asked_on_a_hostile_host_name_only_the_base_address()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:SeedDemo"] = "true";
        own.Settings["Masthead:Newsroom:BaseUrl"] = "https://news.example/";
        using var attacker = HostileClient(own);
        var front = await own.GetPageAsync(attacker, "/");
        var article = front.QuerySelector("a[href^='/articles/']")!.GetAttribute("href")!;

        foreach (var path in new[] { "/", article, "/feed.xml", "/atom.xml", "/sitemap.xml", "/robots.txt", "/api/articles", "/api" + article })
        {
            using var response = await attacker.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("evil.example", body, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("https://news.example/", body, StringComparison.Ordinal);
        }

        var page = await own.GetPageAsync(attacker, article);
        Assert.Equal("https://news.example" + article, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("https://news.example" + article, page.QuerySelector("meta[property='og:url']")!.GetAttribute("content"));
    }

    [Fact]
    public async Task Outside_development_a_start_without_a_base_address_is_refused_in_one_sentence()
    {
        await using var own = factory.Fresh();
        own.EnvironmentName = "Production";

        Assert.Contains(
            "Masthead:Newsroom:BaseUrl is not set: outside Development Masthead needs the site's public address (e.g. https://news.example.org)",
            StartChecks.Refusal(own),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Masthead:Newsroom:BaseUrl", "https://news.example/news")]
    [InlineData("Masthead:Newsroom:BaseUrl", "ftp://news.example")]
    [InlineData("Masthead:Newsroom:BaseUrl", "https://news.example/?edition=riga")]
    [InlineData("Masthead:Newsroom:BaseUrl", "news.example")]
    [InlineData("Masthead:Newsroom:Aliases:0", "https://user@mirror.example")]
    public async Task A_base_address_or_alias_that_is_not_an_address_alone_is_refused(string setting, string value)
    {
        await using var own = factory.Fresh();
        own.Settings[setting] = value;

        Assert.Contains($"{setting} \"{value}\" must be the site's address alone", StartChecks.Refusal(own), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_production_only_the_base_address_and_alias_host_names_are_answered_and_AllowedHosts_is_warned_about()
    {
        await using var own = factory.Fresh();
        own.EnvironmentName = "Production";
        own.Settings["Masthead:Newsroom:BaseUrl"] = "https://news.example";
        own.Settings["Masthead:Newsroom:Aliases:0"] = "http://mirror.example";
        own.Settings["AllowedHosts"] = "*";

        using (var onBase = own.CreateDefaultClient(new Uri("https://news.example/")))
        using (var front = await onBase.GetAsync(new Uri("/", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, front.StatusCode);
        }

        using (var onAlias = own.CreateDefaultClient(new Uri("http://mirror.example/")))
        using (var feed = await onAlias.GetAsync(new Uri("/feed.xml", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
            Assert.DoesNotContain("mirror.example", await feed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var attacker = HostileClient(own);
        using (var refused = await attacker.GetAsync(new Uri("/", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using var error = new StringWriter();
        Assert.Null(MastheadStart.Check(own.Services, error, serving: false));
        Assert.Contains("WARNING: AllowedHosts (*) is ignored outside Development", error.ToString(), StringComparison.Ordinal);
    }

    private static HttpClient HostileClient(MastheadFactory own) =>
        own.CreateDefaultClient(new Uri(Hostile), new TestCookieJar.Handler(new TestCookieJar(own.Clock)));

    /// <summary>The message to <paramref name="address"/> after the first <paramref name="after"/>, waiting (bounded) for a background sender.</summary>
    private async Task<MimeMessage> NextMessageToAsync(string address, int after)
    {
        for (var tries = 0; tries < 100; tries++)
        {
            if (await _inbox.MessageIdsToAsync(address) is { } ids && ids.Count > after)
            {
                return await _inbox.ReadAsync(ids[0]);
            }

            await Task.Delay(100);
        }

        Assert.Fail($"No new message to {address} within 10 s.");
        return null!;
    }

    private static void AssertLinksOnlyOn(string root, MimeMessage message, int expected)
    {
        var text = (message.TextBody ?? "") + (message.HtmlBody ?? "");
        Assert.DoesNotContain("evil.example", text, StringComparison.OrdinalIgnoreCase);
        var links = Link().Matches(text).Select(m => m.Value).ToList();
        Assert.True(links.Count >= expected, $"Expected a link in \"{message.Subject}\":\n{text}");
        Assert.All(links, link => Assert.StartsWith(root, link, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"https?://[^\s""'<>]+")]
    private static partial Regex Link();
}

[Collection(SqliteCollection.Name)]
public sealed class PublicAddressTestsOnSqlite(SqliteFactory factory) : PublicAddressTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PublicAddressTestsOnPostgres(PostgresFactory factory) : PublicAddressTests(factory);
