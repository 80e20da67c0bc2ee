using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Masthead.Tests.Infrastructure;

/// <summary>Reading the app's pages with AngleSharp.</summary>
public static class Html
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    /// <summary>The signed moment a guarded form was shown (Masthead.Web.FormGuard.ShownAtField).</summary>
    public const string ShownAtField = "form_shown";

    /// <summary>The honeypot field of a guarded form (Masthead.Web.FormGuard.HoneypotField): people leave it empty.</summary>
    public const string HoneypotField = "website";

    /// <summary>The "shown at" stamp of the page's guarded form, or null when it has none.</summary>
    public static string? ShownAt(IParentNode page) =>
        page?.QuerySelector($"input[name='{ShownAtField}']")?.GetAttribute("value");

    public static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>GETs <paramref name="url"/>, asserts 200 (saying where a redirect went, or what the page said), and parses it.</summary>
    public static async Task<IHtmlDocument> GetPageAsync(HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(ToUri(url));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var location = response.Headers.Location is { } to ? $" to {to}" : "";
            Assert.Fail($"GET {url} answered {(int)response.StatusCode} {response.StatusCode}{location}, not 200. {Messages(body)}");
        }

        return Parse(body);
    }

    /// <summary>
    /// The antiforgery token of the form that posts to <paramref name="postUrl"/> (a form without an action posts to
    /// <paramref name="pageUrl"/>), or of the first form that has one; null when the page has none.
    /// </summary>
    public static string? AntiforgeryToken(IHtmlDocument document, string pageUrl, string? postUrl = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var target = Normalize(postUrl ?? pageUrl);
        foreach (var form in document.QuerySelectorAll<IHtmlFormElement>("form"))
        {
            var action = form.GetAttribute("action");
            if (Normalize(string.IsNullOrEmpty(action) ? pageUrl : action) == target &&
                TokenIn(form) is { } token)
            {
                return token;
            }
        }

        return TokenIn(document);
    }

    /// <summary>What a page says about a failure, for assertion messages: its title, alerts and validation errors.</summary>
    public static string Messages(string html)
    {
        var document = Parse(html ?? "");
        var parts = new List<string>();
        if (document.Title is { Length: > 0 } title)
        {
            parts.Add($"Title: \"{title.Trim()}\"");
        }

        foreach (var element in document.QuerySelectorAll(
            "[role=alert], .validation-summary-errors, .field-validation-error, .text-danger, .error, .errors, [aria-invalid=true] + *"))
        {
            var text = Squash(element.TextContent);
            if (text.Length > 0 && !parts.Contains(text))
            {
                parts.Add(text);
            }
        }

        if (parts.Count <= 1)
        {
            var bodyText = Squash(document.Body?.TextContent ?? html ?? "");
            parts.Add($"Body: \"{(bodyText.Length > 400 ? bodyText[..400] + "…" : bodyText)}\"");
        }

        return string.Join(" | ", parts);
    }

    private static string? TokenIn(IParentNode node) =>
        node.QuerySelector($"input[name='{AntiforgeryField}']")?.GetAttribute("value");

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>"/path" as a relative URI (on Unix, UriKind.RelativeOrAbsolute would make it a file:// URI), else absolute.</summary>
    public static Uri ToUri(string url) =>
        new(url, url.Contains("://", StringComparison.Ordinal) ? UriKind.Absolute : UriKind.Relative);

    private static string Normalize(string url)
    {
        var uri = ToUri(url);
        var pathAndQuery = uri.IsAbsoluteUri ? uri.PathAndQuery : url;
        var hash = pathAndQuery.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            pathAndQuery = pathAndQuery[..hash];
        }

        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(query >= 0 ? pathAndQuery[..query] : pathAndQuery).TrimEnd('/');
        return (path.Length == 0 ? "/" : path).ToUpperInvariant() + (query >= 0 ? pathAndQuery[query..] : "");
    }
}

/// <summary>Posting forms as a browser does: with the antiforgery token of the page the form is on.</summary>
public static class Forms
{
    /// <inheritdoc cref="MastheadFactory.PostFormAsync"/>
    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient client, string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? postUrl = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var page = await Html.GetPageAsync(client, pageUrl);
        var token = Html.AntiforgeryToken(page, pageUrl, postUrl);
        Assert.True(token is not null, $"{pageUrl} has no form with an {Html.AntiforgeryField} field to post with.");
        var body = fields.ToList();
        if (!body.Exists(field => field.Key == Html.AntiforgeryField))
        {
            body.Add(new(Html.AntiforgeryField, token!));
        }

        // A browser sends the form's signed "shown at" stamp back too (Web/FormGuard.cs).
        if (!body.Exists(field => field.Key == Html.ShownAtField) && Html.ShownAt(page) is { } shown)
        {
            body.Add(new(Html.ShownAtField, shown));
        }

        using var content = new FormUrlEncodedContent(body);
        return await client.PostAsync(Html.ToUri(postUrl ?? pageUrl), content);
    }
}
