using System.Security.Cryptography;
using Masthead.Data;

namespace Masthead.Articles;

/// <summary>Cover images uploaded by editors, kept on disk under the data directory and served from /media.</summary>
public sealed class CoverImages(IConfiguration configuration)
{
    public const long MaxBytes = 5 * 1024 * 1024;

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

    /// <summary>Stores the upload under a random name if its bytes are a JPEG, PNG, GIF or WebP image; returns that name or null.</summary>
    public async Task<string?> SaveAsync(IFormFile file, CancellationToken cancellationToken)
    {
        var header = new byte[12];
        await using var stream = file.OpenReadStream();
        var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        var extension = Formats.FirstOrDefault(f => read >= f.Signature.Length && f.Signature.Select((b, i) => b is null || b == header[i]).All(match => match)).Extension;
        if (extension is null)
        {
            return null;
        }

        // The name is ours, never the uploader's, so nothing they send can choose where the file lands.
        var name = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)) + extension;
        stream.Position = 0;
        await using var target = File.Create(Path.Combine(Directory, name));
        await stream.CopyToAsync(target, cancellationToken);
        return name;
    }
}
