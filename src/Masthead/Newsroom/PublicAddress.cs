using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Masthead.Editions;
using Microsoft.Extensions.Options;

namespace Masthead.Newsroom;

/// <summary>
/// The newsroom's public addresses: the one source of every absolute URL Masthead writes (emails, canonical links,
/// <c>og:url</c>, feeds, the sitemap, robots.txt, the content API, payment return addresses) and of the host names the
/// site answers outside Development. A request's <c>Host</c> header is the client's to choose, so it never leaves in
/// an email; it reaches a page only in Development with no <c>Masthead:Newsroom:BaseUrl</c>, the README's first run.
/// </summary>
public sealed class PublicAddress(IOptions<NewsroomOptions> newsroom, IHostEnvironment environment, IServer server)
{
    /// <summary>The configured base address without its trailing slash, e.g. <c>https://news.example.org</c>, or null.</summary>
    public string? Configured => Root(newsroom.Value.BaseUrl);

    /// <summary>
    /// <paramref name="path"/> (from the edition's root, e.g. <c>/feed.xml</c>) in the request's edition: on its own base
    /// address, else on the configured base under its prefix; with none (Development only, since elsewhere the start
    /// refuses), on the address the request came to.
    /// </summary>
    public string ForPage(HttpContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Edition.Of(context).BaseUrl is { } own ? own + path : Root(context) + context.Request.PathBase + path;
    }

    /// <summary><paramref name="path"/> in <paramref name="edition"/>, for a link from a page of another edition (a translation, <c>hreflang</c>).</summary>
    public string ForEdition(HttpContext context, Edition edition, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(edition);
        return edition.BaseUrl is { } own ? own + path : Root(context) + edition.Prefix + path;
    }

    /// <summary>
    /// <paramref name="path"/> in <paramref name="edition"/> (the default one when null) for a message that leaves the
    /// site (an email): the configured base, else where this server listens; never the request's address, which
    /// whoever posts a form may set to their own host.
    /// </summary>
    public string ForEmail(string path, Edition? edition = null) =>
        edition?.BaseUrl is { } own ? own + path : (Configured ?? Listening()) + edition?.Prefix + path;

    /// <summary>The host names the site answers outside Development: those of the base address and of every alias.</summary>
    public static IReadOnlyList<string> HostNames(NewsroomOptions newsroom)
    {
        ArgumentNullException.ThrowIfNull(newsroom);
        return [.. new[] { newsroom.BaseUrl }.Concat(newsroom.Aliases).Concat(newsroom.Editions.Values.Select(edition => edition.BaseUrl))
            .Select(address => Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri.IdnHost : null)
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>A warning when ASP.NET Core's <c>AllowedHosts</c> is set where Masthead replaces it by the public addresses' host names.</summary>
    public static string? IgnoredAllowedHosts(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<IConfiguration>()["AllowedHosts"] is { Length: > 0 } set
            && !services.GetRequiredService<IHostEnvironment>().IsDevelopment()
            ? $"WARNING: AllowedHosts ({set}) is ignored outside Development: Masthead answers the host names of Masthead:Newsroom:BaseUrl and Masthead:Newsroom:Aliases."
            : null;
    }

    /// <summary>Why <paramref name="address"/> (the value of <paramref name="setting"/>) cannot be a public address, or null when it can.</summary>
    public static string? Problem(string setting, string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Length == 0
            && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.IdnHost.Length > 0
            ? null
            : $"{setting} \"{address}\" must be the site's address alone, like https://news.example.org: http or https, a host name, no path, query or fragment.";

    /// <summary>The site's root for a page: the configured base, or in Development with none, the request's scheme and host.</summary>
    private string Root(HttpContext context) =>
        Configured ?? (environment.IsDevelopment() ? $"{context.Request.Scheme}://{context.Request.Host}" : Listening());

    private static string? Root(string? address) => string.IsNullOrWhiteSpace(address) ? null : address.Trim().TrimEnd('/');

    /// <summary>The first address Kestrel listens on, a wildcard read as localhost; http://localhost without one (the test server).</summary>
    private string Listening()
    {
        var first = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (first is null || !Uri.TryCreate(first.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return "http://localhost";
        }

        var host = uri.Host is "0.0.0.0" or "[::]" ? "localhost" : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}";
    }
}
