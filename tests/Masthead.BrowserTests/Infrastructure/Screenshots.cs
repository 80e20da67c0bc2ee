namespace Masthead.BrowserTests.Infrastructure;

/// <summary>Where browser tests save what a person would see: docs/screenshots, shown in the README.</summary>
public static class Screenshots
{
    private static readonly Lazy<string> Directory = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Masthead.slnx")))
            {
                return System.IO.Directory.CreateDirectory(Path.Combine(directory.FullName, "docs", "screenshots")).FullName;
            }
        }

        throw new InvalidOperationException("Masthead.slnx not found above " + AppContext.BaseDirectory);
    });

    public static string PathFor(string fileName) => Path.Combine(Directory.Value, fileName);
}
