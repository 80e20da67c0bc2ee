using System.IO.Compression;

namespace Masthead.Import;

/// <summary>
/// A Ghost export zip, checked before anything in it is read: no entry path leaving the archive, no more entries, total
/// size or compression ratio than any real export has (a zip bomb is refused, not unpacked), and one JSON export in it.
/// Sizes are checked as the central directory declares them and again while reading, since a hostile zip can lie.
/// The archive is opened anew for each read, because <see cref="ImportedSite"/> owns nothing to close.
/// </summary>
internal sealed class GhostArchive
{
    public const int MaxEntries = 100_000;
    public const long MaxTotalBytes = 4L << 30;
    public const int MaxRatio = 100;
    public const int MaxImageBytes = 20 << 20;

    // Below this an entry may compress past any ratio (a file of spaces) without harm.
    private const long RatioFloor = 1 << 20;

    private const string Images = "content/images/";

    private readonly string path;
    private readonly string jsonEntry;

    // "content/images/2024/05/a.jpg" → the entry's name, whatever folder the export was zipped under.
    private readonly Dictionary<string, string> images;

    private GhostArchive(string path, string jsonEntry, Dictionary<string, string> images) =>
        (this.path, this.jsonEntry, this.images) = (path, jsonEntry, images);

    public static GhostArchive Open(string path)
    {
        using var zip = OpenZip(path);
        if (zip.Entries.Count > MaxEntries)
        {
            throw new ImportRefusedException($"This zip holds {zip.Entries.Count:N0} files, more than the {MaxEntries:N0} an export may have.");
        }

        var images = new Dictionary<string, string>(StringComparer.Ordinal);
        (string Name, int Depth, long Length)? json = null;
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            if (name.StartsWith('/') || name.Contains(':', StringComparison.Ordinal) || name.Split('/').Contains(".."))
            {
                throw new ImportRefusedException($"This zip holds a file whose path leads outside it ({Shorten(name)}), so it is refused.");
            }

            total += entry.Length;
            if (total > MaxTotalBytes)
            {
                throw new ImportRefusedException($"This zip expands to more than {MaxTotalBytes >> 30} GB, more than an export may.");
            }

            CheckRatio(name, entry.Length, entry.CompressedLength);
            if (name.EndsWith('/'))
            {
                continue;
            }

            var imagesAt = name.IndexOf(Images, StringComparison.Ordinal);
            if (imagesAt == 0 || (imagesAt > 0 && name[imagesAt - 1] == '/'))
            {
                images.TryAdd(name[imagesAt..], entry.FullName);
            }
            else if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                // The export is the shallowest JSON file (the zip may put everything under one folder), the largest of those.
                var depth = name.Count(c => c == '/');
                if (json is not { } best || depth < best.Depth || (depth == best.Depth && entry.Length > best.Length))
                {
                    json = (entry.FullName, depth, entry.Length);
                }
            }
        }

        return json is { } found
            ? new GhostArchive(path, found.Name, images)
            : throw new ImportRefusedException("This zip holds no Ghost export: there is no .json file in it.");
    }

    /// <summary>The export's JSON, read with its size held to what the zip declares.</summary>
    public Stream OpenJson()
    {
        var zip = OpenZip(path);
        try
        {
            var entry = zip.GetEntry(jsonEntry) ?? throw new ImportRefusedException("The zip changed while it was read: its JSON file is gone.");
            return new CappedStream(entry.Open(), entry.FullName, entry.Length, zip);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>The bytes of the image at <paramref name="key"/> ("content/images/..."), or null when the zip has none or it is too large.</summary>
    public byte[]? ReadImage(string key, ImportReport report)
    {
        if (!images.TryGetValue(key, out var name) && !images.TryGetValue(Original(key), out name))
        {
            return null;
        }

        using var zip = OpenZip(path);
        if (zip.GetEntry(name) is not { } entry)
        {
            return null;
        }

        if (entry.Length > MaxImageBytes)
        {
            report.Skip("ghost image", $"larger than {MaxImageBytes >> 20} MB");
            return null;
        }

        try
        {
            using var stream = new CappedStream(entry.Open(), name, entry.Length, owner: null);
            using var bytes = new MemoryStream((int)entry.Length);
            stream.CopyTo(bytes);
            return bytes.ToArray();
        }
        catch (Exception e) when (e is ImportRefusedException or InvalidDataException)
        {
            report.Skip("ghost image", "damaged in the zip");
            report.Warn($"The image {Shorten(key)} could not be read from the zip: {e.Message}");
            return null;
        }
    }

    private static ZipArchive OpenZip(string path)
    {
        try
        {
            return ZipFile.OpenRead(path);
        }
        catch (InvalidDataException)
        {
            throw new ImportRefusedException("This file is not a zip archive, or it is a damaged one.");
        }
    }

    private static void CheckRatio(string name, long length, long compressed)
    {
        if (length > RatioFloor && length > Math.Max(compressed, 1) * MaxRatio)
        {
            throw new ImportRefusedException($"The file {Shorten(name)} in this zip expands more than {MaxRatio} times; such a zip is refused.");
        }
    }

    // Ghost serves resized copies as content/images/size/w600/format/webp/...; the zip holds only the original.
    private static string Original(string key)
    {
        var rest = key[Images.Length..];
        foreach (var prefix in (string[])["size/", "format/"])
        {
            if (rest.StartsWith(prefix, StringComparison.Ordinal) && rest.IndexOf('/', prefix.Length) is > 0 and var slash)
            {
                rest = rest[(slash + 1)..];
            }
        }

        return Images + rest;
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";

    /// <summary>An entry's stream that refuses to give more bytes than the entry declared, and closes its zip with it.</summary>
    private sealed class CappedStream(Stream inner, string name, long declared, IDisposable? owner) : Stream
    {
        private long total;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => total;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            total += read;
            return total > declared
                ? throw new ImportRefusedException($"The file {Shorten(name)} in this zip holds more than the {declared:N0} bytes it declares; such a zip is refused.")
                : read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                owner?.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
