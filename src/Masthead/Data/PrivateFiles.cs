namespace Masthead.Data;

/// <summary>Files that only the user Masthead runs as may read: the personal-data key, the email outbox.</summary>
internal static class PrivateFiles
{
    public const UnixFileMode FileMode = Data.MastheadPaths.PrivateFileMode;
    public const UnixFileMode DirectoryMode = Data.MastheadPaths.PrivateDirectoryMode;

    /// <summary>Creates <paramref name="path"/> (mode 0700 on Unix) unless it exists, and returns it.</summary>
    public static string Directory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
        }
        else
        {
            System.IO.Directory.CreateDirectory(path, DirectoryMode);
        }

        return path;
    }

    /// <summary>
    /// Writes a new file at <paramref name="path"/>, failing with an <see cref="IOException"/> if one is there already.
    /// The file is mode 0600 from its creation, not narrowed after the contents are in, and is written beside its
    /// final name then moved there, so no reader ever sees it half-written.
    /// </summary>
    public static void WriteNew(string path, Action<Stream> write) => Write(path, write, overwrite: false);

    /// <summary>As <see cref="WriteNew"/>, replacing the file in one rename when <paramref name="overwrite"/> is true.</summary>
    public static void Write(string path, Action<Stream> write, bool overwrite)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
