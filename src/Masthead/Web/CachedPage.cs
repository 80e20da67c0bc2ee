using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Extensions.Primitives;

namespace Masthead.Web;

/// <summary>
/// One version of a page and the headers that describe it. Each compressed encoding is made the first time a reader
/// asks for it and kept with the page, so it is computed once per version, never per request, and never for an
/// encoding nobody asked for.
/// </summary>
internal sealed class CachedPage
{
    private byte[]? _gzip;
    private byte[]? _brotli;
    private string? _gzipETag;
    private string? _brotliETag;

    private CachedPage(byte[] identity, string etag, string contentType, IReadOnlyList<string> tags, bool varies)
    {
        (Identity, ETag, ContentType, Tags, Varies) = (identity, etag, contentType, tags, varies);
    }

    public byte[] Identity { get; }

    /// <summary>Of the identity bytes; each encoding adds a suffix, since a strong ETag names exact bytes.</summary>
    public string ETag { get; }

    public string ContentType { get; }

    public IReadOnlyList<string> Tags { get; }

    /// <summary>Whether a reader may get another copy of this address (<see cref="IPageVariant"/>); a page that does not vary serves everyone.</summary>
    public bool Varies { get; }

    public long LastUsed { get; set; }

    /// <summary>The route pattern that made the page (e.g. /{slug}), for the request metrics of the answers served from the cache.</summary>
    public string? Route { get; set; }

    /// <summary>Memory held, counted when stored: the plain bytes and room for both encodings (about a third of them).</summary>
    public long Size => Identity.Length * 4L / 3 + 256;

    public static CachedPage Create(byte[] identity, string contentType, IReadOnlyList<string> tags, bool varies) =>
        new(identity, "\"" + Convert.ToHexStringLower(SHA256.HashData(identity).AsSpan(0, 12)) + "\"", contentType, tags, varies);

    public enum Encoding
    {
        Identity,
        Gzip,
        Brotli,
    }

    public (byte[] Body, string ETag, string? ContentEncoding) For(Encoding encoding) => encoding switch
    {
        // Two readers may compress the same page at once; both get the same bytes, and one copy is kept.
        Encoding.Brotli => (_brotli ??= Compress(Identity, Encoding.Brotli), _brotliETag ??= ETag[..^1] + "-br\"", "br"),
        Encoding.Gzip => (_gzip ??= Compress(Identity, Encoding.Gzip), _gzipETag ??= ETag[..^1] + "-gz\"", "gzip"),
        _ => (Identity, ETag, null),
    };

    /// <summary>Whether If-None-Match names this page in any encoding (weak comparison, as RFC 9110 asks for GET).</summary>
    public bool MatchesAny(StringValues ifNoneMatch)
    {
        var bare = ETag.AsSpan(1, ETag.Length - 2);
        foreach (var header in ifNoneMatch)
        {
            foreach (var part in (header ?? "").Split(','))
            {
                var tag = part.Trim();
                if (tag == "*")
                {
                    return true;
                }

                var value = tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
                if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
                {
                    continue;
                }

                var inner = value.AsSpan(1, value.Length - 2);
                if (inner.SequenceEqual(bare) || (inner.Length == bare.Length + 3 && inner.StartsWith(bare) && inner[bare.Length..] is "-br" or "-gz"))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static byte[] Compress(byte[] identity, Encoding encoding)
    {
        using var output = new MemoryStream(identity.Length / 3);
        using (Stream compressor = encoding == Encoding.Gzip
            ? new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)
            : new BrotliStream(output, new BrotliCompressionOptions { Quality = 6 }, leaveOpen: true))
        {
            compressor.Write(identity);
        }

        return output.ToArray();
    }
}
