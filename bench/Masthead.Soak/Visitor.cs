using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Masthead.Soak;

/// <summary>
/// One person's visit: the cookies Masthead gave them and the forms they fill in, as a browser with JavaScript off would.
/// Cookies are kept by hand, because the site marks some Secure and the soak talks plain HTTP to 127.0.0.1.
/// </summary>
internal sealed class Visitor(HttpClient http, Tally tally, string kind)
{
    private static readonly HtmlParser Parser = new();
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_cookies)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }
        }

        tally.Request(kind);
        var response = await http.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            lock (_cookies)
            {
                foreach (var setCookie in setCookies)
                {
                    var pair = setCookie.Split(';', 2)[0];
                    var at = pair.IndexOf('=', StringComparison.Ordinal);
                    if (at <= 0)
                    {
                        continue;
                    }

                    var (name, value) = (pair[..at].Trim(), pair[(at + 1)..].Trim());
                    if (value.Length == 0 || setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                    {
                        _cookies.Remove(name);
                    }
                    else
                    {
                        _cookies[name] = value;
                    }
                }
            }
        }

        return response;
    }

    public async Task<HttpStatusCode> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return response.StatusCode;
    }

    /// <summary>GETs a page that must answer 200 and parses it.</summary>
    public async Task<IHtmlDocument> PageAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        Expect(response, HttpStatusCode.OK, $"GET {path}");
        return await Parser.ParseDocumentAsync(html, cancellationToken);
    }

    /// <summary>
    /// Submits the first form on <paramref name="page"/> that has a field named <paramref name="marker"/> (or the first
    /// form), with what a browser would send (its fields as they stand, the antiforgery token among them) changed by
    /// <paramref name="changes"/>; returns the redirect's target, which it must be (or "" when the form answers with a
    /// page of its own, <paramref name="answersWithPage"/>, which must then be a 200).
    /// </summary>
    public async Task<string> SubmitAsync(
        IHtmlDocument page, string action, IReadOnlyDictionary<string, string> changes, string? marker, CancellationToken cancellationToken,
        bool answersWithPage = false)
    {
        var form = page.Forms.FirstOrDefault(f => marker is null || f.Elements.Any(e => e.GetAttribute("name") == marker))
            ?? throw new SoakFailure($"{action}: the page has no form{(marker is null ? "" : " with " + marker)}.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name } input
                    when input.Type is not ("submit" or "button" or "file" or "image" or "reset") && (input.Type is not ("checkbox" or "radio") || input.IsChecked):
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } area:
                    fields.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    fields.AddRange(select.Options.Where(o => o.IsSelected).Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
            }
        }

        fields.RemoveAll(f => changes.ContainsKey(f.Key));
        fields.AddRange(changes);
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
        using var response = await SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        if (answersWithPage)
        {
            Expect(response, HttpStatusCode.OK, $"POST {action}");
            return "";
        }

        if (response.StatusCode is not (HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.Redirect))
        {
            throw new SoakFailure($"POST {action} answered {(int)response.StatusCode}, not a redirect.");
        }

        // The site may answer with an absolute address; the visit stays on the same server either way.
        return response.Headers.Location switch
        {
            null => throw new SoakFailure($"POST {action} redirected nowhere."),
            { IsAbsoluteUri: true } location => location.PathAndQuery,
            var location => location.OriginalString,
        };
    }

    public static void Expect(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        if (response.StatusCode != status)
        {
            throw new SoakFailure($"{what} answered {(int)response.StatusCode}, not {(int)status}.");
        }
    }
}

/// <summary>An answer other than the one a working site gives: counted as an error of its kind.</summary>
internal sealed class SoakFailure(string message) : Exception(message);
