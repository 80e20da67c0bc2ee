namespace Masthead.Data;

/// <summary>Where Masthead keeps its files: the SQLite database, uploaded images, keys.</summary>
public static class MastheadPaths
{
    public const string DataDirectorySetting = "Masthead:DataDirectory";

    /// <summary>
    /// <c>Masthead:DataDirectory</c>, by default ./data under the directory Masthead was started from. Only the path:
    /// nothing is made on disk until <see cref="CreateDataDirectory"/>, once the settings are known good.
    /// </summary>
    public static string DataDirectory(IConfiguration configuration) =>
        Path.GetFullPath(configuration[DataDirectorySetting] is { Length: > 0 } configured ? configured : "data");

    /// <summary>Makes the data directory if it is missing and proves it writable; an <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> says why not.</summary>
    public static string CreateDataDirectory(IConfiguration configuration)
    {
        var directory = Directory.CreateDirectory(DataDirectory(configuration)).FullName;
        var probe = Path.Combine(directory, $".write-test-{Guid.NewGuid():N}");
        File.WriteAllBytes(probe, []);
        File.Delete(probe);
        return directory;
    }

    public static string MediaDirectory(IConfiguration configuration)
    {
        var directory = Path.Combine(DataDirectory(configuration), "media");
        Directory.CreateDirectory(directory);
        return directory;
    }
}
