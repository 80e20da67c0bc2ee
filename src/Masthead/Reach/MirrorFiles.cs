using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Masthead.Reach;

/// <summary>
/// Where each of the site's addresses lives in a static copy, and how one file of the copy links to another. Pages
/// become <c>index.html</c> files in a folder of their path (<c>/articles/x</c> → <c>articles/x/index.html</c>, a
/// list's <c>?page=2</c> → <c>…/page/2/index.html</c>); files keep their path. Links between them are relative and
/// name <c>index.html</c>, so the copy works from any host, under any sub-path and from <c>file://</c>.
/// </summary>
public static class MirrorFiles
{
    /// <summary>
    /// The address the copy keeps for <paramref name="pathAndQuery"/>: the path, and for a page its <c>page</c> number
    /// above 1, the one query a public page reads that changes what it shows; any other query is dropped.
    /// </summary>
    public static string Canonical(string pathAndQuery)
    {
        var (path, query) = Split(pathAndQuery);
        if (IsFile(path) || query.Length == 0)
        {
            return path;
        }

        var number = QueryHelpers.ParseQuery(query).TryGetValue("page", out var page) && int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 1 ? n : 1;
        return number > 1 ? $"{path}?page={number.ToString(CultureInfo.InvariantCulture)}" : path;
    }

    /// <summary>The file (relative to the copy's folder, '/'-separated, unescaped) holding <paramref name="canonical"/>.</summary>
    public static string FileOf(string canonical)
    {
        var (path, query) = Split(canonical);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        if (IsFile(path))
        {
            return string.Join('/', segments);
        }

        if (query.Length > 0)
        {
            segments.AddRange(["page", QueryHelpers.ParseQuery(query)["page"].ToString()]);
        }

        segments.Add("index.html");
        return string.Join('/', segments);
    }

    /// <summary>The address of <paramref name="file"/> on a web server under <paramref name="baseUrl"/>: a folder's page by its folder.</summary>
    public static string WebAddress(string baseUrl, string file) =>
        baseUrl.TrimEnd('/') + "/" + Escape(file.EndsWith("index.html", StringComparison.Ordinal) ? file[..^"index.html".Length] : file);

    /// <summary>The link from the page in file <paramref name="from"/> to file <paramref name="to"/>, e.g. <c>../../index.html</c>.</summary>
    public static string Relative(string from, string to)
    {
        var fromFolder = from.Split('/')[..^1];
        var target = to.Split('/');
        var common = 0;
        while (common < fromFolder.Length && common < target.Length - 1 && fromFolder[common] == target[common])
        {
            common++;
        }

        var up = string.Concat(Enumerable.Repeat("../", fromFolder.Length - common));
        return up + Escape(string.Join('/', target[common..]));
    }

    /// <summary>Whether the last segment names a file (<c>/site.css</c>, <c>/media/3/photo.jpg</c>) rather than a page.</summary>
    public static bool IsFile(string path) => path[(path.LastIndexOf('/') + 1)..].Contains('.', StringComparison.Ordinal);

    private static (string Path, string Query) Split(string pathAndQuery)
    {
        var at = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = at < 0 ? pathAndQuery : pathAndQuery[..at];
        return (path.Length == 0 ? "/" : path, at < 0 ? "" : pathAndQuery[at..]);
    }

    private static string Escape(string file) => string.Join('/', file.Split('/').Select(Uri.EscapeDataString));
}
