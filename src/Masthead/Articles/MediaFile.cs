namespace Masthead.Articles;

/// <summary>An uploaded image, by the random name <see cref="CoverImages"/> gave it. At most <see cref="CoverImages.MaxBytes"/>.</summary>
public sealed class MediaFile
{
    public required string Name { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Bytes { get; set; }
}
