using System.Globalization;
using System.Net;
using Masthead.Contributions;
using Masthead.Tests.Admin;
using Masthead.Tests.Articles;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Hostile;

/// <summary>Forged, expired, replayed and borrowed supporter passes, manage sessions and magic links: each gets nothing.</summary>
public abstract class HostileTokenTests(MastheadFactory factory)
{
    /// <summary>Cookie values no one was given: made up, tampered, from another newsroom, expired, or meant for something else.</summary>
    private async Task<List<(string Name, string Value)>> ForgedAsync(string real, string otherKind, Func<IDataProtectionProvider, TimeProvider, string> issue)
    {
        await using var elsewhere = factory.Fresh();
        _ = elsewhere.Services;
        var ours = factory.Services.GetRequiredService<IDataProtectionProvider>();
        var longAgo = new FakeTimeProvider(factory.Clock.GetUtcNow() - TimeSpan.FromDays(800));
        var tampered = real[..^4] + (real[^4] == 'A' ? 'B' : 'A') + real[^3..];
        return
        [
            ("made up", "yes"),
            ("true", "true"),
            ("a number", "1"),
            ("a future expiry in clear", factory.Clock.GetUtcNow().AddYears(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            ("base64 garbage", Convert.ToBase64String(new byte[64])),
            ("base64url garbage", "CfDJ8" + new string('A', 120)),
            ("not base64", "%%%***$$$"),
            ("10000 characters", new string('A', 10_000)),
            ("a real one tampered", tampered),
            ("a real one truncated", real[..^10]),
            ("a real one doubled", real + real),
            ("SQL", "' OR 1=1 --"),
            ("script", "<script>alert(1)</script>"),
            ("from another newsroom", issue(elsewhere.Services.GetRequiredService<IDataProtectionProvider>(), elsewhere.Clock)),
            ("expired", issue(ours, longAgo)),
            ("the other cookie's value", otherKind),
        ];
    }

    [Fact]
    public async Task A_forged_expired_or_borrowed_supporter_pass_still_shows_the_appeal_and_opens_no_manage_page()
    {
        using var admin = await factory.SignedInAdminAsync();
        await AppealDesk.SaveOkAsync(admin, null, AppealDesk.Fields($"Token appeal {EditorDesk.Unique()}", "Please support us."), "Activate");
        var article = await EditorDesk.SubmitOkAsync(admin, null, new ArticleInput($"Token test {EditorDesk.Unique()}", [await EditorDesk.AddAuthorAsync(factory)]), "Publish");
        var path = "/articles/" + await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == article).Select(a => a.Slug).SingleAsync());

        using var supporter = factory.CreateBrowserClient(out var supporterCookies);
        await SupportDesk.GiveAsync(factory, supporter, $"pass-{EditorDesk.Unique()}@example.org");
        var realPass = supporterCookies[SupporterPass.CookieName]!;
        Assert.Null((await factory.GetPageAsync(supporter, path)).QuerySelector(".appeal"));
        var session = new ManageSession(factory.Services.GetRequiredService<IDataProtectionProvider>(), factory.Clock);
        var manageValue = SessionValue(session, "some-hash");

        var failures = new Failures();
        foreach (var (name, value) in await ForgedAsync(realPass, manageValue, (protection, clock) => new SupporterPass(protection, clock).Seal(clock.GetUtcNow().AddMonths(1), clock.GetUtcNow(), new string('a', 64))))
        {
            failures.Count();
            using var reader = factory.CreateBrowserClient(out var cookies);
            cookies.Store(MastheadFactory.BaseAddress, $"{SupporterPass.CookieName}={Uri.EscapeDataString(value)}; Path=/");
            using var page = await reader.GetAsync(new Uri(path, UriKind.Relative));
            if (await failures.ExpectStatusAsync(name, "the article", page, HttpStatusCode.OK) && (await Html.ParseAsync(page)).QuerySelector(".appeal") is null)
            {
                failures.Add(name, "the appeal was hidden as for a supporter");
            }

            using var manage = await reader.GetAsync(new Uri("/support/manage", UriKind.Relative));
            if (manage.Headers.Location?.OriginalString != "/support/restore")
            {
                failures.Add(name, $"the manage page answered {(int)manage.StatusCode} instead of sending to /support/restore");
            }
        }

        failures.AssertNone(10);
    }

    [Fact]
    public async Task A_forged_expired_or_borrowed_manage_session_sees_nothing_and_changes_nothing()
    {
        using var supporter = factory.CreateBrowserClient(out var supporterCookies);
        var email = $"session-{EditorDesk.Unique()}@example.org";
        await SupportDesk.GiveAsync(factory, supporter, email, "7");
        var hash = SupportDesk.HashOf(factory, email);
        var subscription = await factory.WithDbAsync(db => db.Subscriptions.Where(s => db.Supporters.Any(p => p.Id == s.SupporterId && p.EmailHash == hash)).SingleAsync());
        var ours = factory.Services.GetRequiredService<IDataProtectionProvider>();
        var real = SessionValue(new ManageSession(ours, factory.Clock), hash);

        var failures = new Failures();
        var forged = await ForgedAsync(real, supporterCookies[SupporterPass.CookieName]!, (protection, clock) => SessionValue(new ManageSession(protection, clock), hash));
        forged.Add(("the hash alone", hash));
        forged.Add(("another purpose's protection of the hash", ours.CreateProtector("Masthead.SupporterPass.v1").Protect($"{factory.Clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds()}|{hash}")));
        foreach (var (name, value) in forged)
        {
            failures.Count();
            using var reader = factory.CreateBrowserClient(out var cookies);
            cookies.Store(MastheadFactory.BaseAddress, $"{ManageSession.CookieName}={Uri.EscapeDataString(value)}; Path=/support");
            using var manage = await reader.GetAsync(new Uri("/support/manage", UriKind.Relative));
            if (manage.Headers.Location?.OriginalString != "/support/restore")
            {
                failures.Add(name, $"the manage page answered {(int)manage.StatusCode} instead of sending to /support/restore");
                continue;
            }

            // Posting straight at the handlers, with a token from another page of the site.
            foreach (var handler in new[] { "Cancel", "Change" })
            {
                using var response = await factory.PostFormAsync(reader, "/support/restore",
                    [new("subscription", subscription.Id.ToString(CultureInfo.InvariantCulture)), new("NewAmount", "2")], $"/support/manage?handler={handler}");
                if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.BadRequest or HttpStatusCode.NotFound) || response.Headers.Location is { } to && to.OriginalString != "/support/restore")
                {
                    failures.Add(name, $"{handler} answered {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        var after = await factory.WithDbAsync(db => db.Subscriptions.AsNoTracking().SingleAsync(s => s.Id == subscription.Id));
        Assert.Equal((subscription.Status, subscription.Amount), (after.Status, after.Amount));
        failures.AssertNone(10);
    }

    [Fact]
    public async Task A_replayed_expired_or_made_up_magic_link_opens_nothing_and_a_real_one_opens_once()
    {
        var email = $"link-{EditorDesk.Unique()}@example.org";
        using (var supporter = factory.CreateBrowserClient())
        {
            await SupportDesk.GiveAsync(factory, supporter, email);
        }

        var hash = SupportDesk.HashOf(factory, email);
        string Issue(TimeSpan lifetime, TimeProvider? issuedBy = null) =>
            factory.WithDbAsync(db => new MagicLinks(db, issuedBy ?? factory.Clock).IssueAsync(hash, lifetime, CancellationToken.None)).GetAwaiter().GetResult();
        var used = Issue(MagicLinks.RequestedLifetime);
        using (var first = factory.CreateBrowserClient())
        {
            using var opened = await factory.PostFormAsync(first, used, []);
            Assert.Equal("/support/manage", opened.Headers.Location!.OriginalString);
        }

        var expired = Issue(MagicLinks.RequestedLifetime, new FakeTimeProvider(factory.Clock.GetUtcNow() - MagicLinks.RequestedLifetime - TimeSpan.FromSeconds(1)));
        var token = used["/support/link/".Length..];
        var unused = Issue(MagicLinks.RequestedLifetime)["/support/link/".Length..];
        var failures = new Failures();
        var made = new (string Name, string Token)[]
        {
            ("replayed", token),
            ("expired", expired["/support/link/".Length..]),
            ("upper-case copy of a real one", unused.ToUpperInvariant()),
            ("one character short", unused[..^1]),
            ("one character more", unused + "0"),
            ("64 zeros", new string('0', 64)),
            ("64 non-hex letters", new string('z', 64)),
            ("SQL padded to 64", "' OR 1=1 --".PadRight(64, ' ')),
            ("path traversal", "..%2F..%2Fmanage"),
            ("empty-looking", "%20"),
            ("control characters padded to 64", new string('\u001b', 64)),
            ("10000 characters", new string('a', 10_000)),
        };
        foreach (var (name, value) in made)
        {
            failures.Count();
            var url = "/support/link/" + Uri.EscapeDataString(value);
            using var reader = factory.CreateBrowserClient(out var cookies);
            using var shown = await reader.GetAsync(new Uri(url, UriKind.Relative));
            if (shown.StatusCode is not (HttpStatusCode.Gone or HttpStatusCode.NotFound or HttpStatusCode.BadRequest))
            {
                failures.Add(name, $"GET answered {(int)shown.StatusCode}");
                continue;
            }

            if (shown.StatusCode == HttpStatusCode.Gone)
            {
                var page = await Html.ParseAsync(shown);
                if (page.QuerySelector("h1")?.TextContent is not { Length: > 0 } || page.QuerySelector("button[type=submit], input[type=submit]") is not null && page.QuerySelector("form[action*='link']") is not null)
                {
                    failures.Add(name, "the refused link's page has no heading or still offers the button");
                }

                using var posted = await factory.PostFormAsync(reader, "/support/restore", [], url);
                await failures.ExpectStatusAsync(name, "POST", posted, HttpStatusCode.Gone, HttpStatusCode.NotFound, HttpStatusCode.BadRequest);
            }

            if (cookies[ManageSession.CookieName] is not null || cookies[SupporterPass.CookieName] is not null)
            {
                failures.Add(name, "a cookie was given");
            }
        }

        failures.AssertNone(made.Length);
    }

    /// <summary>The cookie value <paramref name="session"/> would give for <paramref name="hash"/>.</summary>
    private static string SessionValue(ManageSession session, string hash)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        session.Start(context.Response, hash);
        var header = context.Response.Headers.SetCookie.ToString();
        return Uri.UnescapeDataString(header[(ManageSession.CookieName.Length + 1)..header.IndexOf(';', StringComparison.Ordinal)]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HostileTokenTestsOnSqlite(SqliteFactory factory) : HostileTokenTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class HostileTokenTestsOnPostgres(PostgresFactory factory) : HostileTokenTests(factory);
