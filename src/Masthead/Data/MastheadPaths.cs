namespace Masthead.Data;

/// <summary>Where Masthead reads its own files from (wwwroot, appsettings.json) and keeps its data: the SQLite database, uploaded images, keys.</summary>
public static class MastheadPaths
{
    public const string DataDirectorySetting = "Masthead:DataDirectory";

    /// <summary>
    /// The content root: the folder holding Masthead.dll when it holds wwwroot, as a published app's does, so it finds
    /// its files whatever directory it is started from. A build output has no wwwroot (the SDK serves it from the
    /// project); there, as under <c>dotnet run</c>, which starts in the project folder, the working directory stays
    /// the content root, so src/Masthead's appsettings.json and wwwroot are read where they are edited.
    /// </summary>
    public static string ContentRoot() =>
        Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot")) ? AppContext.BaseDirectory : Directory.GetCurrentDirectory();

    /// <summary>The data directory when none is configured: outside the application's folder, so a redeploy never touches it.</summary>
    public const string DefaultDataDirectory = "/var/lib/masthead";

    /// <summary>The host's options: the settings among <paramref name="args"/> (<see cref="SettingArguments"/>) and <see cref="ContentRoot"/>.</summary>
    public static WebApplicationOptions HostOptions(string[] args) => new() { Args = SettingArguments(args), ContentRootPath = ContentRoot() };

    /// <summary>
    /// The arguments the configuration reads: each <c>--key=value</c>, and each <c>--key</c> with the value after it.
    /// A command's own words, files and flags (<c>--dry-run</c>, which would take the next argument for its value) are
    /// left to the command line alone: ASP.NET Core's configuration takes an
    /// argument starting with "/" (a file's path, <c>import wordpress /tmp/export.xml</c>) for a key and would
    /// swallow the setting after it as its value, and refuses a short "-x" it has no mapping for.
    /// </summary>
    public static string[] SettingArguments(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var kept = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            if (args[i].Contains('=', StringComparison.Ordinal))
            {
                kept.Add(args[i]);
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                kept.Add(args[i]);
                kept.Add(args[++i]);
            }
        }

        return [.. kept];
    }

    /// <summary>
    /// <c>Masthead:DataDirectory</c>: <see cref="DefaultDataDirectory"/> unless set; <c>data</c> in Development
    /// (appsettings.Development.json), so <c>dotnet run</c> keeps it in src/Masthead/data. A relative path is taken
    /// from the content root, never from the directory Masthead happened to be started in. Only the path: nothing is
    /// made on disk until <see cref="CreateDataDirectory"/>, once the settings are known good.
    /// </summary>
    public static string DataDirectory(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[DataDirectorySetting] is { Length: > 0 } value ? value : DefaultDataDirectory;
        var contentRoot = configuration[HostDefaults.ContentRootKey] is { Length: > 0 } root ? root : ContentRoot();
        return Path.GetFullPath(configured, contentRoot);
    }

    /// <summary>Files only the user Masthead runs as may read: the SQLite database (staff password hashes), keys, the outbox.</summary>
    public const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>A new data directory is mode 0700: the SQLite file, keys and outbox are nobody else's to list or read.</summary>
    public const UnixFileMode PrivateDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Makes the data directory if it is missing (mode 0700) and proves it writable; an <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> says why not.</summary>
    public static string CreateDataDirectory(IConfiguration configuration)
    {
        var path = DataDirectory(configuration);
        var directory = (OperatingSystem.IsWindows() ? Directory.CreateDirectory(path) : Directory.CreateDirectory(path, PrivateDirectoryMode)).FullName;
        var probe = Path.Combine(directory, $".write-test-{Guid.NewGuid():N}");
        File.WriteAllBytes(probe, []);
        File.Delete(probe);
        return directory;
    }

    /// <summary>The pickup folder the email goes to when no SMTP server is set (the transport makes it, private to this user).</summary>
    public static string OutboxDirectory(IConfiguration configuration) => Path.Combine(DataDirectory(configuration), "outbox");

    public static string MediaDirectory(IConfiguration configuration)
    {
        var directory = Path.Combine(DataDirectory(configuration), "media");
        Directory.CreateDirectory(directory);
        return directory;
    }
}
