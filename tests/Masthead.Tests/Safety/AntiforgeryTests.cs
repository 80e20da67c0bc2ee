using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Masthead.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Safety;

/// <summary>Every form refuses a post that does not carry its antiforgery token, even from a signed-in admin.</summary>
public abstract partial class AntiforgeryTests(MastheadFactory factory)
{
    /// <summary>The only posts taken without a token, and why.</summary>
    private static readonly Dictionary<string, string> WithoutToken = new(StringComparer.Ordinal)
    {
        ["/appeal/events"] = "the reader script's counting beacon from cached pages: it reads and sets no cookie, so a forgery can only add a count",
        ["/appeal/snooze"] = "sets the reader's own \"remind me later\" cookie: forging it only hides the appeal",
        ["/payments/stripe/webhook"] = "from Stripe's servers, which sign it instead",
        ["/support/pass/renew"] = "called by the reader script from cached pages (no token there); same-origin only, and a forgery renews the caller's own pass",
        ["/newsletter/unsubscribe/1"] = "RFC 8058's one-click unsubscribe from a mail program, which has no cookie or token: the token in the address authorises it, and a forgery only stops our mail to its victim",
        ["/error/1"] = "the error page, shown for a post that failed; it changes nothing",
    };

    /// <summary>The pages among <see cref="WithoutToken"/>; the rest are endpoints.</summary>
    private static readonly string[] PagesWithoutToken = ["/error/1", "/newsletter/unsubscribe/1"];

    [Fact]
    public async Task Every_form_refuses_a_post_without_its_token()
    {
        var posts = PostAddresses();
        Assert.True(posts.Count >= 15, $"Only {posts.Count} forms found: {string.Join(", ", posts)}");
        using var admin = await factory.SignedInAdminAsync();

        var accepted = new List<string>();
        foreach (var url in posts)
        {
            using var response = await admin.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent([new("anything", "1")]));
            var expected = WithoutToken.ContainsKey(url) ? HttpStatusCode.NotFound : HttpStatusCode.BadRequest;
            if (response.StatusCode != expected)
            {
                accepted.Add($"{url} answered {(int)response.StatusCode}");
            }
        }

        Assert.Empty(accepted);
    }

    [Fact]
    public void Every_post_that_takes_no_token_is_one_that_needs_none()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .ToList();

        Assert.Equal(WithoutToken.Keys.Except(PagesWithoutToken).Order(StringComparer.Ordinal), endpoints.Order(StringComparer.Ordinal));
    }

    /// <summary>Every Razor Pages POST handler, with route values filled in: /admin/articles/1/edit?handler=Publish.</summary>
    private List<string> PostAddresses()
    {
        var pages = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .GroupBy(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath, StringComparer.Ordinal);
        var addresses = new List<string>();
        foreach (var page in pages)
        {
            var endpoint = page.First();
            var compiled = endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>();
            var handlers = compiled?.HandlerMethods.Where(h => h.HttpMethod == "Post").Select(h => h.Name).ToList() ?? [];
            var path = RouteValue().Replace("/" + endpoint.RoutePattern.RawText!.TrimStart('/'), "1");
            addresses.AddRange(handlers.Select(name => name is null ? path : $"{path}?handler={name}"));
        }

        return addresses;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteValue();
}

[Collection(SqliteCollection.Name)]
public sealed class AntiforgeryTestsOnSqlite(SqliteFactory factory) : AntiforgeryTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class AntiforgeryTestsOnPostgres(PostgresFactory factory) : AntiforgeryTests(factory);
