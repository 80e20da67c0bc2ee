using System.Security.Cryptography;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Articles;

/// <summary>
/// Cover images uploaded by editors, kept in the database (<see cref="MediaFile"/>) so that every app node serves every
/// image, and so a backup holds them; served from /media. Images written to &lt;DataDirectory&gt;/media by versions
/// before that are still served from there.
/// </summary>
public sealed class CoverImages(IConfiguration configuration)
{
    public const long MaxBytes = 5 * 1024 * 1024;

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
    /// Adds the upload to <paramref name="db"/> (saved with the article) under a random name if its bytes pass
    /// <see cref="MediaImages.Extension"/>; returns that name or null.
    /// </summary>
    public async Task<string?> SaveAsync(MastheadDb db, IFormFile file, CancellationToken cancellationToken)
    {
        // At most MaxBytes (checked by Problem), so reading it whole is cheap and lets the header be walked.
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        if (MediaImages.Extension(bytes) is not { } extension)
        {
            return null;
        }

        // The name is ours, never the uploader's, so nothing they send can choose where the file lands.
        var name = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)) + extension;
        ArgumentNullException.ThrowIfNull(db);
        db.MediaFiles.Add(new MediaFile { Name = name, ContentType = MediaImages.ContentType(name), Bytes = bytes });
        return name;
    }

    /// <summary>
    /// Copies the images in &lt;DataDirectory&gt;/media that the database does not hold into <see cref="MediaFile"/>s, under
    /// their own names (articles name them), so a backup of the database carries them; the files stay. Returns how many.
    /// </summary>
    public async Task<int> AdoptFolderAsync(MastheadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var names = System.IO.Directory.EnumerateFiles(Directory).Select(Path.GetFileName).OfType<string>().Where(MediaImages.IsStoredName).ToList();
        var stored = await db.MediaFiles.Where(m => names.Contains(m.Name)).Select(m => m.Name).ToListAsync(cancellationToken);
        var adopted = 0;
        foreach (var name in names.Except(stored))
        {
            var path = Path.Combine(Directory, name);
            if (new FileInfo(path).Length <= MaxBytes)
            {
                db.MediaFiles.Add(new MediaFile { Name = name, ContentType = MediaImages.ContentType(name), Bytes = await File.ReadAllBytesAsync(path, cancellationToken) });
                adopted++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return adopted;
    }

    /// <summary>GET /media/{name}: the image, cached for a year by browsers and CDNs (a name is random, or comes from the content, and never names other bytes).</summary>
    public async Task<IResult> ServeAsync(string name, HttpContext context, MastheadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!MediaImages.IsStoredName(name))
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        var tag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue("\"" + name + "\"");
        var bytes = await db.MediaFiles.AsNoTracking().Where(m => m.Name == name).Select(m => m.Bytes).SingleOrDefaultAsync(cancellationToken);
        if (bytes is not null)
        {
            return Results.Bytes(bytes, MediaImages.ContentType(name), entityTag: tag);
        }

        var legacy = Path.Combine(Directory, name);
        return File.Exists(legacy) ? Results.File(legacy, MediaImages.ContentType(name), entityTag: tag) : Results.NotFound();
    }
}
