namespace Masthead.Reach;

/// <summary>The one rule for a mirror's address: what is accepted, and the form it is kept in.</summary>
public static class MirrorAddress
{
    /// <summary>
    /// <paramref name="typed"/> as kept (scheme and host lower-cased, no trailing slash), or null when it is not an
    /// absolute http or https address without user name, query or fragment. A path is allowed: a static copy may live
    /// under one (https://example.github.io/meridian).
    /// </summary>
    public static string? Normalize(string? typed)
    {
        var text = typed?.Trim() ?? "";
        if (text.Length is 0 or > Mirror.AddressLength || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0
            || uri.IdnHost.Length == 0 || text.Contains('#') || text.Contains('?'))
        {
            return null;
        }

        return $"{uri.Scheme}://{uri.Authority.ToLowerInvariant()}{uri.AbsolutePath.TrimEnd('/')}";
    }

    public static bool IsOnion(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Host.EndsWith(".onion", StringComparison.OrdinalIgnoreCase);
}
