using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Articles;

/// <summary>
/// The one check every stored image passes (an upload, an imported file): its first bytes are a JPEG, PNG, GIF or WebP
/// and its header declares a size a browser can decode (no "decompression bomb" declaring 100,000 × 100,000 pixels); and
/// the names images are stored and served under, <c>/media/&lt;24 hex&gt;.&lt;extension&gt;</c>.
/// </summary>
public static partial class MediaImages
{
    /// <summary>The widest or tallest image accepted, and the most pixels: a reader's browser decodes the whole image.</summary>
    public const int MaxSide = 12_000;
    public const long MaxPixels = 50_000_000;

    private static readonly (string Extension, byte?[] Signature)[] Formats =
    [
        (".jpg", [0xFF, 0xD8, 0xFF]),
        (".png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        (".gif", [0x47, 0x49, 0x46, 0x38]),
        (".webp", [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50]),
    ];

    /// <summary>".jpg", ".png", ".gif" or ".webp" when the bytes are such an image of a decodable size, else null.</summary>
    public static string? Extension(ReadOnlySpan<byte> bytes)
    {
        string? extension = null;
        foreach (var (candidate, signature) in Formats)
        {
            if (bytes.Length >= signature.Length && Matches(bytes, signature))
            {
                extension = candidate;
                break;
            }
        }

        return extension is not null && Dimensions(extension, bytes) is ({ } width, { } height)
            && width is > 0 and <= MaxSide && height is > 0 and <= MaxSide && (long)width * height <= MaxPixels
            ? extension
            : null;
    }

    /// <summary>
    /// The name an image's bytes are stored under when the name comes from its content (an import): the same file
    /// always gets the same name, so importing it twice stores it once.
    /// </summary>
    public static string StoredName(ReadOnlySpan<byte> bytes, string extension) =>
        Convert.ToHexStringLower(SHA256.HashData(bytes)[..12]) + extension;

    /// <summary>
    /// Adds the image to <paramref name="db"/> (saved by the caller) under the name its content gives, unless a file of
    /// that name is already stored or added; returns the name, or null when the bytes are not an acceptable image or
    /// are over <see cref="CoverImages.MaxBytes"/>.
    /// </summary>
    public static async Task<string?> AddAsync(MastheadDb db, byte[] bytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length > CoverImages.MaxBytes || Extension(bytes) is not { } extension)
        {
            return null;
        }

        var name = StoredName(bytes, extension);
        if (db.MediaFiles.Local.All(m => m.Name != name) && !await db.MediaFiles.AnyAsync(m => m.Name == name, cancellationToken))
        {
            db.MediaFiles.Add(new MediaFile { Name = name, ContentType = ContentType(name), Bytes = bytes });
        }

        return name;
    }

    /// <summary>Whether <paramref name="name"/> is a name images are stored under (and nothing that could reach a folder).</summary>
    public static bool IsStoredName(string name) => StoredNamePattern().IsMatch(name);

    /// <summary>Whether <paramref name="url"/> is exactly <c>/media/&lt;stored name&gt;</c>: this site's own image, nothing else.</summary>
    public static bool IsMediaPath(string url) => url.StartsWith("/media/", StringComparison.Ordinal) && IsStoredName(url["/media/".Length..]);

    public static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".jpg" => "image/jpeg",
        ".png" => "image/png",
        ".gif" => "image/gif",
        _ => "image/webp",
    };

    private static bool Matches(ReadOnlySpan<byte> bytes, byte?[] signature)
    {
        for (var i = 0; i < signature.Length; i++)
        {
            if (signature[i] is { } expected && bytes[i] != expected)
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex("^[0-9a-f]{24}\\.(jpg|png|gif|webp)$")]
    private static partial Regex StoredNamePattern();

    /// <summary>The width and height the image's header declares, or nulls when the header is not there.</summary>
    private static (int?, int?) Dimensions(string extension, ReadOnlySpan<byte> b)
    {
        static int Big16(ReadOnlySpan<byte> b, int at) => (b[at] << 8) | b[at + 1];
        static long Big32(ReadOnlySpan<byte> b, int at) => ((long)b[at] << 24) | ((long)b[at + 1] << 16) | ((long)b[at + 2] << 8) | b[at + 3];
        static int Little16(ReadOnlySpan<byte> b, int at) => b[at] | (b[at + 1] << 8);
        static int Little24(ReadOnlySpan<byte> b, int at) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);

        switch (extension)
        {
            case ".png" when b.Length >= 24 && b.Slice(12, 4).SequenceEqual("IHDR"u8):
                return ((int)Math.Min(Big32(b, 16), int.MaxValue), (int)Math.Min(Big32(b, 20), int.MaxValue));
            case ".gif" when b.Length >= 10:
                return (Little16(b, 6), Little16(b, 8));
            case ".jpg":
                // Walk the segments to the first frame header (SOF0-SOF15, except DHT, JPG and DAC).
                for (var at = 2; at + 9 < b.Length && b[at] == 0xFF;)
                {
                    var marker = b[at + 1];
                    if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                    {
                        return (Big16(b, at + 7), Big16(b, at + 5));
                    }

                    at += 2 + Big16(b, at + 2);
                }

                return (null, null);
            case ".webp" when b.Length >= 30:
                var chunk = System.Text.Encoding.ASCII.GetString(b.Slice(12, 4));
                return chunk switch
                {
                    "VP8 " when b[23] == 0x9D && b[24] == 0x01 && b[25] == 0x2A => (Little16(b, 26) & 0x3FFF, Little16(b, 28) & 0x3FFF),
                    "VP8L" when b[20] == 0x2F => ((b[21] | ((b[22] & 0x3F) << 8)) + 1, ((b[22] >> 6) | (b[23] << 2) | ((b[24] & 0x0F) << 10)) + 1),
                    "VP8X" => (Little24(b, 24) + 1, Little24(b, 27) + 1),
                    _ => (null, null),
                };
            default:
                return (null, null);
        }
    }
}
