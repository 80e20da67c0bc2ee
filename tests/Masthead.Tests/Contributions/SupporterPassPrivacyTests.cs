using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Masthead.Tests.Appeals;
using Masthead.Contributions;
using Masthead.Tests.Infrastructure;
using Masthead.Tests.Operations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Contributions;

/// <summary>
/// What the pass's renewal may not do: be answered from the page cache, make cached pages differ between readers,
/// leave its token in a log line or a metric, be asked for by another site, or renew a pass that was never given.
/// </summary>
public abstract class SupporterPassPrivacyTests(MastheadFactory factory)
{
    private static async Task<(byte[] Body, HttpResponseMessage Response)> FetchAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsByteArrayAsync(), response);
    }

    [Fact]
    public async Task Renewal_is_never_answered_from_the_cache_and_a_cached_article_is_the_same_bytes_whatever_pass_the_reader_holds()
    {
        await using var own = factory.Fresh();
        var article = await AppealTests.PublishAsync(own, sensitive: false);
        using var monthly = own.CreateBrowserClient(out var monthlyCookies);
        await SupportDesk.GiveAsync(own, monthly, "bytes-monthly@example.org", "2");
        using var once = own.CreateBrowserClient(out var onceCookies);
        await SupportDesk.GiveAsync(own, once, "bytes-once@example.org", "10", "OneTime");
        Assert.NotEqual(monthlyCookies[SupporterPass.CookieName], onceCookies[SupporterPass.CookieName]);

        using var anonymous = own.CreateBrowserClient();
        using var lapsed = own.CreateBrowserClient(out var lapsedCookies);
        var now = own.Clock.GetUtcNow();
        lapsedCookies.Store(MastheadFactory.BaseAddress, $"{SupporterPass.CookieName}={own.Services.GetRequiredService<SupporterPass>().Seal(now.AddMonths(-2), now, new string('c', 64))}; Path=/");

        var pages = new List<(string Who, byte[] Body, HttpResponseMessage Response)>();
        foreach (var (who, client) in new[] { ("monthly", monthly), ("one-time", once), ("no pass", anonymous), ("ended pass", lapsed), ("no pass again", anonymous) })
        {
            var (body, response) = await FetchAsync(client, article);
            pages.Add((who, body, response));
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{who}: an article page set a cookie");
        }

        Assert.Equal(pages[0].Body, pages[1].Body);
        Assert.Equal(pages[2].Body, pages[3].Body);
        Assert.Equal(pages[2].Body, pages[4].Body);
        Assert.Equal(pages[2].Response.Headers.ETag, pages[3].Response.Headers.ETag);
        Assert.True(pages[2].Response.Headers.CacheControl!.Public);
        Assert.True(pages[0].Response.Headers.CacheControl!.Private);
        foreach (var page in pages)
        {
            page.Response.Dispose();
        }

        // Two renewals a week apart: each answered afresh, never stored, never replayed.
        var seen = new HashSet<string>(StringComparer.Ordinal) { monthlyCookies[SupporterPass.CookieName]! };
        for (var week = 0; week < 2; week++)
        {
            own.Clock.Advance(SupporterPass.RenewalInterval);
            using var renewed = await PassDesk.RenewAsync(monthly);
            Assert.Equal(HttpStatusCode.NoContent, renewed.StatusCode);
            Assert.True(renewed.Headers.CacheControl is { NoStore: true, Private: true }, $"Cache-Control: {renewed.Headers.CacheControl}");
            Assert.Null(renewed.Headers.ETag);
            Assert.True(seen.Add(monthlyCookies[SupporterPass.CookieName]!), "a renewal handed back a pass already given");
        }

        using var fetched = await monthly.GetAsync(new Uri(SupporterPassRenewal.Path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, fetched.StatusCode);
    }

    [Fact]
    public async Task No_log_line_or_metric_holds_a_pass_its_token_or_the_token_s_hash()
    {
        await using var own = factory.Fresh();
        var port = Scrape.EnableMetrics(own);
        own.Logs = new LogCapture();
        own.Settings["Masthead:Logging:AccessLog"] = "true";
        var article = await AppealTests.PublishAsync(own, sensitive: false);
        using var supporter = own.CreateBrowserClient(out var cookies);
        await SupportDesk.GiveAsync(own, supporter, "quiet-pass@example.org", "2");
        var passes = new List<string> { cookies[SupporterPass.CookieName]! };
        await PassDesk.RenewExpectingAsync(supporter, HttpStatusCode.TooManyRequests);
        for (var week = 0; week < 3; week++)
        {
            own.Clock.Advance(SupporterPass.RenewalInterval);
            await PassDesk.RunRenewalsAsync(own);
            await PassDesk.RenewExpectingAsync(supporter, HttpStatusCode.NoContent);
            passes.Add(cookies[SupporterPass.CookieName]!);
            Assert.False(await PassDesk.AppealShownAsync(own, supporter, article));
        }

        // Stored: the hash of the newest token, never a token.
        var tokens = passes.Select(p => PassDesk.TokenOf(own, p)).ToList();
        var hashes = tokens.Select(t => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(t)))).ToList();
        Assert.Equal(hashes[^1], await own.WithDbAsync(db => db.SupporterPassTokens.Select(t => t.TokenHash).SingleAsync()));

        own.Clock.Advance(SupporterPass.RenewalInterval);
        await PassDesk.OpenManagePageAsync(own, supporter, "quiet-pass@example.org");
        passes.Add(cookies[SupporterPass.CookieName]!);
        await PassDesk.CancelAsync(own, supporter);
        own.Clock.Advance(SupporterPass.RenewalInterval);
        await PassDesk.RenewExpectingAsync(supporter, HttpStatusCode.Gone);

        var scrape = await Scrape.GetAsync(port);
        var logs = own.Logs.Lines;
        Assert.Contains(logs, line => line.Contains($"POST {SupporterPassRenewal.Path} 204", StringComparison.Ordinal));
        Assert.Contains(logs, line => line.Contains($"POST {SupporterPassRenewal.Path} 410", StringComparison.Ordinal));
        var secrets = passes.Concat(passes.Select(p => p.Split('.')[2])).Concat(tokens).Concat(hashes).ToList();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logs, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(secret, scrape.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_renewal_asked_for_by_another_site_or_without_a_pass_this_site_gave_is_refused()
    {
        await using var own = factory.Fresh();
        var article = await AppealTests.PublishAsync(own, sensitive: false);
        using var supporter = own.CreateBrowserClient(out var cookies);
        await SupportDesk.GiveAsync(own, supporter, "csrf-pass@example.org", "2");
        own.Clock.Advance(SupporterPass.RenewalInterval);
        var before = cookies[SupporterPass.CookieName];
        foreach (var site in new[] { "cross-site", "same-site", "none" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, SupporterPassRenewal.Path);
            request.Headers.Add("Sec-Fetch-Site", site);
            using var response = await supporter.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Equal(before, cookies[SupporterPass.CookieName]);
        using (var request = new HttpRequestMessage(HttpMethod.Post, SupporterPassRenewal.Path))
        {
            request.Headers.Add("Sec-Fetch-Site", "same-origin");
            using var response = await supporter.SendAsync(request);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        // Made up, a pass that ended with its clear part moved on (the server decides by the sealed part), or one that ended.
        var now = own.Clock.GetUtcNow();
        var ended = own.Services.GetRequiredService<SupporterPass>().Seal(now.AddMonths(-2), now.AddMonths(-2), new string('e', 64));
        var edited = string.Create(CultureInfo.InvariantCulture, $"{now.AddYears(1).ToUnixTimeSeconds()}.{now.ToUnixTimeSeconds()}.{ended.Split('.')[2]}");
        foreach (var (value, status) in new[] { ("", HttpStatusCode.BadRequest), ("1.2.forged", HttpStatusCode.BadRequest), (edited, HttpStatusCode.BadRequest), (ended, HttpStatusCode.Gone) })
        {
            using var reader = own.CreateBrowserClient(out var jar);
            jar.Store(MastheadFactory.BaseAddress, $"{SupporterPass.CookieName}={value}; Path=/");
            await PassDesk.RenewExpectingAsync(reader, status);
            Assert.True(await PassDesk.AppealShownAsync(own, reader, article));
        }
    }

    [Fact]
    public async Task A_pass_from_before_tokens_hides_appeals_for_a_month_from_when_it_was_given_and_is_never_renewed()
    {
        await using var own = factory.Fresh();
        var article = await AppealTests.PublishAsync(own, sensitive: false);
        var old = own.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Masthead.SupporterPass.v1");
        string GivenAgo(int days) => old.Protect((own.Clock.GetUtcNow().AddDays(400 - days)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

        using var recent = own.CreateBrowserClient(out var recentCookies);
        recentCookies.Store(MastheadFactory.BaseAddress, $"{SupporterPass.CookieName}={GivenAgo(0)}; Path=/");
        using var older = own.CreateBrowserClient(out var olderCookies);
        olderCookies.Store(MastheadFactory.BaseAddress, $"{SupporterPass.CookieName}={GivenAgo(60)}; Path=/");

        Assert.False(await PassDesk.AppealShownAsync(own, recent, article));
        Assert.True(await PassDesk.AppealShownAsync(own, older, article));
        await PassDesk.RenewExpectingAsync(recent, HttpStatusCode.BadRequest);

        own.Clock.Advance(TimeSpan.FromDays(30) + SupporterPass.Grace - TimeSpan.FromMinutes(1));
        Assert.False(await PassDesk.AppealShownAsync(own, recent, article));
        own.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(2));
        Assert.True(await PassDesk.AppealShownAsync(own, recent, article));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SupporterPassPrivacyTestsOnSqlite(SqliteFactory factory) : SupporterPassPrivacyTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class SupporterPassPrivacyTestsOnPostgres(PostgresFactory factory) : SupporterPassPrivacyTests(factory);
