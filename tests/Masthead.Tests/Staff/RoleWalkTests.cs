using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Masthead.Contributions;
using Masthead.Staff;
using Masthead.Tests.Admin;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Staff;

/// <summary>
/// Every endpoint under /admin, from the app's own routing table, requested as nobody, a writer, an editor and an admin.
/// The expectations are one table; an endpoint the table does not name fails the walk, so no page ships without a decision.
/// </summary>
public abstract partial class RoleWalkTests(MastheadFactory factory)
{
    /// <summary>Who may use an endpoint. Each role includes the ones before it.</summary>
    public enum Allowed
    {
        Anyone,
        Staff,
        Editors,
        Admins,

        /// <summary>The two-factor code step: only with the short-lived cookie a right password gives; otherwise back to sign-in or a 400.</summary>
        AfterPassword,
    }

    private const string SignOut = "POST /admin/signout";

    /// <summary>The page a refusal leads to, which itself answers 403 so the refusal is not mistaken for success.</summary>
    private const string Denied = "GET /admin/denied";

    /// <summary>"METHOD /route?handler=Name" → who may use it.</summary>
    private static readonly Dictionary<string, Allowed> Table = new(StringComparer.Ordinal)
    {
        ["GET /admin/signin"] = Allowed.Anyone,
        ["POST /admin/signin"] = Allowed.Anyone,
        ["GET /admin/signin/two-factor"] = Allowed.AfterPassword,
        ["POST /admin/signin/two-factor"] = Allowed.AfterPassword,
        ["GET /admin"] = Allowed.Staff,
        ["GET /admin/account/sessions/{handler?}"] = Allowed.Staff,
        ["POST /admin/account/sessions/{handler?}?handler=End"] = Allowed.Staff,
        ["POST /admin/account/sessions/{handler?}?handler=EndOthers"] = Allowed.Staff,
        ["POST /admin/account/sessions/{handler?}?handler=Language"] = Allowed.Staff,
        ["GET /admin/account/two-factor/{handler?}"] = Allowed.Staff,
        ["POST /admin/account/two-factor/{handler?}?handler=Enable"] = Allowed.Staff,
        ["POST /admin/account/two-factor/{handler?}?handler=RecoveryCodes"] = Allowed.Staff,
        ["POST /admin/account/two-factor/{handler?}?handler=Disable"] = Allowed.Staff,
        [Denied] = Allowed.Staff,
        ["GET /admin/signout"] = Allowed.Staff,
        [SignOut] = Allowed.Staff,
        ["GET /admin/password"] = Allowed.Staff,
        ["POST /admin/password"] = Allowed.Staff,
        ["GET /admin/articles/new"] = Allowed.Staff,
        ["POST /admin/articles/new"] = Allowed.Staff,
        ["GET /admin/articles/{id:int}/edit"] = Allowed.Staff,
        ["POST /admin/articles/{id:int}/edit"] = Allowed.Staff,
        ["GET /admin/articles/{id:int}/preview"] = Allowed.Staff,
        ["GET /admin/articles/{id:int}/revisions/{number:int?}"] = Allowed.Staff,
        ["POST /admin/articles/{id:int}/revisions/{number:int?}"] = Allowed.Staff,
        ["GET /admin/authors"] = Allowed.Editors,
        ["POST /admin/authors"] = Allowed.Editors,
        ["GET /admin/pages"] = Allowed.Editors,
        ["GET /admin/pages/new"] = Allowed.Editors,
        ["POST /admin/pages/new"] = Allowed.Editors,
        ["GET /admin/pages/{id:int}/edit"] = Allowed.Editors,
        ["POST /admin/pages/{id:int}/edit"] = Allowed.Editors,
        ["GET /admin/pages/{id:int}/delete"] = Allowed.Editors,
        ["POST /admin/pages/{id:int}/delete"] = Allowed.Editors,
        ["GET /admin/appeals"] = Allowed.Editors,
        ["POST /admin/appeals?handler=SwitchOff"] = Allowed.Editors,
        ["GET /admin/appeals/new"] = Allowed.Editors,
        ["POST /admin/appeals/new"] = Allowed.Editors,
        ["GET /admin/appeals/preview"] = Allowed.Editors,
        ["POST /admin/appeals/new?handler=Preview"] = Allowed.Editors,
        ["GET /admin/appeals/{id:int}/edit"] = Allowed.Editors,
        ["POST /admin/appeals/{id:int}/edit"] = Allowed.Editors,
        ["POST /admin/appeals/{id:int}/edit?handler=Preview"] = Allowed.Editors,
        ["GET /admin/appeals/{id:int}/test"] = Allowed.Editors,
        ["POST /admin/appeals/{id:int}/test?handler=AddVariant"] = Allowed.Editors,
        ["POST /admin/appeals/{id:int}/test?handler=Start"] = Allowed.Editors,
        ["POST /admin/appeals/{id:int}/test?handler=Stop"] = Allowed.Editors,
        ["POST /admin/appeals/{id:int}/test?handler=Keep"] = Allowed.Editors,
        ["GET /admin/staff"] = Allowed.Admins,
        ["POST /admin/staff"] = Allowed.Admins,
        ["POST /admin/staff?handler=EndSessions"] = Allowed.Admins,
        ["POST /admin/staff?handler=ResetTwoFactor"] = Allowed.Admins,
        ["POST /admin/staff?handler=ChangeRole"] = Allowed.Admins,
        ["POST /admin/staff?handler=Deactivate"] = Allowed.Admins,
        ["POST /admin/staff?handler=Reactivate"] = Allowed.Admins,
        ["GET /admin/supporters"] = Allowed.Admins,
        ["GET /admin/supporters?handler=Csv"] = Allowed.Admins,
        ["GET /admin/supporters/{id:int}"] = Allowed.Admins,
        ["GET /admin/contributions"] = Allowed.Admins,
        ["GET /admin/contributions?handler=Csv"] = Allowed.Admins,
        ["GET /admin/revenue"] = Allowed.Admins,
        ["GET /admin/revenue/{series}.csv"] = Allowed.Admins,
        ["GET /admin/revenue/sources"] = Allowed.Admins,
        ["GET /admin/revenue/sources/{series}.csv"] = Allowed.Admins,
        ["GET /admin/revenue/appeals"] = Allowed.Editors,
        ["GET /admin/revenue/appeals/{series}.csv"] = Allowed.Editors,
        ["GET /admin/import"] = Allowed.Admins,
        ["POST /admin/import?handler=Try"] = Allowed.Admins,
        ["POST /admin/import?handler=Import"] = Allowed.Admins,
        ["GET /admin/import/{id:int}"] = Allowed.Admins,
        ["GET /admin/redirects"] = Allowed.Editors,
        ["POST /admin/redirects"] = Allowed.Editors,
        ["POST /admin/redirects?handler=Delete"] = Allowed.Editors,
        ["GET /admin/mirrors"] = Allowed.Editors,
        ["POST /admin/mirrors"] = Allowed.Editors,
        ["POST /admin/mirrors?handler=Remove"] = Allowed.Editors,
        ["GET /admin/newsletters"] = Allowed.Editors,
        ["GET /admin/newsletters/issues/new"] = Allowed.Editors,
        ["POST /admin/newsletters/issues/new"] = Allowed.Editors,
        ["GET /admin/newsletters/issues/{id:int}"] = Allowed.Editors,
        ["POST /admin/newsletters/issues/{id:int}"] = Allowed.Editors,
        ["GET /admin/newsletters/issues/{id:int}/preview"] = Allowed.Editors,
        ["GET /admin/newsletters/lists/new"] = Allowed.Editors,
        ["POST /admin/newsletters/lists/new"] = Allowed.Editors,
        ["GET /admin/newsletters/lists/{id:int}"] = Allowed.Editors,
        ["POST /admin/newsletters/lists/{id:int}"] = Allowed.Editors,
        ["GET /admin/audit"] = Allowed.Admins,
        ["GET /admin/audit?handler=Csv"] = Allowed.Admins,
    };

    [Fact]
    public async Task Every_admin_endpoint_is_in_the_table_and_answers_each_role_as_the_table_says()
    {
        var endpoints = await AdminEndpointsAsync();
        var undecided = endpoints.Where(e => !Table.ContainsKey(e)).ToList();
        Assert.True(undecided.Count == 0, "Admin endpoints missing from the role table (decide who may use them):\n" + string.Join('\n', undecided));
        var gone = Table.Keys.Where(k => !endpoints.Contains(k)).ToList();
        Assert.True(gone.Count == 0, "The role table names endpoints the app no longer has:\n" + string.Join('\n', gone));

        using var writer = await EditorDesk.SignedInAsAsync(factory, StaffRole.Writer);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        using var admin = await EditorDesk.SignedInAsAsync(factory, StaffRole.Admin);
        using var anonymous = factory.CreateBrowserClient();
        var ids = await RowsAsync(writer, editor);
        var failures = new StringBuilder();

        // Signing out ends the session the other requests need, so it goes last.
        var order = endpoints.OrderBy(e => e == SignOut).ThenBy(e => e, StringComparer.Ordinal).ToList();
        foreach (var (role, client) in new (StaffRole? Role, HttpClient Client)[] { (null, anonymous), (StaffRole.Writer, writer), (StaffRole.Editor, editor), (StaffRole.Admin, admin) })
        {
            var token = await TokenAsync(client, role);
            foreach (var endpoint in order)
            {
                var (method, url) = Request(endpoint, ids);
                using var response = await SendAsync(client, method, url, token);
                var verdict = Judge(endpoint, Table[endpoint], role, response);
                if (verdict is not null)
                {
                    failures.AppendLine(CultureInfo.InvariantCulture, $"{endpoint} as {role?.ToString() ?? "anonymous"} ({method} {url}): {verdict}");
                }
            }

            using var after = await client.GetAsync(new Uri("/admin", UriKind.Relative));
            if (role is not null && after.Headers.Location?.ToString().Contains("/admin/signin", StringComparison.Ordinal) != true)
            {
                failures.AppendLine(CultureInfo.InvariantCulture, $"{SignOut} as {role} did not end the session: /admin then answered {(int)after.StatusCode}");
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Fact]
    public async Task A_writer_can_neither_read_nor_change_a_colleagues_draft_an_embargoed_or_an_unpublished_article_through_any_article_endpoint()
    {
        using var writer = await EditorDesk.SignedInAsAsync(factory, StaffRole.Writer);
        using var colleague = await EditorDesk.SignedInAsAsync(factory, StaffRole.Writer);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var author = await EditorDesk.AddAuthorAsync(factory);
        var draft = await EditorDesk.SubmitOkAsync(colleague, null, new ArticleInput($"A colleague's draft {EditorDesk.Unique()}", [author]));
        var embargoed = await EditorDesk.SubmitOkAsync(editor, null, new ArticleInput($"Embargoed {EditorDesk.Unique()}", [author],
            PublishAt: EditorDesk.LocalTime(factory.Clock.GetUtcNow().AddDays(2))), "Schedule");
        var unpublished = await EditorDesk.SubmitOkAsync(editor, null, new ArticleInput($"Pulled {EditorDesk.Unique()}", [author]), "Publish");
        await EditorDesk.SubmitOkAsync(editor, unpublished, new ArticleInput($"Pulled {EditorDesk.Unique()}", [author]), "Unpublish");

        var articleEndpoints = (await AdminEndpointsAsync()).Where(e => e.Contains("/admin/articles/{id", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("GET /admin/articles/{id:int}/preview", articleEndpoints);
        var failures = new StringBuilder();
        foreach (var (what, id) in new[] { ("draft", draft), ("embargoed", embargoed), ("unpublished", unpublished) })
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal) { ["/admin/articles/"] = id };
            foreach (var (role, client) in new[] { (StaffRole.Writer, writer), (StaffRole.Editor, editor) })
            {
                var token = await TokenAsync(client, role);
                foreach (var endpoint in articleEndpoints)
                {
                    var (method, url) = Request(endpoint, ids);
                    using var response = await SendAsync(client, method, url, token);
                    var refused = response.StatusCode == HttpStatusCode.Forbidden
                        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/admin/denied", StringComparison.Ordinal));
                    if ((int)response.StatusCode >= 500 || refused != (role == StaffRole.Writer))
                    {
                        failures.AppendLine(CultureInfo.InvariantCulture, $"{endpoint} on the {what} article as {role} ({method} {url}) answered {(int)response.StatusCode} {response.Headers.Location}");
                    }
                }
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
        var list = (await factory.GetPageAsync(writer, "/admin")).Body!.TextContent;
        Assert.DoesNotContain("A colleague's draft", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Embargoed", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Pulled", list, StringComparison.Ordinal);
    }

    /// <summary>Null when the answer is what the table expects of <paramref name="role"/>, otherwise what was wrong.</summary>
    private static string? Judge(string endpoint, Allowed allowed, StaffRole? role, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.ToString() ?? "";
        var toSignIn = response.StatusCode == HttpStatusCode.Redirect && location.Contains("/admin/signin", StringComparison.Ordinal);
        var toDenied = response.StatusCode == HttpStatusCode.Redirect && location.Contains("/admin/denied", StringComparison.Ordinal);
        var answer = $"answered {status}{(location.Length > 0 ? " to " + location : "")}";
        if (status >= 500)
        {
            return answer;
        }

        if (allowed == Allowed.AfterPassword)
        {
            // The walk holds no half-done sign-in, so every role is sent back to sign in (GET) or told it took too long (POST).
            return toSignIn || response.StatusCode == HttpStatusCode.BadRequest ? null : $"{answer}, expected /admin/signin or 400 without a right password first";
        }

        if (allowed != Allowed.Anyone && role is null)
        {
            return toSignIn ? null : $"{answer}, expected a redirect to /admin/signin";
        }

        var permitted = allowed switch
        {
            Allowed.Anyone or Allowed.Staff => true,
            Allowed.Editors => role is StaffRole.Editor or StaffRole.Admin,
            _ => role is StaffRole.Admin,
        };
        if (!permitted)
        {
            return toDenied || response.StatusCode == HttpStatusCode.Forbidden ? null : $"{answer}, expected /admin/denied or 403";
        }

        if (endpoint == SignOut)
        {
            return toSignIn ? null : $"{answer}, expected signing out to lead to /admin/signin";
        }

        if (endpoint == Denied)
        {
            return response.StatusCode == HttpStatusCode.Forbidden ? null : $"{answer}, expected the refusal page itself (403)";
        }

        return toSignIn || toDenied || response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized ? $"{answer}, but this role may use it" : null;
    }

    /// <summary>Each admin endpoint as "METHOD /route" plus "?handler=Name" for a named Razor Pages handler.</summary>
    private async Task<HashSet<string>> AdminEndpointsAsync()
    {
        using var started = factory.CreateBrowserClient();
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (!route.Equals("/admin", StringComparison.OrdinalIgnoreCase) && !route.StartsWith("/admin/", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                // A page always answers GET (a page without OnGet still renders); its handlers add the rest.
                found.Add($"GET {route}");
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods)
                {
                    found.Add($"{handler.HttpMethod.ToUpperInvariant()} {route}{(handler.Name is null ? "" : "?handler=" + handler.Name)}");
                }
            }
            else
            {
                foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"])
                {
                    found.Add($"{method} {route}");
                }
            }
        }

        return found;
    }

    /// <summary>Real rows for the route parameters: the writer's own draft (so the writer may edit it), an appeal, a page, a supporter.</summary>
    private async Task<Dictionary<string, int>> RowsAsync(HttpClient writer, HttpClient editor)
    {
        var author = await EditorDesk.AddAuthorAsync(factory);
        var article = await EditorDesk.SubmitOkAsync(writer, null, new ArticleInput($"Walked draft {EditorDesk.Unique()}", [author]));
        var appeal = await AppealDesk.SaveOkAsync(editor, null, AppealDesk.Fields($"Walked appeal {EditorDesk.Unique()}", "Support us."));
        var supporter = await factory.WithDbAsync(async db =>
        {
            var row = db.Supporters.Add(new Supporter { Provider = "sandbox", CustomerRef = "walk-" + EditorDesk.Unique(), CreatedAt = factory.Clock.GetUtcNow() }).Entity;
            await db.SaveChangesAsync();
            return row.Id;
        });
        var import = await factory.WithDbAsync(async db =>
        {
            var row = db.ImportRuns.Add(new Masthead.Import.ImportRun { Source = "wordpress", FileName = "walk.xml", StartedAt = factory.Clock.GetUtcNow() }).Entity;
            await db.SaveChangesAsync();
            return row.Id;
        });
        var page = await SitePages.PageDesk.AddAsync(factory, $"walked-{EditorDesk.Unique()}", "Walked page");
        var (list, _) = await Newsletters.NewsletterDesk.ListsAsync(factory);
        var issue = await factory.WithDbAsync(async db =>
        {
            var row = db.NewsletterIssues.Add(new Masthead.Newsletters.NewsletterIssue { ListId = list, Subject = "Walked issue", IntroMarkdown = "Walked.", CreatedAt = factory.Clock.GetUtcNow() }).Entity;
            await db.SaveChangesAsync();
            return row.Id;
        });
        return new(StringComparer.Ordinal)
        {
            ["/admin/articles/"] = article, ["/admin/appeals/"] = appeal, ["/admin/pages/"] = page, ["/admin/supporters/"] = supporter, ["/admin/import/"] = import,
            ["/admin/newsletters/issues/"] = issue, ["/admin/newsletters/lists/"] = list,
        };
    }

    private static (HttpMethod Method, string Url) Request(string endpoint, Dictionary<string, int> ids)
    {
        var (method, url) = (endpoint[..endpoint.IndexOf(' ', StringComparison.Ordinal)], endpoint[(endpoint.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        url = Parameter().Replace(url, match => match.Groups["name"].Value switch
        {
            "id" => ids.Single(i => url.StartsWith(i.Key, StringComparison.Ordinal)).Value.ToString(CultureInfo.InvariantCulture),
            "number" => "1",
            "series" => "mrr",
            "handler" => "",
            var other => throw new InvalidOperationException($"The walk does not know what to give the route parameter {other} in {url}."),
        });
        return (new HttpMethod(method), url);
    }

    /// <summary>An antiforgery token for this client's session: from the sign-in form, or from the sign-out form on every admin page.</summary>
    private async Task<string> TokenAsync(HttpClient client, StaffRole? role)
    {
        var url = role is null ? "/admin/signin" : "/admin";
        return Html.AntiforgeryToken(await factory.GetPageAsync(client, url), url)!;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string token)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent([new(Html.AntiforgeryField, token)]);
        }

        return await client.SendAsync(request);
    }

    [GeneratedRegex(@"\{(?<name>[a-z]+)[^}]*\}")]
    private static partial Regex Parameter();
}

[Collection(SqliteCollection.Name)]
public sealed class RoleWalkTestsOnSqlite(SqliteFactory factory) : RoleWalkTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class RoleWalkTestsOnPostgres(PostgresFactory factory) : RoleWalkTests(factory);
