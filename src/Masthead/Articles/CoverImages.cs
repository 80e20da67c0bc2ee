using System.Security.Cryptography;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Articles;

/// <summary>
/// Cover images uploaded by editors, kept in the database (<see cref="MediaFile"/>) so that every app node serves every
/// image, and so a backup holds them; served from /media. Images written to &lt;DataDirectory&gt;/media by versions
/// before that are still served from there.
/// </summary>
public sealed partial class CoverImages(IConfiguration configuration)
{
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>The widest or tallest cover accepted, and the most pixels: a reader's browser decodes the whole image.</summary>
    public const int MaxSide = 12_000;
    public const long MaxPixels = 50_000_000;

    private static readonly (string Extension, byte?[] Signature)[] Formats =
    [
        (".jpg", [0xFF, 0xD8, 0xFF]),
        (".png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        (".gif", [0x47, 0x49, 0x46, 0x38]),
        (".webp", [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50]),
    ];

    public string Directory { get; } = MastheadPaths.MediaDirectory(configuration);

    /// <summary>Why this upload cannot be a cover image, or null when it can.</summary>
    public static string? Problem(IFormFile file)
    {
        if (file.FileName.IndexOfAny(['/', '\\']) >= 0 || file.FileName.Contains("..", StringComparison.Ordinal))
        {
            return "The file name must be a plain name, without folders or \"..\".";
        }

        if (file.Length == 0)
        {
            return "The image file is empty.";
        }

        return file.Length > MaxBytes ? $"The image is {file.Length / 1024 / 1024.0:0.0} MB; the limit is {MaxBytes / 1024 / 1024} MB." : null;
    }

    /// <summary>
    /// Adds the upload to <paramref name="db"/> (saved with the article) under a random name if its bytes are a JPEG, PNG, GIF or WebP image whose header declares a size a
    /// browser can decode (no "decompression bomb" declaring 100,000 × 100,000 pixels); returns that name or null.
    /// </summary>
    public async Task<string?> SaveAsync(MastheadDb db, IFormFile file, CancellationToken cancellationToken)
    {
        // At most MaxBytes (checked by Problem), so reading it whole is cheap and lets the header be walked.
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        var extension = Formats.FirstOrDefault(f => bytes.Length >= f.Signature.Length && f.Signature.Select((b, i) => b is null || b == bytes[i]).All(match => match)).Extension;
        if (extension is null || Dimensions(extension, bytes) is not ({ } width, { } height) || width is <= 0 or > MaxSide || height is <= 0 or > MaxSide || (long)width * height > MaxPixels)
        {
            return null;
        }

        // The name is ours, never the uploader's, so nothing they send can choose where the file lands.
        var name = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)) + extension;
        ArgumentNullException.ThrowIfNull(db);
        db.MediaFiles.Add(new MediaFile { Name = name, ContentType = ContentType(name), Bytes = bytes });
        return name;
    }

    /// <summary>GET /media/{name}: the image, cached for a year by browsers and CDNs (names are random and never reused).</summary>
    public async Task<IResult> ServeAsync(string name, HttpContext context, MastheadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!StoredName().IsMatch(name))
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        var tag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue("\"" + name + "\"");
        var bytes = await db.MediaFiles.AsNoTracking().Where(m => m.Name == name).Select(m => m.Bytes).SingleOrDefaultAsync(cancellationToken);
        if (bytes is not null)
        {
            return Results.Bytes(bytes, ContentType(name), entityTag: tag);
        }

        var legacy = Path.Combine(Directory, name);
        return File.Exists(legacy) ? Results.File(legacy, ContentType(name), entityTag: tag) : Results.NotFound();
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".jpg" => "image/jpeg",
        ".png" => "image/png",
        ".gif" => "image/gif",
        _ => "image/webp",
    };

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9a-f]{24}\\.(jpg|png|gif|webp)$")]
    private static partial System.Text.RegularExpressions.Regex StoredName();

    /// <summary>The width and height the image's header declares, or nulls when the header is not there.</summary>
    private static (int?, int?) Dimensions(string extension, byte[] b)
    {
        static int Big16(byte[] b, int at) => (b[at] << 8) | b[at + 1];
        static long Big32(byte[] b, int at) => ((long)b[at] << 24) | ((long)b[at + 1] << 16) | ((long)b[at + 2] << 8) | b[at + 3];
        static int Little16(byte[] b, int at) => b[at] | (b[at + 1] << 8);
        static int Little24(byte[] b, int at) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);

        switch (extension)
        {
            case ".png" when b.Length >= 24 && b.AsSpan(12, 4).SequenceEqual("IHDR"u8):
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
                var chunk = System.Text.Encoding.ASCII.GetString(b, 12, 4);
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
