using Masthead.Articles;

namespace Masthead.Import;

/// <summary>An image read for an import: its bytes, or the one short reason it could not be had (for the report).</summary>
public readonly record struct MediaBytes(byte[]? Bytes, string? Problem)
{
    public static MediaBytes Missing(string problem) => new(null, problem);

    /// <summary>The bytes when they are an image <see cref="MediaImages"/> accepts, at most <see cref="CoverImages.MaxBytes"/>.</summary>
    public static MediaBytes Checked(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length > CoverImages.MaxBytes)
        {
            return Missing(TooLarge);
        }

        return MediaImages.Extension(bytes) is null ? Missing("not a JPEG, PNG, GIF or WebP image of a size a browser can decode") : new(bytes, null);
    }

    public static string TooLarge => $"larger than {CoverImages.MaxBytes >> 20} MB";
}
