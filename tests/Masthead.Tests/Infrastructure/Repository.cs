namespace Masthead.Tests.Infrastructure;

/// <summary>Where the repository these tests were built from is: the folder holding Masthead.slnx above the test output.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Masthead.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Masthead.slnx above {AppContext.BaseDirectory}.");
    }
}
