namespace Masthead.Data;

/// <summary>Where Masthead keeps its files: the SQLite database, uploaded images, keys.</summary>
public static class MastheadPaths
{
    /// <summary><c>Masthead:DataDirectory</c>, by default ./data under the directory Masthead was started from.</summary>
    public static string DataDirectory(IConfiguration configuration)
    {
        var directory = Path.GetFullPath(configuration["Masthead:DataDirectory"] is { Length: > 0 } configured ? configured : "data");
        Directory.CreateDirectory(directory);
        return directory;
    }

    public static string MediaDirectory(IConfiguration configuration)
    {
        var directory = Path.Combine(DataDirectory(configuration), "media");
        Directory.CreateDirectory(directory);
        return directory;
    }
}
