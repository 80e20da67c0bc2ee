using System.IO.Compression;

namespace Masthead.Tests.Import;

/// <summary>A temporary folder of export files a test writes for itself, deleted with it.</summary>
public sealed class ImportFiles : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("masthead-import-").FullName;

    public string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string WriteZip(string name, params (string Entry, byte[] Bytes)[] entries)
    {
        var path = Path.Combine(directory, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, bytes) in entries)
        {
            using var stream = zip.CreateEntry(entry, CompressionLevel.Optimal).Open();
            stream.Write(bytes);
        }

        return path;
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
