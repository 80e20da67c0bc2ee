namespace Masthead.Redirects;

/// <summary>
/// The one form an old address is stored and looked up in: path only (an absolute URL loses its scheme and host),
/// percent-decoded, lower case, no trailing slash, and of the query only WordPress's <c>p</c> and <c>page_id</c>, which
/// address a post by number (<c>/?p=42</c>); tracking parameters and the like are dropped.
/// </summary>
public static class RedirectPaths
{
    public const int MaxLength = 1000;

    private static readonly string[] KeptQuery = ["p", "page_id"];

    /// <summary>The normalized path, or null when the text is not an address on a site (empty, too long, another scheme).</summary>
    public static string? Normalize(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        var text = address.Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            text = absolute.PathAndQuery;
        }
        else if (!text.StartsWith('/') || text.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }

        var queryAt = text.IndexOfAny(['?', '#']);
        var path = queryAt < 0 ? text : text[..queryAt];
        var query = queryAt >= 0 && text[queryAt] == '?' ? text[(queryAt + 1)..].Split('#')[0] : "";
        path = Unescape(path).ToLowerInvariant();

        // No address of a site holds a control character once decoded ("%00"): PostgreSQL would refuse it in a query.
        if (path.Any(char.IsControl))
        {
            return null;
        }

        while (path.Contains("//", StringComparison.Ordinal))
        {
            path = path.Replace("//", "/", StringComparison.Ordinal);
        }

        if (path.Length > 1)
        {
            path = path.TrimEnd('/');
        }

        var kept = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .FirstOrDefault(pair => pair.Length == 2 && KeptQuery.Contains(pair[0]) && pair[1].Length > 0 && pair[1].All(char.IsAsciiDigit));
        var normalized = kept is null ? path : $"{path}?{kept[0]}={kept[1]}";
        return normalized.Length <= MaxLength ? normalized : null;
    }

    private static string Unescape(string path)
    {
        try
        {
            return Uri.UnescapeDataString(path);
        }
        catch (UriFormatException)
        {
            return path;
        }
    }
}
