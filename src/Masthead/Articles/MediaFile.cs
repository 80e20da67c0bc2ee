namespace Masthead.Articles;

/// <summary>An uploaded or imported image, by the name <see cref="CoverImages"/> or <see cref="MediaImages"/> gave it. At most <see cref="CoverImages.MaxBytes"/>.</summary>
public sealed class MediaFile
{
    public required string Name { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Bytes { get; set; }
}
