using System.Globalization;

namespace Masthead.Tests.Infrastructure;

/// <summary>
/// The cookies of one test client. Unlike <see cref="System.Net.CookieContainer"/>, which judges expiry by the real
/// clock, this judges it by the app's <see cref="TimeProvider"/>: a cookie the app issues under a fake clock set
/// in the past is not thrown away on arrival, and advancing the fake clock past its expiry drops it, as a browser would.
/// One host only (the test server); Domain is ignored, Path and Secure are honoured.
/// </summary>
public sealed class TestCookieJar(TimeProvider clock)
{
    private readonly Dictionary<(string Name, string Path), Cookie> _cookies = [];
    private readonly Lock _lock = new();

    public sealed record Cookie(string Name, string Value, string Path, DateTimeOffset? Expires, bool Secure, bool HttpOnly, string? SameSite);

    /// <summary>The cookies held now (expired ones left out).</summary>
    public IReadOnlyList<Cookie> All
    {
        get
        {
            lock (_lock)
            {
                var now = clock.GetUtcNow();
                return _cookies.Values.Where(c => c.Expires is not { } expires || expires > now).ToList();
            }
        }
    }

    public IEnumerable<string> Names => All.Select(c => c.Name).Distinct(StringComparer.Ordinal);

    /// <summary>The value of the cookie called <paramref name="name"/>, or null.</summary>
    public string? this[string name] => All.FirstOrDefault(c => c.Name == name)?.Value;

    public void Remove(string name)
    {
        lock (_lock)
        {
            foreach (var key in _cookies.Keys.Where(k => k.Name == name).ToList())
            {
                _cookies.Remove(key);
            }
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _cookies.Clear();
        }
    }

    /// <summary>The Cookie header a browser would send to <paramref name="uri"/>, or null when none apply.</summary>
    public string? HeaderFor(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var path = uri.AbsolutePath;
        var https = uri.Scheme == Uri.UriSchemeHttps;
        var matching = All
            .Where(c => (https || !c.Secure) && PathMatches(path, c.Path))
            .OrderByDescending(c => c.Path.Length)
            .Select(c => $"{c.Name}={c.Value}")
            .ToList();
        return matching.Count == 0 ? null : string.Join("; ", matching);
    }

    /// <summary>Takes in one Set-Cookie header received from <paramref name="uri"/>.</summary>
    public void Store(Uri uri, string setCookie)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(setCookie);
        var parts = setCookie.Split(';');
        var pair = parts[0];
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return;
        }

        var name = pair[..equals].Trim();
        var value = pair[(equals + 1)..].Trim();
        var now = clock.GetUtcNow();
        DateTimeOffset? expires = null;
        DateTimeOffset? maxAgeExpires = null;
        var path = DefaultPath(uri.AbsolutePath);
        bool secure = false, httpOnly = false;
        string? sameSite = null;
        foreach (var attribute in parts.Skip(1))
        {
            var eq = attribute.IndexOf('=', StringComparison.Ordinal);
            var key = (eq < 0 ? attribute : attribute[..eq]).Trim().ToLowerInvariant();
            var argument = eq < 0 ? "" : attribute[(eq + 1)..].Trim();
            switch (key)
            {
                case "expires" when DateTimeOffset.TryParse(argument, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var at):
                    expires = at;
                    break;
                case "max-age" when long.TryParse(argument, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds):
                    maxAgeExpires = seconds <= 0 ? DateTimeOffset.MinValue : now.AddSeconds(Math.Min(seconds, 400L * 24 * 3600));
                    break;
                case "path" when argument.StartsWith('/'):
                    path = argument;
                    break;
                case "secure":
                    secure = true;
                    break;
                case "httponly":
                    httpOnly = true;
                    break;
                case "samesite":
                    sameSite = argument;
                    break;
            }
        }

        var cookie = new Cookie(name, value, path, maxAgeExpires ?? expires, secure, httpOnly, sameSite);
        lock (_lock)
        {
            if (cookie.Expires is { } at && at <= now)
            {
                _cookies.Remove((name, path));
            }
            else
            {
                _cookies[(name, path)] = cookie;
            }
        }
    }

    private static bool PathMatches(string requestPath, string cookiePath) =>
        requestPath == cookiePath ||
        (requestPath.StartsWith(cookiePath, StringComparison.Ordinal) &&
         (cookiePath.EndsWith('/') || requestPath[cookiePath.Length] == '/'));

    private static string DefaultPath(string requestPath)
    {
        var slash = requestPath.LastIndexOf('/');
        return slash <= 0 ? "/" : requestPath[..slash];
    }

    /// <summary>Sends the jar's cookies with each request and stores the ones each response sets.</summary>
    public sealed class Handler(TestCookieJar jar) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no address.");
            request.Headers.Remove("Cookie");
            if (jar.HeaderFor(uri) is { } header)
            {
                request.Headers.TryAddWithoutValidation("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    jar.Store(uri, setCookie);
                }
            }

            return response;
        }
    }
}
